"""``kiosk printer``: the slip printer's state, a test page, alerts and a slip's picture."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli._common import (
    Commands,
    Parents,
    _office,
    _Parser,
    _print_json,
    _ref,
    _settings,
)


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {"printer": "the slip printer"}


def cmd_printer_status(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import make_printer

    settings = _settings(args)
    printer = make_printer(settings, port=args.port, baudrate=args.baud)
    try:
        state = printer.status()
        advice = printer.explain(state)
    finally:
        printer.close()
    kind = "serial" if args.port else settings.printer.kind
    where = args.port or settings.printer.port or settings.printer.host or ""
    if args.json:
        _print_json(
            {
                "state": state.value,
                "advice": advice,
                "kind": kind,
                "where": where,
                "can_print": state.can_print,
            }
        )
    else:
        print(f"printer ({kind}{' ' + where if where else ''}): {state.value} — {advice}")
    return 0 if state.can_print else 1


def cmd_printer_test(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import make_printer

    settings = _settings(args)
    printer = make_printer(settings, port=args.port, baudrate=args.baud)
    try:
        outcome = printer.print_test(settings.office.name)
    finally:
        printer.close()
    if args.json:
        _print_json(
            {"printed": outcome.printed, "state": outcome.state.value, "message": outcome.message}
        )
    elif outcome.printed:
        print("test page printed" + (f" ({outcome.message})" if outcome.message else ""))
    else:
        print(f"kiosk: test page did not print: {outcome.message}", file=sys.stderr)
    return 0 if outcome.printed else 1


def cmd_printer_alerts(args: argparse.Namespace) -> int:
    with _office(args) as office:
        alerts = office.slips.alerts()
        tz = office.settings.timezone
    if args.json:
        _print_json({"alerts": [a.to_dict() for a in alerts]})
        return 0
    if not alerts:
        print("no printer alerts")
    for a in alerts:
        print(
            f"{a.at.astimezone(tz):%Y-%m-%d %H:%M}  {a.source:<12} {a.state:<15} {a.message or ''}"
        )
    return 0


def cmd_printer_preview(args: argparse.Namespace) -> int:
    import dataclasses
    from pathlib import Path

    from kiosk.bootstrap import printer_model
    from kiosk.printing.preview import save_preview

    with _office(args) as office:
        t = office.queue.get_ticket(_ref(args.ticket))
        slip = office.slip(t, lang=args.lang)
        # The configured printer (QR kind and module size), on the paper asked for.
        model = printer_model(office.settings.printer)
    if args.paper:
        model = dataclasses.replace(model, paper_mm=args.paper)
    out = save_preview(slip, Path(args.out), model)
    if args.json:
        _print_json(
            {
                "ticket": t.code,
                "out": str(out),
                "paper_mm": model.paper_mm,
                "qr_module": model.printed_module,
                "native_qr": model.native_qr,
            }
        )
    else:
        print(f"slip for {t.code} drawn to {out}")
    return 0


def add_printer(groups: Commands, parents: Parents) -> None:
    common, as_json, port = parents.common, parents.as_json, parents.port
    printer = groups.add_parser("printer", help=summaries()["printer"], parents=[common])
    psub = printer.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    psub.required = True
    p = psub.add_parser(
        "status",
        help="ask the printer its state (exit 1 if it cannot print)",
        parents=[common, as_json, port],
    )
    p.set_defaults(func=cmd_printer_status)
    p = psub.add_parser("test", help="print a test page", parents=[common, as_json, port])
    p.set_defaults(func=cmd_printer_test)
    p = psub.add_parser(
        "alerts", help="open printer alerts from every kiosk", parents=[common, as_json]
    )
    p.set_defaults(func=cmd_printer_alerts)
    p = psub.add_parser(
        "preview", help="draw a ticket's slip to a PNG file", parents=[common, as_json]
    )
    p.add_argument("--ticket", required=True, help="ticket id or today's code (A-001)")
    p.add_argument("--out", required=True, help="the PNG file to write")
    from kiosk.printing.slip import PAPER

    p.add_argument("--paper", type=int, choices=sorted(PAPER), help="paper width (default: config)")
    p.set_defaults(func=cmd_printer_preview)
