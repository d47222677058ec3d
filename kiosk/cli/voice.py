"""``kiosk voice``: the board's announcement as sound, without the board.

``render`` writes exactly what the board plays for a call (the chime, then the sentence in
each configured language, or the one given) to a 16-bit PCM WAV; ``test`` plays it on this
PC. Both read only the configuration (the default office without one): no database, no
speech service.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli._common import (
    _COUNTER,
    Commands,
    Parents,
    UsageError,
    _Parser,
    _print_json,
    _settings,
)
from kiosk.domain.numbering import parse_ticket_code

if TYPE_CHECKING:
    from kiosk.voice.pcm import Pcm

#: What ``kiosk voice render`` renders with ("system" speaks only through the board).
ENGINES = ("espeak", "clips")


def _announcement(args: argparse.Namespace) -> tuple[Pcm, float, list[dict[str, object]]]:
    """The command's call as the board would play it, the volume, and its sentences."""
    from kiosk.voice.clips import VoicePackError
    from kiosk.voice.render import SENTENCE_PAUSE_MS, AnnouncementRenderer, chime_pcm, engine_for
    from kiosk.voice.sentences import call_sentences

    if parse_ticket_code(args.code) is None:
        raise UsageError(f"--code {args.code!r} is not a ticket code (e.g. A-012)")
    settings = _settings(args)
    counters = {c.number: c.to_domain().name for c in settings.counters}
    if args.counter not in counters:
        known = ", ".join(str(n) for n in sorted(counters))
        raise UsageError(f"unknown counter {args.counter} (known counters: {known})")
    display = settings.display
    if args.lang_given:  # --lang: that language alone; else the board's languages
        display = display.model_copy(update={"languages": [args.lang_given]})
    # The board's own engine, unless one is asked for (the system's cannot be rendered).
    engine_name = args.engine or (
        display.voice_engine if display.voice_engine in ENGINES else "espeak"
    )
    display = display.model_copy(update={"voice_engine": engine_name})
    try:
        engine = engine_for(display)
    except VoicePackError as exc:
        raise UsageError(str(exc)) from None
    sentences = call_sentences(args.code, counters[args.counter], display)
    chime = chime_pcm() if display.chime and not args.no_chime else None
    renderer = AnnouncementRenderer(
        rate=display.rate, chime=chime, pause_ms=SENTENCE_PAUSE_MS, engine=engine
    )
    for sentence in sentences:
        if not renderer.can_speak(sentence.lang):
            raise UsageError(f"{engine_name} cannot speak {sentence.lang!r} on this PC")
    try:
        rendered = renderer.render(sentences, chime=chime is not None)
    except VoicePackError as exc:
        raise UsageError(str(exc)) from None
    said = [
        {"lang": s.lang, "text": s.text, "starts_ms": at}
        for s, at in zip(sentences, rendered.starts_ms, strict=True)
    ]
    return rendered.pcm, display.volume, said


def cmd_voice_render(args: argparse.Namespace) -> int:
    from kiosk.voice.pcm import write_wav

    pcm, _volume, said = _announcement(args)
    out = Path(args.out)
    try:
        write_wav(out, pcm)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if args.json:
        _print_json({"file": str(out), "duration_ms": pcm.duration_ms, "sentences": said})
    else:
        print(f"{out}: {pcm.duration_ms / 1000:.1f} s")
        for sentence in said:
            print(f"  {sentence['lang']}: {sentence['text']}")
    return 0


def cmd_voice_test(args: argparse.Namespace) -> int:
    # The one command here that needs Qt: the board's own player (QtMultimedia).
    from kiosk.ui.display.speech import play_once

    pcm, volume, said = _announcement(args)
    for sentence in said:
        print(f"{sentence['lang']}: {sentence['text']}")
    if not play_once(pcm, volume):
        raise UsageError("this PC has no audio output to play on (see `kiosk doctor`)")
    print(f"played {pcm.duration_ms / 1000:.1f} s")
    return 0


def cmd_voice_pack_check(args: argparse.Namespace) -> int:
    from kiosk.voice.clips import VoicePack, VoicePackError, check_pack, office_sentences

    settings = _settings(args)
    try:
        pack = VoicePack.load(Path(args.folder))
    except VoicePackError as exc:
        raise UsageError(str(exc)) from None
    missing_words = check_pack(pack, office_sentences(settings, pack.lang))
    missing_files = pack.missing_files()
    if args.json:
        _print_json(
            {
                "pack": pack.name,
                "lang": pack.lang,
                "clips": len(pack.clips),
                "missing_words": missing_words,
                "missing_files": missing_files,
            }
        )
    else:
        print(f"{pack.folder}: {pack.name!r}, {pack.lang}, {len(pack.clips)} clips")
        if missing_words:
            print("no clip for (the office's services, counters and numbers need them):")
            print("  " + ", ".join(missing_words))
        if missing_files:
            print("named in manifest.toml but not there: " + ", ".join(missing_files))
        if not (missing_words or missing_files):
            print("every call of this office can be said")
    return 1 if missing_words or missing_files else 0


def _call_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--code", default="A-012", help="the ticket called (default A-012)")
    p.add_argument("--counter", type=_COUNTER, default=1, help="the counter (default 1)")
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="espeak or clips ([display] voice_pack); default: the board's (espeak if system)",
    )
    p.add_argument("--no-chime", action="store_true", help="the sentences without the chime")


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {"voice": "the board's announcement as sound: render to a WAV, or play it here"}


def add_voice(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    voice = groups.add_parser(
        "voice",
        help=summaries()["voice"],
        parents=[common],
    )
    commands = voice.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    commands.required = True
    render = commands.add_parser(
        "render",
        help="write what the board plays for a call to a 16-bit PCM WAV",
        parents=[common, as_json],
    )
    _call_options(render)
    render.add_argument("--out", required=True, metavar="FILE", help="the WAV file to write")
    render.set_defaults(func=cmd_voice_render)
    test = commands.add_parser(
        "test", help="play what the board says for a call on this PC", parents=[common]
    )
    _call_options(test)
    test.set_defaults(func=cmd_voice_test)
    pack = commands.add_parser("pack", help="voice packs (recorded clips)", parents=[common])
    pack_commands = pack.add_subparsers(dest="pack_action", metavar="ACTION", parser_class=_Parser)
    pack_commands.required = True
    check = pack_commands.add_parser(
        "check",
        help="which clips a pack lacks for this office's services, counters and numbers "
        "(exit 1 if any)",
        parents=[common, as_json],
    )
    check.add_argument("folder", metavar="DIR", help="the pack's folder (with manifest.toml)")
    check.set_defaults(func=cmd_voice_pack_check)
