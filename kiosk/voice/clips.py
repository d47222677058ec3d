"""Recorded clips, an office's own voice: a voice pack is a folder of WAV clips and a
``manifest.toml`` naming the phrase each one says::

    [pack]
    name = "Suara kantor"
    lang = "id"

    [clips]
    "nomor antrean" = "nomor_antrean.wav"
    "b" = "b.wav"
    "tiga" = "tiga.wav"
    ...

A sentence (the templates and number words of kiosk.domain.speech, as for espeak-ng) is
cut into the longest phrases the pack has, word by word; the clips are joined with short
gaps (longer at a comma), each faded in and out over a few milliseconds so a joint never
clicks. What the pack lacks for an office (its service letters, its counters' names, the
number pieces) is what ``kiosk voice pack check`` lists.
"""

from __future__ import annotations

import array
import logging
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.config.paths import resources_dir
from kiosk.config.settings import DisplaySection, Settings
from kiosk.domain.speech import words_en, words_id
from kiosk.voice.pcm import Pcm, read_wav, resampled
from kiosk.voice.protocol import SpeechEngine
from kiosk.voice.sentences import call_sentences

log = logging.getLogger(__name__)

MANIFEST = "manifest.toml"
#: Silence between two clips, and at a comma or the end of a clause.
WORD_GAP_MS, COMMA_GAP_MS = 60, 250
#: Each clip is faded in and out over this long (a joint at full amplitude clicks).
FADE_MS = 6
#: The ticket numbers whose words a pack must cover (numbering.py: three digits, more on a
#: day past 999): every number piece appears below 2000 (seribu; dua ribu at 2000).
NUMBERS_CHECKED = range(0, 2001)

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*|[,.;:!?]")


class VoicePackError(ValueError):
    """The pack's folder or manifest cannot be used."""


class MissingClips(VoicePackError):
    def __init__(self, words: Sequence[str]) -> None:
        super().__init__(f"the voice pack has no clip for: {', '.join(words)}")
        self.words = tuple(words)


def default_pack_dir() -> Path | None:
    """The pack shipped with the program (resources/voice/id, made from espeak-ng)."""
    base = resources_dir()
    folder = base / "voice" / "id" if base else None
    return folder if folder is not None and (folder / MANIFEST).is_file() else None


def pack_for(display: DisplaySection) -> VoicePack:
    """The pack ``display`` names (``voice_pack``), else the one shipped."""
    folder = Path(display.voice_pack) if display.voice_pack else default_pack_dir()
    if folder is None:
        raise VoicePackError("no voice pack: set [display] voice_pack to its folder")
    return VoicePack.load(folder)


def words_of(text: str) -> list[str]:
    """The words said (lower case) and the punctuation that makes a pause."""
    return [w.lower() for w in _WORD.findall(text)]


