"""The whole announcement as one PCM buffer: the chime, then each sentence with a pause
between languages. The board plays it; ``kiosk voice render`` writes it. Sentences are
rendered once per (sentence, language, rate) and kept (a board says the same few hundred
sentences all day)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.config.paths import resources_dir
from kiosk.config.settings import DisplaySection
from kiosk.voice.espeak import Espeak
from kiosk.voice.pcm import Pcm, joined, read_wav
from kiosk.voice.protocol import SpeechEngine
from kiosk.voice.sentences import Sentence

#: Silence between the sentences of one call (Indonesian, then English), in milliseconds.
SENTENCE_PAUSE_MS = 400
#: Rendered sentences kept (a few seconds of 22 kHz audio each: ~200 KB).
CACHE_SIZE = 256


def chime_path() -> Path | None:
    """resources/sounds/chime.wav, None when it is not there."""
    base = resources_dir()
    path = base / "sounds" / "chime.wav" if base else None
    return path if path is not None and path.is_file() else None


def chime_pcm() -> Pcm | None:
    path = chime_path()
    return read_wav(path) if path is not None else None


@dataclass(frozen=True, slots=True)
class Rendered:
    """An announcement's sound and where each sentence starts in it (ms from the start)."""

    pcm: Pcm
    starts_ms: tuple[int, ...]


class AnnouncementRenderer:
    """Sentences -> the announcement's PCM (thread-safe: the board renders on a worker)."""

    def __init__(
        self,
        *,
        rate: float,
        chime: Pcm | None,
        pause_ms: int = SENTENCE_PAUSE_MS,
        engine: SpeechEngine | None = None,
    ) -> None:
        self.engine: SpeechEngine = engine or Espeak.shared()
        self.rate = rate
        self.chime = chime
        self.pause_ms = pause_ms
        self._cache: OrderedDict[tuple[str, str, float], Pcm] = OrderedDict()
        self._lock = threading.Lock()

    def can_speak(self, lang: str) -> bool:
        return self.engine.can_speak(lang)

    def sentence(self, sentence: Sentence) -> Pcm:
        key = (sentence.text, sentence.lang, self.rate)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        pcm = self.engine.synthesize(sentence.text, sentence.lang, self.rate)
        with self._lock:
            self._cache[key] = pcm
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return pcm

    def render(self, sentences: Sequence[Sentence], *, chime: bool = True) -> Rendered:
        speech = [self.sentence(s) for s in sentences]
        rate = speech[0].rate if speech else (self.chime.rate if self.chime else 22050)
        parts: list[Pcm] = []
        starts: list[int] = []
        at = 0
        if chime and self.chime is not None and self.chime.frames:
            parts.append(self.chime)
            at = self.chime.duration_ms
        for i, pcm in enumerate(speech):
            if i:
                parts.append(Pcm.silence(self.pause_ms, rate))
                at += self.pause_ms
            starts.append(at)
            parts.append(pcm)
            at += pcm.duration_ms
        return Rendered(joined(parts, rate), tuple(starts))


def engine_for(display: DisplaySection) -> SpeechEngine:
    """The engine ``display`` asks for: the voice pack ("clips": ``voice_pack``, else the
    one shipped) with espeak-ng for the languages it lacks, or espeak-ng alone."""
    if display.voice_engine != "clips":
        return Espeak.shared()
    from kiosk.voice.clips import WithFallback, pack_for

    return WithFallback(pack_for(display), Espeak.shared())
