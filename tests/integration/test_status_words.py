"""A ticket's state has one word in each language wherever it is shown: the command line, the
counter window and the admin window read one catalogue (kiosk.domain.status_words)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import Office
from kiosk.domain.errors import IllegalTransition
from kiosk.domain.model import TicketStatus
from kiosk.domain.status_words import STATUS_WORDS, status_label, status_word
from kiosk.ui.admin import texts as admin_texts
from kiosk.ui.counter.texts import error_text


def test_every_state_has_words_in_both_languages() -> None:
    assert set(STATUS_WORDS) == set(TicketStatus)
    for id_word, en_word in STATUS_WORDS.values():
        assert id_word and en_word and id_word == id_word.lower()


def test_words_as_stored_or_as_messages_write_them() -> None:
    assert status_word("no_show", "en") == status_word("no-show", "en") == "no-show"
    assert status_word(TicketStatus.SERVING, "id") == "sedang dilayani"
    assert status_word("vanished", "id") == "vanished"  # unknown: given back as it came
    assert status_label(TicketStatus.NO_SHOW, "id") == "Tidak hadir"
    assert status_label("serving", "en") == "Being served"


@pytest.mark.parametrize("status", list(TicketStatus))
def test_the_counter_and_the_admin_window_say_the_same_word(status: TicketStatus) -> None:
    word = status_word(status, "id")
    for lang in ("id", "en"):
        assert admin_texts.status_word(status.value, lang) == status_label(status, lang)
    refused = error_text(IllegalTransition("A-007", status.value, "recalled"), "id")
    assert f"berstatus {word};" in refused


def test_the_command_line_says_what_the_windows_say(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    with Office.open(url) as office:
        office.issue_ticket("A")
        called = office.call_next(counter=1)
        assert called is not None
        office.queue.start(called.id)
    shown = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", url, "ticket", "show", "A-001"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert f"  {status_word(TicketStatus.SERVING, 'id')}  " in shown, shown
    assert status_label(TicketStatus.SERVING, "id") == "Sedang dilayani"  # the counter's panel
