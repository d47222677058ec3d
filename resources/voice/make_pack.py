"""Write the default voice pack, resources/voice/id: one WAV clip per phrase the board
says in Indonesian, spoken by espeak-ng (the program's own), and its manifest.toml.

    python resources/voice/make_pack.py

The phrases come from the program itself, not a list kept here: the number words of
kiosk.domain.speech for every ticket number the pack must cover, the fixed words of the
default Indonesian template, the letters A-Z and the words of the default office's counter
names. Each clip is trimmed of espeak-ng's silence at both ends. An office's own pack is a
folder like this one, recorded by a person (`kiosk voice pack check DIR` lists what it
lacks).
"""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from kiosk.config.defaults import DEFAULT_CONFIG  # noqa: E402
from kiosk.config.model import DisplaySection  # noqa: E402
from kiosk.domain.speech import DEFAULT_TEMPLATES, words_id  # noqa: E402
from kiosk.voice.clips import MANIFEST, NUMBERS_CHECKED, words_of  # noqa: E402
from kiosk.voice.espeak import Espeak  # noqa: E402
from kiosk.voice.pcm import Pcm, write_wav  # noqa: E402

OUT = HERE / "id"
#: Below this a sample is espeak-ng's silence (of 32767).
QUIET = 200
MARGIN_MS = 10


def phrases() -> list[str]:
    found: dict[str, None] = {}
    for part in re.split(r"\{\w+\}", DEFAULT_TEMPLATES["id"]):
        text = " ".join(w for w in words_of(part) if w[0].isalnum())
        if text:
            found.setdefault(text)
    for letter in string.ascii_lowercase:
        found.setdefault(letter)
    for n in NUMBERS_CHECKED:
        for word in words_id(n).split():
            found.setdefault(word)
    for counter in DEFAULT_CONFIG["counters"]:
        for word in words_of(str(counter.get("name", ""))):
            if word.isalpha():
                found.setdefault(word)
    return list(found)


def trimmed(pcm: Pcm) -> Pcm:
    data = pcm.data
    samples = [
        int.from_bytes(data[i : i + 2], "little", signed=True) for i in range(0, len(data), 2)
    ]
    loud = [i for i, s in enumerate(samples) if abs(s) > QUIET]
    if not loud:
        return pcm
    margin = round(pcm.rate * MARGIN_MS / 1000)
    start, end = max(0, loud[0] - margin), min(len(samples), loud[-1] + margin)
    return Pcm(data[2 * start : 2 * end], pcm.rate)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rate = DisplaySection().rate
    lines = ["[pack]", 'name = "espeak-ng (generated)"', 'lang = "id"', "", "[clips]"]
    for phrase in phrases():
        name = phrase.replace(" ", "_") + ".wav"
        write_wav(OUT / name, trimmed(Espeak.shared().synthesize(phrase, "id", rate)))
        lines.append(f'"{phrase}" = "{name}"')
    (OUT / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 5} clips")


if __name__ == "__main__":
    main()
