"""What is said for a call, in the configured languages and order: the templates and the
number words of kiosk.domain.speech, one sentence per language. The board and
``kiosk voice render`` both take their sentences from here."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.config.settings import DisplaySection
from kiosk.domain.log import about
from kiosk.domain.speech import call_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sentence:
    lang: str
    text: str


def call_sentences(code: str, counter_name: str, display: DisplaySection) -> tuple[Sentence, ...]:
    """The sentences announcing ticket ``code`` at ``counter_name``, in ``display``'s
    languages."""
    sentences: list[Sentence] = []
    for lang in display.languages:
        try:
            text = call_text(code, counter_name, lang, display.template(lang))
        except ValueError:
            # A code the number words cannot read (hand-made data): say it as it is written.
            log.warning(
                "cannot put the code into words; announcing it as written", extra=about(code)
            )
            text = f"{code}, {counter_name}."
        sentences.append(Sentence(lang, text))
    return tuple(sentences)
