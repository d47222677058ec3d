"""espeak-ng in this process, through ctypes on the library the ``espeakng-loader`` wheel
ships (with its data: Indonesian and English included), so the board speaks on a PC with
no speech service at all.

espeak-ng keeps one global state: every call is made under one lock, and the library is
initialised once (in synchronous mode: ``espeak_Synth`` returns when the sentence is
rendered, the samples having reached our callback).
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from kiosk.voice.pcm import Pcm

log = logging.getLogger(__name__)

#: espeak-ng's voice for each board language.
VOICES: Mapping[str, str] = {"id": "id", "en": "en"}

# espeak-ng's speak_lib.h values.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1
_EE_OK = 0
#: espeak-ng's words per minute: its normal, slowest and fastest.
WPM_NORMAL, WPM_MIN, WPM_MAX = 175, 80, 450

_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class EspeakUnavailable(RuntimeError):
    """The library or its data cannot be loaded on this PC."""


def words_per_minute(rate: float) -> int:
    """The board's rate (-1 slow .. 0 normal .. 1 fast, as QtTextToSpeech has it) in
    espeak-ng's words per minute: 0 is espeak's normal, the ends its slowest and fastest."""
    rate = max(-1.0, min(1.0, rate))
    span = (WPM_NORMAL - WPM_MIN) if rate < 0 else (WPM_MAX - WPM_NORMAL)
    return round(WPM_NORMAL + rate * span)


def library_paths() -> tuple[Path, Path]:
    """The shared library and the espeak-ng-data folder the wheel carries."""
    try:
        import espeakng_loader
    except ImportError as exc:
        raise EspeakUnavailable(f"the espeakng-loader package is not installed ({exc})") from None
    library = Path(espeakng_loader.get_library_path())
    if not library.is_file():
        # The frozen build keeps the wheel's versioned copies (libespeak-ng.so.1), not
        # always the plain name the loader asks for.
        library = next(iter(sorted(library.parent.glob(f"{library.name}.*"))), library)
    return library, Path(espeakng_loader.get_data_path())


class Espeak:
    """One espeak-ng for the process (``Espeak.shared()``): sentences to PCM."""

    _shared: Espeak | None = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lib: ctypes.CDLL | None = None
        self._rate = 0
        self._samples: list[bytes] = []
        self._callback = _CALLBACK(self._collect)  # kept: the library holds the pointer
        self._voice: str | None = None
        self._wpm: int | None = None
        self.version = ""

    @classmethod
    def shared(cls) -> Espeak:
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def _collect(self, wav: ctypes._Pointer[ctypes.c_short], count: int, _events: int) -> int:
        if wav and count > 0:
            self._samples.append(ctypes.string_at(wav, count * 2))
        return 0  # go on

    def _load(self) -> ctypes.CDLL:
        if self._lib is not None:
            return self._lib
        library, data = library_paths()
        began = time.monotonic()
        try:
            lib = ctypes.CDLL(str(library))
        except OSError as exc:
            raise EspeakUnavailable(f"cannot load {library.name} ({exc})") from None
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 500, str(data).encode(), _INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise EspeakUnavailable(f"espeak-ng did not start (data folder {data})")
        lib.espeak_SetSynthCallback(self._callback)
        self._lib, self._rate = lib, rate
        self.version = (lib.espeak_Info(None) or b"").decode(errors="replace")
        log.info(
            "espeak-ng %s started in %.0f ms (%d Hz)",
            self.version,
            1000 * (time.monotonic() - began),
            rate,
        )
        return lib

    def can_speak(self, lang: str) -> bool:
        """Whether espeak-ng loads here and has a voice for ``lang``."""
        if lang not in VOICES:
            return False
        try:
            with self._lock:
                self._select(self._load(), lang, None)
        except EspeakUnavailable as exc:
            log.warning("no espeak-ng voice for %s: %s", lang, exc)
            return False
        return True

    def _select(self, lib: ctypes.CDLL, lang: str, wpm: int | None) -> None:
        voice = VOICES.get(lang)
        if voice is None:
            raise EspeakUnavailable(f"no espeak-ng voice for the language {lang!r}")
        if voice != self._voice:
            if lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise EspeakUnavailable(f"espeak-ng has no voice {voice!r}")
            self._voice, self._wpm = voice, None  # a new voice resets the rate
        if wpm is not None and wpm != self._wpm:
            lib.espeak_SetParameter(_PARAM_RATE, wpm, 0)
            self._wpm = wpm

    def synthesize(self, text: str, lang: str, rate: float = 0.0) -> Pcm:
        """``text`` said in ``lang`` at the board's ``rate``, as mono 16-bit PCM."""
        encoded = text.encode("utf-8") + b"\0"
        with self._lock:
            lib = self._load()
            self._select(lib, lang, words_per_minute(rate))
            self._samples = []
            status = lib.espeak_Synth(
                encoded, len(encoded), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            data, self._samples = b"".join(self._samples), []
        if status != _EE_OK:
            raise EspeakUnavailable(f"espeak-ng could not say the sentence (error {status})")
        return Pcm(data, self._rate)
