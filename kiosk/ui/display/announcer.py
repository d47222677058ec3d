"""The announcement queue: each call gets the chime, then its sentence in every configured
language, and the next call waits until all of that is over.

One announcement at a time, first come first served: a call that arrives while another is
being announced waits its turn (none is cut short, none is lost). The sentence is always on
screen while it is said (``sentence_started``); a language the voice cannot speak is shown
instead and held long enough to read. The engine says when it has finished a sentence; a
timeout measured on the text's length guards against one that never does, and a voice that
times out twice in a row is given up for the text.

With the espeak-ng voice (``speech``) an announcement is one sound: the chime and every
sentence, rendered off the GUI thread as soon as the call is queued, played as one buffer;
each sentence is shown when its sound starts, and the announcement ends when the buffer has
been played. A call espeak-ng cannot render is announced the other way (chime, then the
sentences on screen).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.config.settings import DisplaySection
from kiosk.domain.log import about
from kiosk.domain.model import CallEvent
from kiosk.ui.display.board import (
    Announcement,
    Sentence,
    announcement_for,
    fallback_hold_ms,
    speech_timeout_ms,
)
from kiosk.ui.display.sound import Chime, Voice
from kiosk.ui.display.speech import EspeakSpeech
from kiosk.voice.render import SENTENCE_PAUSE_MS, Rendered

log = logging.getLogger(__name__)

#: The voice is given up after this many sentences in a row it never finished.
VOICE_STRIKES = 2


@dataclass(frozen=True, slots=True)
class AnnounceTimings:
    """How long the parts of an announcement take, in milliseconds (tests shorten them)."""

    #: Without a voice the sentences stay this long (shared by the languages not spoken).
    hold_ms: int
    #: ...but each sentence at least this long (time to read it).
    read_ms: int = 3000
    #: Silence after an announcement, so two calls are heard as two.
    gap_ms: int = 800
    #: Between the sentences of one call (Indonesian, then English).
    pause_ms: int = SENTENCE_PAUSE_MS
    #: Speech timeout: base + per character (see board.speech_timeout_ms).
    speech_base_ms: int = 5000
    speech_per_char_ms: int = 200
    #: None: the chime's own length (the sound file's).
    chime_ms: int | None = None

    @classmethod
    def from_settings(cls, display: DisplaySection) -> AnnounceTimings:
        return cls(hold_ms=round(display.flash_seconds * 1000))


class Announcer(QObject):
    #: An announcement began (Announcement); the board shows its call.
    announcement_started = Signal(object)
    #: A sentence is being said or shown now (Sentence).
    sentence_started = Signal(object)
    #: An announcement is over (Announcement); the next one begins after ``gap_ms``.
    announcement_finished = Signal(object)

    def __init__(
        self,
        display: DisplaySection,
        voice: Voice,
        chime: Chime,
        timings: AnnounceTimings | None = None,
        parent: QObject | None = None,
        *,
        speech: EspeakSpeech | None = None,
    ) -> None:
        """``speech``: the espeak-ng voice (then ``voice`` and ``chime`` only serve a call
        it cannot render)."""
        super().__init__(parent)
        self.display = display
        self.voice = voice
        self.chime = chime
        self.timings = timings or AnnounceTimings.from_settings(display)
        self._queue: deque[Announcement] = deque()
        self._current: Announcement | None = None
        self._index = -1
        self._utterance: int | None = None  # the sentence the voice is saying now
        self._strikes = 0
        self._voice_ok = True
        self._closed = False
        self._step: Callable[[], None] | None = None
        # One single-shot timer drives every step; whatever is pending is in ``_step``.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_step)
        self.voice.finished.connect(self._voice_finished, Qt.ConnectionType.QueuedConnection)
        self.speech = speech
        # Rendered sound by announcement (id: alive in the queue or current meanwhile);
        # None: espeak-ng could not render it.
        self._rendered: dict[int, Rendered | None] = {}
        self._waiting_for_sound = False
        self._sentence_timers: list[QTimer] = []
        if speech is not None:
            speech.player.finished.connect(self._sound_finished)

    # -- state ----------------------------------------------------------------------------
    @property
    def current(self) -> Announcement | None:
        return self._current

    @property
    def pending(self) -> int:
        """Announcements waiting for their turn (not counting the current one)."""
        return len(self._queue)

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue) or self._timer.isActive()

    @property
    def voice_usable(self) -> bool:
        return self._voice_ok

    # -- input ----------------------------------------------------------------------------
    def enqueue(self, call: CallEvent) -> Announcement | None:
        """Queue ``call`` for announcing (nothing when the office turned announcing off)."""
        if self._closed or not self.display.announce:
            return None
        announcement = announcement_for(call, self.display)
        self._queue.append(announcement)
        if self.speech is not None:
            self.speech.prepare(announcement, self._sound_ready)
        if self._current is None and not self._timer.isActive():
            self._start_next()
        return announcement

    # -- the steps ------------------------------------------------------------------------
    def _after(self, ms: int, step: Callable[[], None]) -> None:
        self._step = step
        self._timer.start(max(0, ms))

    def _run_step(self) -> None:
        step, self._step = self._step, None
        if step is not None and not self._closed:
            step()

    def _start_next(self) -> None:
        if self._closed or self._current is not None or not self._queue:
            return
        self._current = self._queue.popleft()
        self._index = -1
        call = self._current.call
        log.info("announcing the call to %s", call.counter_name, extra=about(call.code))
        self.announcement_started.emit(self._current)
        if self.speech is not None:
            self._play_rendered()
            return
        self._chime_then_sentences()

    def _chime_then_sentences(self) -> None:
        chime_ms = (
            self.chime.duration_ms if self.timings.chime_ms is None else self.timings.chime_ms
        )
        if self.chime.duration_ms > 0:
            self.chime.play()
            self._after(chime_ms, self._next_sentence)
        else:
            self._next_sentence()

    # -- the espeak-ng voice: one buffer ----------------------------------------------------
    def _sound_ready(self, announcement: Announcement, rendered: Rendered | None) -> None:
        if self._closed or not (
            announcement is self._current or any(a is announcement for a in self._queue)
        ):
            return  # already over (announced without its sound)
        self._rendered[id(announcement)] = rendered
        if self._waiting_for_sound and announcement is self._current:
            self._timer.stop()
            self._play_rendered()

    def _play_rendered(self) -> None:
        current = self._current
        if current is None or self.speech is None:
            return
        key = id(current)
        if key not in self._rendered:  # still rendering: it comes in a moment
            self._waiting_for_sound = True
            self._after(self.timings.speech_base_ms, self._sound_late)
            return
        self._waiting_for_sound = False
        rendered = self._rendered.pop(key)
        if rendered is None:
            self._chime_then_sentences()
            return
        for sentence, start_ms in zip(current.sentences, rendered.starts_ms, strict=True):
            self._sentence_timers.append(self._show_at(start_ms, sentence))
        log.info(
            "playing %.1f s of sound",
            rendered.pcm.duration_ms / 1000,
            extra=about(current.call.code),
        )
        self.speech.player.play(rendered.pcm)
        # A guard only: the player reports the end of the buffer.
        self._after(rendered.pcm.duration_ms + self.timings.speech_base_ms, self._sound_late)

    def _show_at(self, ms: int, sentence: Sentence) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self.sentence_started.emit(sentence))
        timer.start(max(0, ms))
        return timer

    def _stop_sentence_timers(self) -> None:
        for timer in self._sentence_timers:
            timer.stop()
            timer.deleteLater()
        self._sentence_timers.clear()

    def _sound_finished(self) -> None:
        if self._closed or self._current is None or self._waiting_for_sound:
            return
        self._timer.stop()
        self._finish()

    def _sound_late(self) -> None:
        """The sound never came (rendering stuck) or never ended (the output hung)."""
        current = self._current
        if current is None or self.speech is None:
            return
        if self._waiting_for_sound:
            log.warning("the announcement's sound was not ready in time; showing it instead")
            self._waiting_for_sound = False
            self._rendered[id(current)] = None  # a late render is dropped with it
            self._chime_then_sentences()
            return
        log.warning("the audio output did not finish the announcement in time")
        self.speech.player.stop()
        self._finish()

    # -- the system voice: a sentence at a time --------------------------------------------
    def _next_sentence(self) -> None:
        current = self._current
        if current is None:
            return
        self._index += 1
        if self._index >= len(current.sentences):
            self._finish()
            return
        sentence = current.sentences[self._index]
        self.sentence_started.emit(sentence)
        if self._voice_ok and self.voice.can_speak(sentence.lang):
            self._speak(sentence)
        else:
            unvoiced = sum(1 for s in current.sentences if not self._voiced(s.lang))
            hold = fallback_hold_ms(self.timings.hold_ms, unvoiced, self.timings.read_ms)
            self._after(hold, self._next_sentence)

    def _voiced(self, lang: str) -> bool:
        return self._voice_ok and self.voice.can_speak(lang)

    def _speak(self, sentence: Sentence) -> None:
        try:
            self._utterance = self.voice.say(sentence.text, sentence.lang)
        except Exception:
            log.exception("the voice could not start a sentence; showing it instead")
            self._utterance = None
            hold = fallback_hold_ms(self.timings.hold_ms, 1, self.timings.read_ms)
            self._after(hold, self._next_sentence)
            return
        limit = speech_timeout_ms(
            sentence.text,
            self.display.rate,
            base_ms=self.timings.speech_base_ms,
            per_char_ms=self.timings.speech_per_char_ms,
        )
        self._after(limit, self._speech_timed_out)

    def _voice_finished(self, utterance: int) -> None:
        if utterance != self._utterance or self._closed:
            return  # an earlier sentence the board already gave up on
        self._utterance = None
        self._strikes = 0
        self._timer.stop()
        self._after(self.timings.pause_ms, self._next_sentence)

    def _speech_timed_out(self) -> None:
        self._utterance = None
        self.voice.stop()
        self._strikes += 1
        log.warning("the voice did not finish a sentence in time (%d in a row)", self._strikes)
        if self._strikes >= VOICE_STRIKES:
            self._voice_ok = False
            log.warning("giving up the voice: calls are shown on screen from now on")
        self._next_sentence()

    def _finish(self) -> None:
        done, self._current = self._current, None
        self._index = -1
        self._stop_sentence_timers()
        if done is not None:
            self._rendered.pop(id(done), None)
        if done is not None:
            self.announcement_finished.emit(done)
        # Even with nothing queued: a call arriving a moment later still gets its gap.
        self._after(self.timings.gap_ms, self._start_next)

    # -- the end --------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Drop what is queued and stop speaking (the window is closing)."""
        self._closed = True
        self._queue.clear()
        self._timer.stop()
        self._step = None
        self._stop_sentence_timers()
        self._rendered.clear()
        self.voice.close()
        self.chime.close()
        if self.speech is not None:
            self.speech.close()
