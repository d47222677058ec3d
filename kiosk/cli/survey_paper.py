"""``kiosk survey template`` (the paper questionnaires' XLSX, with lists in the cells) and
``kiosk survey import FILE`` (all its rows in one transaction, or none with each bad row
named by line)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.cli._common import Commands, UsageError, _office, _Parser, _print_json


def cmd_survey_template(args: argparse.Namespace) -> int:
    from kiosk.cli.survey import _check_out, _out_format, _write_output
    from kiosk.survey.paper import template_xlsx

    _out_format(args.out, None, ("xlsx",))
    with _office(args) as office:
        _check_out(office, args)
        definition = office.survey.definition(args.survey)
        services = [s.code for s in office.queue.services()]
        data = template_xlsx(definition, services)
    _write_output(args.out, data)
    if args.json:
        _print_json({"path": args.out, "survey": definition.code})
    else:
        print(f"{definition.name_id} template written to {args.out}")
    return 0


def cmd_survey_import(args: argparse.Namespace) -> int:
    from kiosk.domain.errors import PaperImportRefused
    from kiosk.survey.paper import PaperFileError, read_paper

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{args.file}: no such file")
    with _office(args) as office:
        definition = office.survey.definition(args.survey)
        try:
            rows, unreadable = read_paper(path, definition)
        except PaperFileError as exc:
            raise UsageError(str(exc)) from None
        if unreadable:
            raise PaperImportRefused(unreadable)  # the shape first: nothing is stored
        if not rows:
            raise UsageError(f"{args.file}: no questionnaire rows under the header")
        stored = office.survey.import_paper(rows, definition.code)
    if args.json:
        _print_json({"file": args.file, "survey": definition.code, "imported": stored})
    else:
        print(f"{stored} paper {definition.code.upper()} responses imported from {args.file}")
    return 0


def add_paper_commands(ssub: Commands, common: _Parser, as_json: _Parser) -> None:
    p = ssub.add_parser(
        "template",
        help="write the paper questionnaires' template (XLSX, lists in the cells)",
        parents=[common, as_json],
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the .xlsx file to write")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    p.set_defaults(func=cmd_survey_template)
    p = ssub.add_parser(
        "import",
        help="store a filled-in template's rows (XLSX or CSV) in one transaction",
        parents=[common, as_json],
    )
    p.add_argument("file", metavar="FILE", help="the filled-in template (.xlsx or .csv)")
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    p.set_defaults(func=cmd_survey_import)
