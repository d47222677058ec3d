"""Check 6: whether the board can speak each configured language, and with what: espeak-ng
from the program itself (loaded and made to say the call sentence, here in this process),
or the platform's voices (asked by the board at its start; only named here)."""

from __future__ import annotations

from kiosk.tools.doctor.findings import Context, Finding

SAMPLE_CODE, SAMPLE_COUNTER = "A-012", "Loket 1"


def check_voice(ctx: Context) -> list[Finding]:
    display = ctx.settings.display
    if not (display.announce and display.voice):
        return [Finding("voice", "ok", "the board does not speak (announce or voice is off)")]
    languages = ", ".join(display.languages)
    if display.voice_engine == "system":
        return [
            Finding(
                "voice",
                "ok",
                f"the board speaks {languages} with the platform's voices (voice_engine "
                '"system"); a language without a voice there is shown, not said',
                None,
            )
        ]
    if display.voice_engine == "clips":
        return _check_pack(ctx)
    from kiosk.voice.espeak import Espeak, EspeakUnavailable
    from kiosk.voice.sentences import call_sentences

    engine = Espeak.shared()
    said: list[str] = []
    missing: list[str] = []
    try:
        for sentence in call_sentences(SAMPLE_CODE, SAMPLE_COUNTER, display):
            pcm = engine.synthesize(sentence.text, sentence.lang, display.rate)
            if pcm.frames:
                said.append(f"{sentence.lang} ({pcm.duration_ms / 1000:.1f} s)")
            else:
                missing.append(sentence.lang)
    except EspeakUnavailable as exc:
        return [
            Finding(
                "voice",
                "problem",
                f"espeak-ng cannot speak here: {exc}; calls are shown, not said",
                "reinstall the program (its espeakng-loader package carries espeak-ng), "
                'or set [display] voice_engine = "system"',
            )
        ]
    if missing:
        return [
            Finding(
                "voice",
                "problem",
                f"espeak-ng {engine.version} said nothing for {', '.join(missing)}",
                "kiosk voice render --out call.wav and listen to it; reinstall the program",
            )
        ]
    return [
        Finding(
            "voice",
            "ok",
            f"the board speaks with espeak-ng {engine.version} (shipped): "
            f"{', '.join(said)} for a call sentence",
        )
    ]


def _check_pack(ctx: Context) -> list[Finding]:
    from kiosk.voice.clips import VoicePackError, check_pack, office_sentences, pack_for

    display = ctx.settings.display
    try:
        pack = pack_for(display)
    except VoicePackError as exc:
        return [
            Finding(
                "voice",
                "problem",
                f"the voice pack cannot be used ({exc}); the board speaks with espeak-ng",
                "set [display] voice_pack to the pack's folder; kiosk voice pack check DIR",
            )
        ]
    missing = check_pack(pack, office_sentences(ctx.settings, pack.lang)) + pack.missing_files()
    others = [lang for lang in display.languages if lang != pack.lang]
    said = f"the voice pack {pack.name!r} ({pack.folder}) for {pack.lang}" + (
        f", espeak-ng for {', '.join(others)}" if others else ""
    )
    if missing:
        return [
            Finding(
                "voice",
                "warning",
                f"{said}; it has no clip for {', '.join(missing)} (espeak-ng says those calls)",
                f"record them; kiosk voice pack check {pack.folder}",
            )
        ]
    return [Finding("voice", "ok", f"the board speaks with {said}")]
