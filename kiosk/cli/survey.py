"""``kiosk survey`` (a response), ``report`` (the IKM, the monthly recap) and ``export``
(survey responses and tickets to CSV or XLSX)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from kiosk.cli._common import (
    _COUNTER,
    Commands,
    Parents,
    UsageError,
    _office,
    _Parser,
    _print_json,
    _ref,
    _whole,
)
from kiosk.cli.survey_paper import add_paper_commands
from kiosk.domain.errors import UnknownCounter, UnknownService

if TYPE_CHECKING:
    from kiosk.office import Office
    from kiosk.services.exports import RecapFormat
    from kiosk.survey.export import Format as ExportFormat
    from kiosk.survey.model import IkmResult, SurveyFilter


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {
        "survey": "the satisfaction survey (SKM)",
        "report": "survey reports (IKM)",
        "export": "export data to files",
    }


# -- survey and report ----------------------------------------------------------------------
def _pairs(text: str, option: str) -> dict[str, str]:
    """``"U1=4,U2=3"`` -> {"U1": "4", "U2": "3"}; a malformed item is a usage error."""
    out: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(
                f"{option}: expected KEY=VALUE items separated by commas, got {item!r}"
            )
        key = key.strip()
        if any(key.casefold() == seen.casefold() for seen in out):
            # A dict would keep the last one silently (U1=4,U1=1 stored U1=1).
            raise UsageError(f"{option}: {key} is given twice; give each once")
        out[key] = value.strip()
    return out


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: expected a date such as 2026-11-24, got {text!r}") from None


def cmd_survey_submit(args: argparse.Namespace) -> int:
    answers = _pairs(args.answers, "--answers")
    profile: dict[str, object] = dict(_pairs(args.profile, "--profile")) if args.profile else {}
    at = None
    if args.at:
        try:
            at = dt.datetime.fromisoformat(args.at.strip())
        except ValueError:
            raise UsageError(
                f"--at: expected a time such as 2026-11-24T10:30 (office time) or with an "
                f"offset, got {args.at!r}"
            ) from None
    source = args.source or ("paper" if at is not None else "cli")
    with _office(args) as office:
        receipt = office.submit_survey(
            answers=dict(answers),
            profile=profile or None,
            ticket=_ref(args.ticket, "--ticket") if args.ticket else None,
            survey=args.survey,
            at=at,
            source=source,
            suggestion=args.suggestion,
            service=args.service,
        )
    if args.json:
        _print_json(receipt.to_dict())
    else:
        linked = f" for ticket {receipt.ticket_code}" if receipt.ticket_code else ""
        where = f", service {receipt.service}" if receipt.service else ""
        desk = f", counter {receipt.counter}" if receipt.counter is not None else ""
        print(
            f"{receipt.survey.upper()} response {receipt.id}{linked} stored "
            f"(office day {receipt.office_day}{where}{desk})"
        )
    return 0


def cmd_report_ikm(args: argparse.Namespace) -> int:
    from kiosk.survey.ikm import LABELS_EN
    from kiosk.survey.model import SurveyFilter

    date_from = _date(args.date_from, "--from")
    date_to = _date(args.date_to, "--to") if args.date_to else date_from
    where = SurveyFilter(
        gender=args.gender,
        education=args.education,
        occupation=args.occupation,
        age_min=args.age_min,
        age_max=args.age_max,
    )
    recap_format: RecapFormat | None = None
    if args.format or args.out:
        if not args.out:
            raise UsageError("--format needs --out FILE (the report to write)")
        recap_format = _out_format(args.out, args.format, RECAP_FORMATS)
    with _office(args) as office:
        service = _known_service(office, args.service)
        _known_counter(office, args.counter)
        result = office.ikm(date_from, date_to, service, args.counter, args.survey, where=where)
        definition = office.survey.definition(args.survey)
        name = office.settings.office.name
        if recap_format is not None:
            return _write_ikm_report(office, args, result, recap_format, where)
    if args.json:
        _print_json(result.to_dict())
        return 0
    scope = [f"service {result.service}"] if result.service else []
    if result.counter is not None:
        scope.append(f"counter {result.counter}")
    period = f"{date_from}" if date_from == date_to else f"{date_from} .. {date_to}"
    extra = f" ({', '.join(scope)})" if scope else ""
    print(f"{definition.name_id} — {name} — {period}{extra}")
    if not result.has_data:
        print("no responses in this period (no data: no IKM)")
        return 0
    weight = f"x 1/{len(definition.elements)}"
    print(f"{'unsur':<46} {'answered':>8} {'sum':>8} {'NRR':>7} {weight:>9}")
    for e in result.elements:
        nrr = f"{e.nrr:.3f}" if e.nrr is not None else "-"
        weighted = f"{e.weighted:.3f}" if e.weighted is not None else "-"
        label = f"{e.code} {e.name_id}"[:46]
        print(f"{label:<46} {e.answered:>8} {e.total:>8} {nrr:>7} {weighted:>9}")
    print(f"respondents: {result.respondents}")
    if result.ikm is not None and result.ikm_raw is not None:
        print(
            f"IKM: {result.ikm_raw:.3f} (1-4) -> {result.ikm:.2f} (25-100); "
            f"mutu {result.grade}, kinerja {result.label} ({LABELS_EN.get(result.grade or '')})"
        )
    elif result.ikm_raw is not None:
        print(f"mean: {result.ikm_raw:.3f} on {definition.scale_min}-{definition.scale_max}")
    if result.sample is not None:
        s = result.sample
        if s.met is None:
            print(f"sample: not applicable, nobody was served ({s.respondents} respondents)")
        else:
            print(
                f"sample: {s.respondents} respondents, Krejcie-Morgan minimum {s.required} "
                f"for {s.population} served: {'met' if s.met else 'NOT met'}"
            )
    return 0


# -- survey exports and the monthly recap (PDF, XLSX) ---------------------------------------
#: What ``report ikm --out`` writes, the first being the default for a name without an
#: extension (checked against kiosk.services.exports.RecapFormat by mypy).
RECAP_FORMATS: tuple[RecapFormat, ...] = ("pdf", "xlsx")


def _table_formats() -> tuple[ExportFormat, ...]:
    """What ``export surveys`` and ``export tickets`` write (csv first: the default)."""
    from kiosk.survey.export import FORMATS

    return FORMATS


_F = TypeVar("_F", bound=str)


def _out_format(out: str, given: str | None, writable: Sequence[_F]) -> _F:
    """The format of the file ``--out`` names: ``--format`` if given, else the file's
    extension, else the command's default (``writable[0]``). Refused before anything is read
    or written: an extension the command cannot write, or one ``--format`` contradicts (a
    CSV named .pdf opens as a broken PDF)."""
    from pathlib import PurePath

    suffix = PurePath(out).suffix.lower().removeprefix(".")
    names = " or ".join(f".{f}" for f in writable)
    if suffix and suffix not in writable:
        raise UsageError(f"--out {out}: this command writes {names} files, not .{suffix}")
    if given is not None and suffix and given != suffix:
        raise UsageError(
            f"--format {given} does not match --out {out}: name the file .{given}, "
            f"or leave out --format to write {suffix.upper()}"
        )
    wanted = given or suffix or writable[0]
    for fmt in writable:
        if fmt == wanted:
            return fmt
    # Not reached from the command line: argparse's choices refuse any other --format.
    raise UsageError(f"--format {given}: this command writes {names} files")


def _known_service(office: Office, code: str | None) -> str | None:
    """A report's or export's --service, refused when the office has no such service: a
    typo would otherwise give an empty report that looks like a quiet day."""
    if code is None:
        return None
    known = [s.code for s in office.queue.services()]
    if code.strip().upper() not in known:
        raise UnknownService(code, known)
    return code.strip().upper()


def _known_counter(office: Office, number: int | None) -> None:
    """A report's or export's --counter, refused when the office has no such counter."""
    if number is None:
        return
    known = [c.number for c in office.queue.counters()]
    if number not in known:
        raise UnknownCounter(number, known)


def _check_out(office: Office, args: argparse.Namespace) -> None:
    """Refuse ``--out`` before its contents are made: never the office's database (or
    its -wal/-shm), a backup or the configuration; another existing file only with --force."""
    from pathlib import Path

    office.check_export_target(Path(args.out), replace=args.force)


def _write_output(path: str, data: bytes) -> None:
    from pathlib import Path

    from kiosk.survey.export import write_file

    try:
        write_file(Path(path), data)
    except OSError as exc:
        raise UsageError(f"--out: cannot write {path}: {exc.strerror or exc}") from None


def cmd_export_surveys(args: argparse.Namespace) -> int:
    fmt = _out_format(args.out, args.format, _table_formats())
    with _office(args) as office:
        _check_out(office, args)
        day = _date(args.date, "--date") if args.date else office.today()
        responses = len(office.survey.responses(day, args.survey))
        data = office.exports.survey_day(day, fmt, args.survey)
    _write_output(args.out, data)
    if args.json:
        _print_json(
            {"path": args.out, "format": fmt, "date": day.isoformat(), "responses": responses}
        )
    else:
        print(f"{responses} {args.survey.upper()} responses of {day} written to {args.out}")
    return 0


def cmd_export_tickets(args: argparse.Namespace) -> int:
    from kiosk.domain.model import TicketQuery, TicketStatus

    fmt = _out_format(args.out, args.format, _table_formats())
    with _office(args) as office:
        _check_out(office, args)
        date_from = _date(args.date_from, "--from") if args.date_from else office.today()
        date_to = _date(args.date_to, "--to") if args.date_to else date_from
        _known_counter(office, args.counter)
        query = TicketQuery(
            date_from,
            date_to,
            service=_known_service(office, args.service),
            counter=args.counter,
            status=TicketStatus(args.status) if args.status else None,
        )
        count = office.reports.count_tickets(query)
        data = office.exports.tickets(query, fmt)
    _write_output(args.out, data)
    if args.json:
        _print_json({"path": args.out, "format": fmt, "tickets": count})
    else:
        print(f"{count} tickets of {date_from} .. {date_to} written to {args.out}")
    return 0


def _write_ikm_report(
    office: Office,
    args: argparse.Namespace,
    result: IkmResult,
    fmt: RecapFormat,
    where: SurveyFilter,
) -> int:
    """``kiosk report ikm ... --out F``: the monthly recap (rekap) as offices file it. Called
    by cmd_report_ikm with the office still open and the IKM computed."""
    _check_out(office, args)
    data = office.exports.ikm_recap(result, fmt, where)
    _write_output(args.out, data)
    if args.json:
        _print_json({"path": args.out, "format": fmt, **result.to_dict()})
    else:
        period = f"{result.date_from}" + (
            "" if result.date_from == result.date_to else f" .. {result.date_to}"
        )
        if result.ikm is not None:
            summary = f"IKM {result.ikm:.2f} {result.grade} ({result.label})"
        elif result.ikm_raw is not None:  # a survey without the IKM (the IPK): its mean
            definition = office.survey.definition(result.survey)
            summary = f"mean {result.ikm_raw:.2f} on {definition.scale_min}-{definition.scale_max}"
        else:
            summary = "no responses"
        print(f"recap of {period} ({result.respondents} respondents, {summary}) -> {args.out}")
    return 0


def _add_out_options(
    p: argparse.ArgumentParser, formats: Sequence[str], *, required: bool, what: str = "the file"
) -> None:
    """--out and --format alike for every command that writes a file (see _out_format)."""
    names = " or ".join(f".{f}" for f in formats)
    p.add_argument("--out", required=required, metavar="FILE", help=f"{what} to write ({names})")
    p.add_argument(
        "--format",
        choices=list(formats),
        help=f"default: from --out's extension, else {formats[0]} (an extension that does "
        "not match is refused)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace --out if it exists (never the office's database, a backup or the config)",
    )


# -- parsers --------------------------------------------------------------------------------
def add_survey(groups: Commands, parents: Parents) -> None:
    from kiosk.survey.definitions import AGE_BAND_CODES, EDUCATION, GENDERS, OCCUPATIONS
    from kiosk.survey.responses import SOURCES

    common, as_json = parents.common, parents.as_json
    survey = groups.add_parser("survey", help=summaries()["survey"], parents=[common])
    ssub = survey.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    ssub.required = True
    p = ssub.add_parser(
        "submit",
        help="store one response (scripted entry, paper questionnaires with --at)",
        parents=[common, as_json],
    )
    p.add_argument(
        "--answers", required=True, metavar="U1=4,U2=3,...", help="answers by element code"
    )
    p.add_argument("--ticket", metavar="CODE|TOKEN", help="ticket id, code (A-001) or slip token")
    p.add_argument(
        "--profile",
        metavar="gender=L,age=34,...",
        help=f"gender ({'/'.join(GENDERS)}), age_band ({', '.join(AGE_BAND_CODES)}) or age "
        f"(a paper form's exact age, kept only as its band), education "
        f"({', '.join(EDUCATION)}), occupation ({', '.join(OCCUPATIONS)})",
    )
    p.add_argument("--suggestion", metavar="TEXT", help="the respondent's suggestion (saran)")
    p.add_argument("--service", metavar="CODE", help="service received (without a ticket)")
    p.add_argument(
        "--at",
        metavar="ISO-TIMESTAMP",
        help="when it was answered (paper questionnaires); without an offset: office time",
    )
    p.add_argument(
        "--source",
        choices=list(SOURCES),
        help="where it came from (default: paper with --at, else cli)",
    )
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    p.set_defaults(func=cmd_survey_submit)
    add_paper_commands(ssub, common, as_json)


def add_report(groups: Commands, parents: Parents) -> None:
    from kiosk.survey.definitions import AGE_MAX, AGE_MIN, EDUCATION, GENDERS, OCCUPATIONS

    age = _whole("an age", AGE_MIN, AGE_MAX)
    common, as_json = parents.common, parents.as_json
    report = groups.add_parser("report", help=summaries()["report"], parents=[common])
    rsub = report.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    rsub.required = True
    p = rsub.add_parser(
        "ikm", help="the IKM of a period (PermenPANRB 14/2017)", parents=[common, as_json]
    )
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (default: --from)")
    p.add_argument("--service", metavar="CODE", help="only this service")
    p.add_argument("--counter", type=_COUNTER, metavar="N", help="only this counter")
    p.add_argument("--gender", choices=list(GENDERS), help="only respondents of this gender")
    p.add_argument(
        "--education", metavar="LEVEL", help=f"only this education ({', '.join(EDUCATION)})"
    )
    p.add_argument(
        "--occupation", metavar="NAME", help=f"only this occupation ({', '.join(OCCUPATIONS)})"
    )
    p.add_argument("--age-min", type=age, metavar="N", help="only respondents this old or older")
    p.add_argument("--age-max", type=age, metavar="N", help="only respondents this old or younger")
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    _add_out_options(p, RECAP_FORMATS, required=False, what="the monthly recap (rekap)")
    p.set_defaults(func=cmd_report_ikm)


def add_export(groups: Commands, parents: Parents) -> None:
    from kiosk.domain.model import TicketStatus

    common = parents.common
    export = groups.add_parser("export", help=summaries()["export"], parents=[common])
    esub = export.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    esub.required = True
    p = esub.add_parser(
        "surveys",
        help="one day's survey responses, one row each (CSV for Excel, or XLSX)",
        parents=[common],
    )
    p.add_argument("--date", metavar="DATE", help="office day (default: today)")
    _add_out_options(p, _table_formats(), required=True)
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    p.add_argument("--json", action="store_true", help="print one JSON value on stdout")
    p.set_defaults(func=cmd_export_surveys)
    p = esub.add_parser(
        "tickets",
        help="the tickets of a period with their times (CSV for Excel, or XLSX)",
        parents=[common],
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (default today)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (default --from)")
    p.add_argument("--service", help="only this service")
    p.add_argument("--counter", type=_COUNTER, help="only this counter")
    p.add_argument("--status", choices=[s.value for s in TicketStatus])
    _add_out_options(p, _table_formats(), required=True)
    p.add_argument("--json", action="store_true", help="print one JSON value on stdout")
    p.set_defaults(func=cmd_export_tickets)
