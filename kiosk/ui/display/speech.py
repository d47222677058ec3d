"""The espeak-ng voice on the board: announcements rendered on a worker thread (kiosk/voice,
no Qt) and each played as one buffer through QtMultimedia, chime and sentences joined, so
the board knows exactly when the sound ends.

Rendering starts when the call arrives (about 20 ms a sentence, then cached), before its
turn comes. Without an audio output the player stays silent but takes the buffer's length,
so the board's timing is the same everywhere; what it was given to play is kept in
``PcmPlayer.queued`` (the log and the tests read it).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, Signal

from kiosk.config.settings import DisplaySection
from kiosk.ui.common.worker import Worker
from kiosk.ui.display.board import Announcement
from kiosk.ui.display.sound import quiet_multimedia_probes
from kiosk.voice.clips import VoicePackError
from kiosk.voice.pcm import Pcm
from kiosk.voice.render import AnnouncementRenderer, Rendered, chime_pcm, engine_for

log = logging.getLogger(__name__)

#: Buffers remembered in ``PcmPlayer.queued``.
QUEUED_KEPT = 8
#: How often the player asks the sink whether the buffer is over.
POLL_MS = 40


class PcmPlayer(QObject):
    """One PCM buffer at a time through QAudioSink (pull mode from a QBuffer)."""

    #: The buffer ``play()`` was given has been played (or its length has passed).
    finished = Signal()

    def __init__(self, volume: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.volume = volume
        self.queued: deque[Pcm] = deque(maxlen=QUEUED_KEPT)
        self._sink: QObject | None = None
        self._sink_rate = 0
        self._buffer: QBuffer | None = None
        self._playing = False
        self._output_checked = False
        self._has_output = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_state)
        # Silent stand-in: the buffer's length on a timer.
        self._silent = QTimer(self)
        self._silent.setSingleShot(True)
        self._silent.timeout.connect(self._done)

    @property
    def audible(self) -> bool:
        if not self._output_checked:
            self._output_checked = True
            try:
                quiet_multimedia_probes()
                from PySide6.QtMultimedia import QMediaDevices
            except ImportError as exc:  # e.g. no libpulse on this machine
                log.warning("no sound (QtMultimedia cannot load: %s); the board is silent", exc)
                return False
            self._has_output = bool(QMediaDevices.audioOutputs())
            if not self._has_output:
                log.warning("no audio output on this machine; announcements are silent")
        return self._has_output

    def play(self, pcm: Pcm) -> None:
        self.stop()
        self.queued.append(pcm)
        self._playing = True
        if not self.audible or not self._start_sink(pcm):
            self._silent.start(pcm.duration_ms)

    def _start_sink(self, pcm: Pcm) -> bool:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

        if self._sink is None or self._sink_rate != pcm.rate:
            if self._sink is not None:
                self._sink.deleteLater()
            fmt = QAudioFormat()
            fmt.setSampleRate(pcm.rate)
            fmt.setChannelCount(1)
            fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            device = QMediaDevices.defaultAudioOutput()
            if not device.isFormatSupported(fmt):
                log.warning("the audio output cannot play %d Hz mono; silent", pcm.rate)
                return False
            made = QAudioSink(device, fmt, self)
            made.setVolume(self.volume)
            self._sink, self._sink_rate = made, pcm.rate
        sink = self._sink
        assert isinstance(sink, QAudioSink)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pcm.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        sink.start(buffer)
        # By name: the enum is QAudio's before Qt 6.7 and QtAudio's after.
        if sink.error().name != "NoError":
            log.warning("the audio output refused the announcement (%s); silent", sink.error())
            return False
        self._poll.start()
        return True

    def _check_state(self) -> None:
        # Idle: the buffer ran out (all of it played); Stopped: an error or stop(). Asked
        # of the sink on a timer: its stateChanged comes from the audio thread with a
        # QAudio enum PySide6 cannot hand a Python slot across threads.
        sink = self._sink
        if sink is None or not self._playing:
            return
        from PySide6.QtMultimedia import QAudioSink

        assert isinstance(sink, QAudioSink)
        if sink.state().name in ("IdleState", "StoppedState"):
            self._done()

    def _done(self) -> None:
        self._poll.stop()
        if not self._playing:
            return
        self._playing = False
        self._release()
        self.finished.emit()

    def _release(self) -> None:
        sink = self._sink
        if sink is not None:
            from PySide6.QtMultimedia import QAudioSink

            assert isinstance(sink, QAudioSink)
            sink.stop()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def stop(self) -> None:
        """Stop now; no ``finished`` follows."""
        self._playing = False
        self._silent.stop()
        self._poll.stop()
        self._release()

    def close(self) -> None:
        self.stop()


class EspeakSpeech(QObject):
    """Announcements as sound: rendered on the "voice" worker, played by ``player``."""

    def __init__(
        self,
        renderer: AnnouncementRenderer,
        player: PcmPlayer,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.player = player
        player.setParent(self)
        self._worker = Worker("voice", self)

    def start(self, languages: tuple[str, ...]) -> None:
        """Load espeak-ng and its voices now, so the first call does not wait for them."""
        renderer = self.renderer

        def warm() -> list[str]:
            return [lang for lang in languages if not renderer.can_speak(lang)]

        def report(missing: list[str]) -> None:
            if missing:
                log.warning("espeak-ng cannot speak %s: shown on screen", ", ".join(missing))

        self._worker.submit(warm, on_done=report, on_error=self._failed)

    def prepare(
        self,
        announcement: Announcement,
        on_ready: Callable[[Announcement, Rendered | None], None],
    ) -> None:
        """Render ``announcement`` off the GUI thread; ``on_ready`` gets the sound, or None
        when espeak-ng cannot say it (the board then shows the sentences)."""
        renderer = self.renderer

        def render() -> Rendered:
            return renderer.render(announcement.sentences)

        def failed(exc: Exception) -> None:
            self._failed(exc)
            on_ready(announcement, None)

        self._worker.submit(render, on_done=lambda r: on_ready(announcement, r), on_error=failed)

    def _failed(self, exc: Exception) -> None:
        log.warning("espeak-ng cannot speak (%s); calls are shown on screen", exc)

    def close(self) -> None:
        self.player.close()
        self._worker.stop(timeout=1.0)


def make_espeak_speech(
    display: DisplaySection, pause_ms: int, parent: QObject | None = None
) -> EspeakSpeech | None:
    """The program's own voice when ``display`` asks for it (announce, voice, engine
    "espeak" or "clips"); None for the system's voice, or when the pack cannot be used."""
    if not (display.announce and display.voice and display.voice_engine != "system"):
        return None
    try:
        engine = engine_for(display)
    except VoicePackError as exc:
        log.warning("the voice pack cannot be used (%s); the board speaks with espeak-ng", exc)
        engine = engine_for(display.model_copy(update={"voice_engine": "espeak"}))
    chime = chime_pcm() if display.chime else None
    if display.chime and chime is None:
        log.warning("resources/sounds/chime.wav not found; announcements start with the voice")
    renderer = AnnouncementRenderer(
        rate=display.rate, chime=chime, pause_ms=pause_ms, engine=engine
    )
    return EspeakSpeech(renderer, PcmPlayer(display.volume), parent)


def play_once(pcm: Pcm, volume: float) -> bool:
    """Play ``pcm`` on this PC's default audio output and return when it is over
    (``kiosk voice test``); False when there is no output to play it on."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    app = QCoreApplication.instance() or QCoreApplication([])
    player = PcmPlayer(volume, app)
    try:
        if not player.audible:
            return False
        loop = QEventLoop()
        player.finished.connect(loop.quit)
        QTimer.singleShot(pcm.duration_ms + 5000, loop.quit)  # an output that never ends
        player.play(pcm)
        loop.exec()
        return True
    finally:
        player.close()
        player.deleteLater()
