"""The board's chime and voice, each with a silent stand-in when the platform cannot.

QtMultimedia (the chime) and QtTextToSpeech (the voice) are imported only when they are
first wanted: on Linux both need libpulse, which a bare machine may lack, and the board must
still show its calls there. Whatever fails, the announcer's timing stays the same: a silent
chime still takes the chime's length, and a sentence no voice can say stays on screen.
"""

from __future__ import annotations

import logging
import time
import wave
from pathlib import Path

from PySide6.QtCore import QLocale, QLoggingCategory, QObject, Qt, QUrl, Signal

from kiosk.config.settings import DisplaySection
from kiosk.voice.render import chime_path

log = logging.getLogger(__name__)

#: When the sound file cannot be read: about the length of ours.
DEFAULT_CHIME_MS = 1200

_probes_quiet = False


def quiet_multimedia_probes() -> None:
    """Silence Qt's "Couldn't load pipewire/va library" warnings.

    Loading QtMultimedia probes optional backends (PipeWire, VA-API) and warns about each one
    missing, though PulseAudio or ALSA then plays fine. They are noise in the display's log
    and would fail every GUI test (any Qt warning does). Real problems (no audio server, no
    output) still reach the log through other categories.
    """
    global _probes_quiet
    if not _probes_quiet:
        _probes_quiet = True
        QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")


def wav_ms(path: Path | None) -> int:
    """The length of a WAV file in milliseconds (DEFAULT_CHIME_MS if it cannot be read)."""
    if path is None:
        return DEFAULT_CHIME_MS
    try:
        with wave.open(str(path), "rb") as wav:
            return round(1000 * wav.getnframes() / wav.getframerate())
    except (OSError, wave.Error, ZeroDivisionError):
        return DEFAULT_CHIME_MS


