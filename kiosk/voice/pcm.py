"""Mono 16-bit PCM: the one sound format of the board (the chime and espeak-ng are both
22050 Hz mono 16-bit), read from and written to WAV, joined and measured."""

from __future__ import annotations

import array
import math
import sys
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = 2


@dataclass(frozen=True, slots=True)
class Pcm:
    """Signed 16-bit little-endian mono samples at ``rate`` Hz."""

    data: bytes
    rate: int

    @property
    def frames(self) -> int:
        return len(self.data) // SAMPLE_BYTES

    @property
    def duration_ms(self) -> int:
        return round(1000 * self.frames / self.rate) if self.rate else 0

    @classmethod
    def silence(cls, ms: int, rate: int) -> Pcm:
        return cls(bytes(SAMPLE_BYTES * round(rate * max(0, ms) / 1000)), rate)


def _samples(data: bytes) -> array.array[int]:
    samples = array.array("h")
    samples.frombytes(data[: len(data) - len(data) % SAMPLE_BYTES])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _to_bytes(samples: array.array[int]) -> bytes:
    if sys.byteorder == "big":
        samples = array.array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def resampled(pcm: Pcm, rate: int) -> Pcm:
    """``pcm`` at ``rate`` Hz (linear interpolation: enough for a chime or a voice)."""
    if pcm.rate == rate or pcm.frames == 0:
        return Pcm(pcm.data, rate) if pcm.frames == 0 else pcm
    src = _samples(pcm.data)
    count = max(1, round(len(src) * rate / pcm.rate))
    step = (len(src) - 1) / max(1, count - 1)
    out = array.array("h", bytes(SAMPLE_BYTES * count))
    for i in range(count):
        pos = i * step
        j = int(pos)
        frac = pos - j
        nxt = src[min(j + 1, len(src) - 1)]
        out[i] = round(src[j] + (nxt - src[j]) * frac)
    return Pcm(_to_bytes(out), rate)


def joined(parts: Iterable[Pcm], rate: int, gap_ms: int = 0) -> Pcm:
    """The parts one after another at ``rate`` Hz, ``gap_ms`` of silence between them."""
    gap = Pcm.silence(gap_ms, rate).data
    chunks = [resampled(p, rate).data for p in parts if p.frames]
    return Pcm(gap.join(chunks), rate)


def read_wav(path: Path) -> Pcm:
    """A 16-bit WAV as mono PCM (a stereo file is mixed down)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != SAMPLE_BYTES:
            raise ValueError(f"{path}: not 16-bit PCM")
        channels, rate = wav.getnchannels(), wav.getframerate()
        data = wav.readframes(wav.getnframes())
    if channels > 1:
        samples = _samples(data)
        mono = array.array(
            "h",
            (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)),
        )
        data = _to_bytes(mono)
    return Pcm(data, rate)


def write_wav(path: Path, pcm: Pcm) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_BYTES)
        wav.setframerate(pcm.rate)
        wav.writeframes(pcm.data)


def rms(pcm: Pcm) -> float:
    """Root mean square of the samples (0 silent, 32767 full scale)."""
    samples = _samples(pcm.data)
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))
