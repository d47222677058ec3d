"""What the announcement renderer needs of a voice: espeak-ng and a voice pack both are."""

from __future__ import annotations

from typing import Protocol

from kiosk.voice.pcm import Pcm


class SpeechEngine(Protocol):
    def can_speak(self, lang: str) -> bool: ...

    def synthesize(self, text: str, lang: str, rate: float = 0.0) -> Pcm: ...