def _faded(pcm: Pcm, fade_ms: int = FADE_MS) -> Pcm:
    samples = array.array("h")
    samples.frombytes(pcm.data)
    if sys.byteorder == "big":
        samples.byteswap()
    n = min(len(samples) // 2, round(pcm.rate * fade_ms / 1000))
    for i in range(n):
        gain = i / n
        samples[i] = round(samples[i] * gain)
        samples[-1 - i] = round(samples[-1 - i] * gain)
    if sys.byteorder == "big":
        samples.byteswap()
    return Pcm(samples.tobytes(), pcm.rate)


@dataclass(frozen=True, slots=True)
class VoicePack:
    folder: Path
    name: str
    lang: str
    #: Phrase (lower case, words separated by one space) -> its WAV file.
    clips: dict[str, Path]

    @classmethod
    def load(cls, folder: Path) -> VoicePack:
        manifest = folder / MANIFEST
        try:
            with manifest.open("rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise VoicePackError(f"{manifest}: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise VoicePackError(f"{manifest}: {exc}") from None
        pack, clips = data.get("pack", {}), data.get("clips", {})
        if not isinstance(pack, dict) or not isinstance(clips, dict) or not clips:
            raise VoicePackError(f"{manifest}: needs a [pack] table and a [clips] table")
        lang = str(pack.get("lang", "id"))
        phrases = {" ".join(words_of(str(k))): folder / str(v) for k, v in clips.items()}
        return cls(folder, str(pack.get("name", folder.name)), lang, phrases)

    @property
    def longest(self) -> int:
        return max(len(p.split()) for p in self.clips)

    def phrases_for(self, text: str) -> tuple[list[str | None], list[str]]:
        """``text`` as the pack's phrases, longest first (None: a pause at punctuation),
        and the words no phrase covers."""
        words = words_of(text)
        out: list[str | None] = []
        missing: list[str] = []
        i = 0
        while i < len(words):
            if not words[i][0].isalnum():
                out.append(None)
                i += 1
                continue
            for size in range(min(self.longest, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                if phrase in self.clips:
                    out.append(phrase)
                    i += size
                    break
            else:
                missing.append(words[i])
                i += 1
        return out, missing

    def missing_files(self) -> list[str]:
        return sorted(p for p, path in self.clips.items() if not path.is_file())

    # -- the engine protocol the renderer uses (espeak.Espeak has the same) ----------------
    def can_speak(self, lang: str) -> bool:
        return lang == self.lang

    def synthesize(self, text: str, lang: str, rate: float = 0.0) -> Pcm:
        """``text`` from the clips (``rate`` is the recording's own: not used)."""
        return self.render(text)[0]

    def render(self, text: str) -> tuple[Pcm, list[int]]:
        """``text`` from the clips, and the frames where a clip meets a gap (the joints)."""
        phrases, missing = self.phrases_for(text)
        if missing:
            raise MissingClips(sorted(set(missing)))
        pieces: list[Pcm] = []
        gap_ms = 0
        for phrase in phrases:
            if phrase is None:  # punctuation: the next gap is a pause
                gap_ms = COMMA_GAP_MS
                continue
            try:
                clip = _faded(read_wav(self.clips[phrase]))
            except (OSError, ValueError, EOFError) as exc:
                raise VoicePackError(f"clip {phrase!r}: {exc}") from None
            if pieces:
                pieces.append(Pcm.silence(gap_ms or WORD_GAP_MS, pieces[0].rate))
            pieces.append(resampled(clip, pieces[0].rate) if pieces else clip)
            gap_ms = 0
        if not pieces:
            return Pcm(b"", 22050), []
        joints: list[int] = []
        at = 0
        for piece in pieces[:-1]:
            at += piece.frames
            joints.append(at)
        return Pcm(b"".join(p.data for p in pieces), pieces[0].rate), joints


class WithFallback:
    """The pack for its language, another engine (espeak-ng) for the others."""

    def __init__(self, pack: VoicePack, other: SpeechEngine) -> None:
        self.pack = pack
        self.other = other

    def _for(self, lang: str) -> SpeechEngine:
        return self.pack if self.pack.can_speak(lang) else self.other

    def can_speak(self, lang: str) -> bool:
        return self._for(lang).can_speak(lang)

    def synthesize(self, text: str, lang: str, rate: float = 0.0) -> Pcm:
        engine = self._for(lang)
        try:
            return engine.synthesize(text, lang, rate)
        except VoicePackError as exc:
            if engine is self.other:
                raise
            # Said, in another voice, rather than only shown: and the log names the clips.
            log.warning("%s; this sentence is said by espeak-ng", exc)
            return self.other.synthesize(text, lang, rate)


def office_sentences(settings: Settings, lang: str) -> list[str]:
    """What a board of this office can say in ``lang``: each service letter to each counter
    (the number as a word the pack must have anyway), and every number's words."""
    display: DisplaySection = settings.display.model_copy(update={"languages": [lang]})
    letters = sorted({s.code.split("-")[0] for s in settings.services}) or ["A"]
    counters = [c.to_domain().name for c in settings.counters] or ["Loket 1"]
    texts = [
        s.text
        for letter in letters
        for counter in counters
        for s in call_sentences(f"{letter}-001", counter, display)
    ]
    spell = words_id if lang == "id" else words_en
    texts += [spell(n) for n in NUMBERS_CHECKED]
    return texts


def check_pack(pack: VoicePack, texts: Iterable[str]) -> list[str]:
    """The words of ``texts`` the pack has no clip for, in order of first use."""
    missing: dict[str, None] = {}
    for text in texts:
        for word in pack.phrases_for(text)[1]:
            missing.setdefault(word)
    return list(missing)