# -- the chime ------------------------------------------------------------------------------
class Chime(QObject):
    """A chime that makes no sound but takes its time (also the base of the real one).

    ``duration_ms`` 0 means no chime at all: the announcement starts with the sentence.
    """

    def __init__(self, duration_ms: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration_ms = duration_ms

    @property
    def audible(self) -> bool:
        return False

    def play(self) -> None:
        """Start the sound; returns at once (the announcer waits ``duration_ms``)."""

    def close(self) -> None:
        """Release the audio device."""


class SoundChime(Chime):
    """resources/sounds/chime.wav through QSoundEffect (loaded once, played many times)."""

    def __init__(self, path: Path, volume: float, parent: QObject | None = None) -> None:
        super().__init__(wav_ms(path), parent)
        self._effect: QObject | None = None
        self._complained = False
        try:
            quiet_multimedia_probes()
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as exc:  # e.g. no libpulse on this machine
            log.warning("no sound (QtMultimedia cannot load: %s); the chime is silent", exc)
            return
        if not QMediaDevices.audioOutputs():
            log.warning("no audio output on this machine; the chime is silent")
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(volume)
        self._effect = effect

    @property
    def audible(self) -> bool:
        return self._effect is not None

    def play(self) -> None:
        effect = self._effect
        if effect is None:
            return
        from PySide6.QtMultimedia import QSoundEffect

        assert isinstance(effect, QSoundEffect)
        if effect.status() == QSoundEffect.Status.Error:
            if not self._complained:
                self._complained = True
                log.warning("the chime cannot be played (%s); it stays silent", effect.source())
            return
        effect.play()

    def close(self) -> None:
        if self._effect is None:
            return
        from PySide6.QtMultimedia import QSoundEffect

        if isinstance(self._effect, QSoundEffect):
            self._effect.stop()


def make_chime(display: DisplaySection, parent: QObject | None = None) -> Chime:
    """The configured chime: none, or the sound file (silent, same length, if no audio)."""
    if not (display.announce and display.chime):
        return Chime(0, parent)
    path = chime_path()
    if path is None:
        log.warning("resources/sounds/chime.wav not found; the chime is silent")
        return Chime(DEFAULT_CHIME_MS, parent)
    return SoundChime(path, display.volume, parent)


# -- the voice ------------------------------------------------------------------------------
class Voice(QObject):
    """A voice that cannot say anything (also the base of the real one)."""

    #: The utterance ``say()`` numbered is over (said, failed or stopped by the engine).
    finished = Signal(int)
    #: start() is done: the engine is built (or known to be missing).
    started = Signal()

    def start(self) -> None:
        """Get ready (may take a moment: called once the board is painted)."""
        self.started.emit()

    def can_speak(self, lang: str) -> bool:
        return False

    def say(self, text: str, lang: str) -> int:
        """Start saying ``text``; returns the utterance's number, reported by ``finished``."""
        raise RuntimeError("this voice cannot speak")

    def stop(self) -> None:
        """Stop speaking now (the board gave up waiting); no ``finished`` follows."""

    def close(self) -> None:
        self.stop()


class QtVoice(Voice):
    """QTextToSpeech with the configured engine ("" = the platform's), rate and volume.

    It speaks a language only when the engine has a locale for it: an English voice reading
    Indonesian number words is worse than the text on screen.
    """

    def __init__(
        self, engine: str, *, volume: float, rate: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._volume = volume
        self._rate = rate
        self._tts: QObject | None = None
        self._started = False
        self._locales: dict[str, QLocale | None] = {}
        self._utterance = 0
        self._active: int | None = None  # the utterance being spoken, None when idle

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        try:
            self._build()
        finally:
            self.started.emit()

    def _build(self) -> None:
        try:
            quiet_multimedia_probes()
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as exc:
            log.warning("no text-to-speech (%s); calls are shown, not spoken", exc)
            return
        began = time.monotonic()
        try:
            tts = QTextToSpeech(self.engine, self) if self.engine else QTextToSpeech(self)
        except Exception:
            log.exception("text-to-speech engine %r failed to start", self.engine or "default")
            return
        took = time.monotonic() - began
        if took > 2.0:
            log.warning("the text-to-speech engine took %.1f s to start", took)
        if tts.state() == QTextToSpeech.State.Error:
            log.warning(
                "text-to-speech engine %r unavailable (%s); calls are shown, not spoken",
                tts.engine() or self.engine or "default",
                tts.errorString() or tts.errorReason().name,
            )
            tts.deleteLater()
            return
        tts.setVolume(self._volume)
        tts.setRate(self._rate)
        # Queued: the announcer may start the next sentence, which must not happen inside
        # the engine's own signal.
        tts.stateChanged.connect(self._state_changed, Qt.ConnectionType.QueuedConnection)
        self._tts = tts
        log.info(
            "text-to-speech engine %r, locales %s",
            tts.engine(),
            ", ".join(loc.name() for loc in tts.availableLocales()),
        )

    def _engine(self) -> QObject | None:
        if not self._started:
            self.start()
        return self._tts

    def locale_for(self, lang: str) -> QLocale | None:
        """The engine's locale for ``lang`` (id_ID preferred for "id"), None if it has none."""
        if lang in self._locales:
            return self._locales[lang]
        tts = self._engine()
        if tts is None:  # no engine: nothing to ask (and QtTextToSpeech may not even load)
            return None
        from PySide6.QtTextToSpeech import QTextToSpeech

        found: QLocale | None = None
        if isinstance(tts, QTextToSpeech):
            wanted = QLocale(lang).language()
            matches = [loc for loc in tts.availableLocales() if loc.language() == wanted]
            preferred = QLocale(lang).name()  # "id" -> "id_ID", "en" -> "en_US"
            found = next((loc for loc in matches if loc.name() == preferred), None) or (
                matches[0] if matches else None
            )
            if found is None:
                log.info("no %s voice in the %r engine: showing that text", lang, tts.engine())
        self._locales[lang] = found
        return found

    def can_speak(self, lang: str) -> bool:
        return self.locale_for(lang) is not None

    def say(self, text: str, lang: str) -> int:
        locale = self.locale_for(lang)
        if self._tts is None or locale is None:
            raise RuntimeError(f"no voice for {lang}")
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self._tts
        assert isinstance(tts, QTextToSpeech)
        if tts.locale() != locale:
            tts.setLocale(locale)
        self._utterance += 1
        self._active = self._utterance
        tts.say(text)
        return self._utterance

    def _state_changed(self, state: object) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        done = state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error)
        if done and self._active is not None:
            utterance, self._active = self._active, None
            self.finished.emit(utterance)

    def stop(self) -> None:
        self._active = None  # the engine's "Ready" after stopping is not a finished sentence
        if self._tts is None:
            return
        from PySide6.QtTextToSpeech import QTextToSpeech

        if isinstance(self._tts, QTextToSpeech):
            self._tts.stop(QTextToSpeech.BoundaryHint.Immediate)


def make_voice(display: DisplaySection, parent: QObject | None = None) -> Voice:
    if not (display.announce and display.voice):
        return Voice(parent)
    return QtVoice(display.tts_engine, volume=display.volume, rate=display.rate, parent=parent)
