"""``kiosk doctor``: what is wrong on this PC, and how to fix it.

Run by an office's IT officer on a kiosk PC. It checks, in order, the configuration file,
the database, the slip printer, the log folder, whether Qt can open windows and whether
the board can speak its languages, and gives
one or more findings for each: ok, a warning (works, but worth knowing) or a problem
(something will not work), each problem with a fix to type or do. A check that fails
never stops the later ones: a broken file still lets the database be checked with what
can be known from it.

Read-only: it creates no database, changes no schema or rows, and prints nothing on the
printer (it only asks the printer its state, as the kiosk does before each slip).
Composition code like the CLI; no Qt. One module per check (config, database, printer,
files for the log folder, qt, voice); ``findings`` holds what they give and share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kiosk import qt_platform
from kiosk.tools.doctor.config import check_config
from kiosk.tools.doctor.database import check_database
from kiosk.tools.doctor.files import check_logs, is_root
from kiosk.tools.doctor.findings import Context, Finding, Status, plural
from kiosk.tools.doctor.printer import check_printer
from kiosk.tools.doctor.qt import check_qt
from kiosk.tools.doctor.voice import check_voice

__all__ = ["Finding", "exit_code", "format_findings", "run_doctor"]


# -- running and showing --------------------------------------------------------------------
def run_doctor(config: str | None = None, db: str | None = None) -> list[Finding]:
    """Every check in order; ``config``/``db`` are the --config/--db flags (None: not given)."""
    ctx = Context(config, db)
    # Qt takes a second or two to start: its check runs while the others do.
    qt = qt_platform.start_check()
    checks: Sequence[tuple[str, Callable[[Context], list[Finding]]]] = (
        ("config", check_config),
        ("database", check_database),
        ("printer", check_printer),
        ("logs", check_logs),
        ("qt", lambda ctx: check_qt(qt)),
        ("voice", check_voice),
    )
    findings: list[Finding] = []
    try:
        for name, check in checks:
            try:
                findings += check(ctx)
            except Exception as exc:  # a bug here must not hide the other checks
                findings.append(
                    Finding(
                        name,
                        "problem",
                        f"the check itself failed: {type(exc).__name__}: {exc}",
                        "run kiosk doctor again; if it fails the same way, report this line "
                        "with the output of kiosk doctor",
                    )
                )
    finally:
        ctx.close()
        qt.abandon()
    return findings


def exit_code(findings: Sequence[Finding]) -> int:
    """0 when nothing is a problem (warnings alone are fine), else 1."""
    return 1 if any(f.status == "problem" for f in findings) else 0


LABELS: dict[Status, str] = {"ok": "[ OK ]", "warning": "[WARN]", "problem": "[FAIL]"}


def format_findings(findings: Sequence[Finding]) -> str:
    lines: list[str] = []
    for f in findings:
        lines.append(f"{LABELS[f.status]} {f.check}: {f.message}")
        if f.fix:
            first, *rest = f.fix.splitlines()
            lines.append(f"       fix: {first}")
            lines += [f"            {line}" for line in rest]
    problems = sum(f.status == "problem" for f in findings)
    warnings = sum(f.status == "warning" for f in findings)
    if problems or warnings:
        lines.append(f"{plural(problems, 'problem')}, {plural(warnings, 'warning')}")
    else:
        lines.append("all checks passed")
    if is_root():
        lines.append(
            "note: run as root, which may open files and ports the kiosk's own account "
            "cannot; run kiosk doctor as that account to check its rights"
        )
    return "\n".join(lines)
