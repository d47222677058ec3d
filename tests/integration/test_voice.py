"""The board's voice, listened to: espeak-ng from the wheel, in this process, with no speech
service, measured with Python's wave module (valid, long enough, not silent)."""

from __future__ import annotations

import array
import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from kiosk.config.model import DisplaySection
from kiosk.voice.clips import VoicePack, default_pack_dir
from kiosk.voice.espeak import Espeak, words_per_minute
from kiosk.voice.pcm import Pcm, read_wav, rms
from kiosk.voice.render import AnnouncementRenderer, chime_pcm, engine_for
from kiosk.voice.sentences import Sentence, call_sentences

#: A silent or near-silent buffer (dither, hiss) stays far below this.
NOISE_FLOOR_RMS = 100.0
#: A sample-to-sample jump at a joint above this is heard as a click.
CLICK_THRESHOLD = 500


def test_espeak_says_the_call_in_indonesian_and_english() -> None:
    display = DisplaySection(languages=["id", "en"])
    sentences = call_sentences("B-038", "Loket 1", display)
    assert [s.text for s in sentences] == [
        "Nomor antrean B tiga puluh delapan, silakan menuju loket satu.",
        "Queue number B thirty-eight, please go to counter one.",
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


# -- kiosk voice render: the fixed interface, listened to with the wave module --------------
def render(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, as a check outside the project runs it: no configuration file (the
    default office), no database, no speech service, a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    home = tmp_path / "home"
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
    )
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "voice", "render", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_voice_render_writes_the_whole_announcement_as_a_16_bit_wav(
    tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"call-{lang}.wav"
    proc = render(tmp_path, "--code", "B-038", "--counter", "1", "--lang", lang, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with wave.open(str(out), "rb") as wav:
        assert (wav.getsampwidth(), wav.getnchannels(), wav.getcomptype()) == (2, 1, "NONE")
        seconds = wav.getnframes() / wav.getframerate()
    assert 2.0 <= seconds <= 15.0, seconds
    pcm = read_wav(out)
    assert rms(pcm) > 10 * NOISE_FLOOR_RMS
    # The chime comes first, as on the board.
    chime = chime_pcm()
    assert chime is not None
    assert pcm.data.startswith(chime.data)
    assert not (tmp_path / "home" / "data").exists(), "no database was made"


def test_voice_render_without_the_chime_is_the_sentence_alone(tmp_path: Path) -> None:
    out = tmp_path / "call.wav"
    proc = render(
        tmp_path,
        *("--code", "A-012", "--counter", "3", "--no-chime", "--json", "--out", str(out)),
    )
    assert proc.returncode == 0, proc.stderr
    told = json.loads(proc.stdout)
    assert told["sentences"] == [
        {
            "lang": "id",
            "text": "Nomor antrean A dua belas, silakan menuju loket tiga.",
            "starts_ms": 0,
        }
    ]
    pcm = read_wav(out)
    assert told["duration_ms"] == pcm.duration_ms
    chime = chime_pcm()
    assert chime is not None and not pcm.data.startswith(chime.data[:4410])
    assert rms(pcm) > 10 * NOISE_FLOOR_RMS


def test_voice_render_refuses_what_it_cannot_say(tmp_path: Path) -> None:
    bad_code = render(tmp_path, "--code", "012", "--out", str(tmp_path / "a.wav"))
    assert bad_code.returncode == 2 and "not a ticket code" in bad_code.stderr
    bad_counter = render(tmp_path, "--counter", "99", "--out", str(tmp_path / "b.wav"))
    assert bad_counter.returncode == 2 and "unknown counter 99" in bad_counter.stderr
    assert not (tmp_path / "a.wav").exists() and not (tmp_path / "b.wav").exists()


def test_a_call_sentence_lasts_about_four_and_a_half_seconds_at_the_halls_rate() -> None:
    """The default rate (-0.15) for a hall: measured 4.4 s for "Nomor antrean B tiga puluh
    delapan, silakan menuju loket satu." (espeak-ng 1.52, 161 words a minute); asserted
    loosely, a different espeak-ng may differ a little."""
    rate = DisplaySection().rate
    assert rate == -0.15
    text = call_sentences("B-038", "Loket 1", DisplaySection())[0].text
    pcm = Espeak.shared().synthesize(text, "id", rate)
    assert 3.0 <= pcm.duration_ms / 1000 <= 6.5, pcm.duration_ms
    normal = Espeak.shared().synthesize(text, "id", 0.0)
    assert normal.duration_ms < pcm.duration_ms  # slower is longer


# -- kiosk doctor -----------------------------------------------------------------------------
def test_doctor_names_what_the_board_speaks_with() -> None:
    from kiosk.config.settings import settings_from_dict
    from kiosk.tools.doctor.findings import Context
    from kiosk.tools.doctor.voice import check_voice

    def voice_finding(display: dict[str, object]) -> tuple[str, str]:
        ctx = Context(None, None, settings=settings_from_dict({"display": display}))
        (finding,) = check_voice(ctx)
        return finding.status, finding.message

    status, message = voice_finding({"languages": ["id", "en"]})
    assert status == "ok"
    assert "espeak-ng" in message and "id (" in message and "en (" in message
    status, message = voice_finding({"voice_engine": "system"})
    assert status == "ok" and "platform's voices" in message
    assert "does not speak" in voice_finding({"voice": False})[1]


# -- recorded clips: a voice pack -------------------------------------------------------------
def voice_pack_check(tmp_path: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "home" / "config")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "voice", "pack", "check", str(folder), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_shipped_pack_says_every_call_of_the_default_office(tmp_path: Path) -> None:
    folder = default_pack_dir()
    assert folder is not None
    proc = voice_pack_check(tmp_path, folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    told = json.loads(proc.stdout)
    assert told["missing_words"] == [] and told["missing_files"] == []
    assert told["lang"] == "id" and told["clips"] >= 40


def test_pack_check_names_the_clips_an_office_lacks(tmp_path: Path) -> None:
    shipped = default_pack_dir()
    assert shipped is not None
    folder = tmp_path / "pack"
    shutil.copytree(shipped, folder)
    manifest = folder / "manifest.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(('"prioritas"', '"belas"'))]
    manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    (folder / "ribu.wav").unlink()
    proc = voice_pack_check(tmp_path, folder)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    told = json.loads(proc.stdout)
    assert set(told["missing_words"]) == {"prioritas", "belas"}  # "Loket Prioritas", 12..19
    assert told["missing_files"] == ["ribu"]


def test_clips_join_without_clicks_and_render_the_whole_call(tmp_path: Path) -> None:
    pack = VoicePack.load(default_pack_dir() or Path("missing"))
    text = call_sentences("B-038", "Loket 1", DisplaySection())[0].text
    pcm, joints = pack.render(text)
    assert len(joints) >= 10  # 7 clips, 6 gaps between them
    samples = array.array("h")
    samples.frombytes(pcm.data)
    jumps = [
        abs(samples[k + 1] - samples[k])
        for joint in joints
        for k in range(max(0, joint - 2), min(len(samples) - 1, joint + 2))
    ]
    # Speech itself jumps by thousands from one sample to the next; a joint by little.
    assert max(jumps) < CLICK_THRESHOLD, max(jumps)
    assert max(abs(samples[k + 1] - samples[k]) for k in range(len(samples) - 1)) > 2000

    out = tmp_path / "clips.wav"
    proc = render(
        tmp_path,
        "--engine",
        "clips",
        "--code",
        "B-038",
        "--counter",
        "1",
        "--lang",
        "id",
        "--out",
        str(out),
    )
    assert proc.returncode == 0, proc.stderr
    with wave.open(str(out), "rb") as wav:
        assert wav.getsampwidth() == 2
        seconds = wav.getnframes() / wav.getframerate()
    assert 2.0 <= seconds <= 15.0
    written = read_wav(out)
    chime = chime_pcm()
    assert chime is not None
    assert written.data == chime.data + pcm.data  # exactly the chime, then the clips
    assert rms(written) > 10 * NOISE_FLOOR_RMS


def test_a_word_the_pack_lacks_is_said_by_espeak_rather_than_not_at_all(tmp_path: Path) -> None:
    shipped = default_pack_dir()
    assert shipped is not None
    folder = tmp_path / "pack"
    shutil.copytree(shipped, folder)
    manifest = folder / "manifest.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text(
        "\n".join(line for line in lines if not line.startswith('"prioritas"')) + "\n",
        encoding="utf-8",
    )
    display = DisplaySection(voice_engine="clips", voice_pack=str(folder))
    engine = engine_for(display)
    text = call_sentences("A-001", "Loket Prioritas", display)[0].text
    said = engine.synthesize(text, "id", display.rate)
    # espeak-ng's (its samples differ a little from one rendering to the next: the length)
    espeak = Espeak.shared().synthesize(text, "id", display.rate)
    assert abs(said.frames - espeak.frames) < 0.02 * espeak.frames
    assert rms(said) > 10 * NOISE_FLOOR_RMS
    plain = call_sentences("A-001", "Loket 1", display)[0].text
    assert engine.synthesize(plain, "id").data == VoicePack.load(folder).render(plain)[0].data


def test_voice_test_plays_here_or_says_there_is_no_output(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "home" / "config"))
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "voice", "test", "--code", "B-038", "--lang", "id"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert "Traceback" not in proc.stderr
    assert "id: Nomor antrean B tiga puluh delapan" in proc.stdout
    if proc.returncode == 0:  # a PC with an audio output (a sound server)
        assert "played 5." in proc.stdout
    else:
        assert proc.returncode == 2
        assert "no audio output" in proc.stderr
