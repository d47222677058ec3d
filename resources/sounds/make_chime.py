"""Write chime.wav: the display board's "ding-dong" before each call (standard library only).

    python resources/sounds/make_chime.py

Two bell-like tones a major third apart (E5 then C5), each a fundamental with two soft
partials, a 15 ms attack (no click) and an exponential decay; 1.2 s, 22050 Hz, mono,
16-bit (about 53 kB). The output is the same every time, so the file in git can be checked
against this script.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
SECONDS = 1.2
#: (start s, frequency Hz, decay time constant s): ding, then dong.
TONES = ((0.0, 659.25, 0.28), (0.42, 523.25, 0.36))
#: Bell partials: (multiple of the fundamental, relative amplitude).
PARTIALS = ((1.0, 1.0), (2.0, 0.28), (3.0, 0.08))
ATTACK = 0.015
PEAK = 0.55  # of full scale: loud enough through a TV, with room for the partials


def sample(t: float) -> float:
    total = 0.0
    for start, freq, decay in TONES:
        local = t - start
        if local < 0:
            continue
        envelope = min(1.0, local / ATTACK) * math.exp(-local / decay)
        for multiple, amplitude in PARTIALS:
            # Higher partials die away faster, as on a struck bar.
            total += (
                amplitude
                * math.exp(-local * (multiple - 1) * 2.5)
                * math.sin(2 * math.pi * freq * multiple * local)
            ) * envelope
    # The last 80 ms fade to silence so the file ends without a click.
    tail = SECONDS - t
    if tail < 0.08:
        total *= max(0.0, tail / 0.08)
    return total


def main() -> None:
    count = int(RATE * SECONDS)
    norm = sum(a for _, a in PARTIALS)
    frames = b"".join(
        struct.pack("<h", round(32767 * PEAK * sample(i / RATE) / norm)) for i in range(count)
    )
    out = Path(__file__).with_name("chime.wav")
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(frames)
    print(f"{out} ({out.stat().st_size} bytes, {SECONDS} s)")


if __name__ == "__main__":
    main()
