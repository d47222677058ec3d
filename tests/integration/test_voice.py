"""The board's voice, listened to: espeak-ng from the wheel, in this process, with no speech
service, measured with Python's wave module (valid, long enough, not silent)."""

from __future__ import annotations

from kiosk.config.model import DisplaySection
from kiosk.voice.espeak import Espeak, words_per_minute
from kiosk.voice.pcm import Pcm, rms
from kiosk.voice.render import AnnouncementRenderer, chime_pcm
from kiosk.voice.sentences import Sentence, call_sentences

#: A silent or near-silent buffer (dither, hiss) stays far below this.
NOISE_FLOOR_RMS = 100.0


def test_espeak_says_the_call_in_indonesian_and_english() -> None:
    display = DisplaySection(languages=["id", "en"])
    sentences = call_sentences("B-038", "Loket 1", display)
    assert [s.text for s in sentences] == [
        "Nomor antrean B tiga puluh delapan, silakan menuju loket satu.",
        "Queue number B thirty-eight, please go to Loket one.",
    ]
    engine = Espeak.shared()
    for sentence in sentences:
        assert engine.can_speak(sentence.lang)
        pcm = engine.synthesize(sentence.text, sentence.lang, display.rate)
        assert 1500 < pcm.duration_ms < 10_000, sentence
        assert rms(pcm) > 10 * NOISE_FLOOR_RMS, sentence


def test_a_language_espeak_lacks_is_refused() -> None:
    assert not Espeak.shared().can_speak("xx")


def test_the_rate_maps_onto_espeaks_words_per_minute() -> None:
    assert words_per_minute(0.0) == 175
    assert words_per_minute(-1.0) == 80
    assert words_per_minute(1.0) == 450
    assert words_per_minute(-0.15) < 175


def test_a_sentence_is_rendered_once_and_the_announcement_is_chime_then_speech() -> None:
    chime = chime_pcm()
    assert chime is not None
    renderer = AnnouncementRenderer(rate=-0.15, chime=chime, pause_ms=400)
    id_, en = Sentence("id", "Nomor antrean A satu."), Sentence("en", "Queue number A one.")
    first = renderer.sentence(id_)
    assert renderer.sentence(id_) is first  # cached per (sentence, language, rate)
    rendered = renderer.render([id_, en])
    assert rendered.starts_ms[0] == chime.duration_ms
    second = renderer.sentence(en)
    assert rendered.starts_ms[1] == chime.duration_ms + first.duration_ms + 400
    assert (
        rendered.pcm.frames
        == chime.frames + first.frames + Pcm.silence(400, chime.rate).frames + second.frames
    )
    assert rendered.pcm.data.startswith(chime.data)
    assert renderer.render([id_], chime=False).pcm.data == first.data
