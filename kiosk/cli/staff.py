"""``kiosk staff`` (accounts), ``office`` (its logo) and ``kiosk`` (the lobby kiosk's exit
PIN): what an admin changes, signed in with --as for the one command."""

from __future__ import annotations

import argparse
import datetime as dt

from kiosk.cli._common import (
    Commands,
    Parents,
    UsageError,
    _add_admin_options,
    _admin_pin,
    _line,
    _office,
    _Parser,
    _print_json,
    _read_pin,
    _signed_in,
)
from kiosk.domain.limits import STAFF_NAME_MAX_CHARS


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    from kiosk.domain.staff import Role

    roles = ", ".join(r.value for r in Role)
    return {
        "staff": f"staff accounts ({roles}); changes need an admin: --as USERNAME",
        "office": "the office itself (its logo)",
        "kiosk": "the lobby kiosk (its exit PIN)",
    }


# -- staff accounts ---------------------------------------------------------------------
def cmd_staff_add(args: argparse.Namespace) -> int:
    from kiosk.domain.staff import Role

    admin_pin = _admin_pin(args)
    pin = _read_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        account = office.staff.add(
            args.username, args.name or args.username, Role(args.role), pin, session=session
        )
    if args.json:
        _print_json(account.to_dict())
    else:
        print(f"staff account {account.username} ({account.role.value}) added")
    return 0


def cmd_staff_disable(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        if args.enable:
            office.staff.enable(args.username, session=session)
        else:
            office.staff.disable(args.username, session=session)
    print(f"staff account {args.username} {'enabled' if args.enable else 'disabled'}")
    return 0


def cmd_staff_reset_pin(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    pin = _read_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        office.staff.reset_secret(args.username, pin, session=session)
    print(f"PIN of {args.username} changed")
    return 0


def cmd_staff_unlock(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        office.staff.unlock(args.username, session=session)
    print(f"staff account {args.username} unlocked: it may sign in again")
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    with _office(args) as office:
        accounts = office.staff.accounts()
    if args.json:
        _print_json({"staff": [a.to_dict() for a in accounts]})
        return 0
    if not accounts:
        print("no staff accounts yet: kiosk staff add --username NAME --role officer")
    now = dt.datetime.now(dt.UTC)
    for a in accounts:
        state = "" if a.active else "  [disabled]"
        if a.locked_until is not None and a.locked_until > now:
            state += f"  [locked after wrong PINs until {a.locked_until.astimezone():%H.%M}]"
        print(f"{a.username:<20} {a.role.value:<11} {a.name}{state}")
    return 0


def add_staff(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    from kiosk.domain.staff import Role

    roles = [r.value for r in Role]
    staff = groups.add_parser("staff", help=summaries()["staff"], parents=[common])
    sub = staff.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser(
        "add",
        help="add an account (the office's first admin needs no --as)",
        parents=[common, as_json],
    )
    p.add_argument("--username", required=True, help="sign-in name, e.g. budi")
    p.add_argument(
        "--name",
        type=_line("--name", STAFF_NAME_MAX_CHARS),
        help=f"full name shown in the windows (at most {STAFF_NAME_MAX_CHARS} characters)",
    )
    p.add_argument("--role", choices=roles, default=Role.OFFICER.value)
    _add_admin_options(p)
    p.set_defaults(func=cmd_staff_add)
    for name, text, enable in (
        ("disable", "disable an account (it can no longer sign in)", False),
        ("enable", "enable a disabled account again", True),
    ):
        p = sub.add_parser(name, help=text, parents=[common])
        p.add_argument("username")
        _add_admin_options(p)
        p.set_defaults(func=cmd_staff_disable, enable=enable)
    p = sub.add_parser("reset-pin", help="set a new PIN", parents=[common])
    p.add_argument("username")
    _add_admin_options(p)
    p.set_defaults(func=cmd_staff_reset_pin)
    p = sub.add_parser(
        "unlock",
        help="let an account locked after wrong PINs sign in again now",
        parents=[common],
    )
    p.add_argument("username")
    _add_admin_options(p)
    p.set_defaults(func=cmd_staff_unlock)
    p = sub.add_parser("list", help="list accounts", parents=[common, as_json])
    p.set_defaults(func=cmd_staff_list)


# -- the office (its logo) --------------------------------------------------------------
def cmd_office_logo(args: argparse.Namespace) -> int:
    from pathlib import Path

    data: bytes | None = None
    if args.set is not None:
        try:
            data = Path(args.set).read_bytes()
        except OSError as exc:
            raise UsageError(f"--set: cannot read {args.set}: {exc.strerror or exc}") from None
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        office.set_logo(data, session=session)
        logo = office.logo()
    if logo is None:
        print("office logo removed")
    else:
        print(f"office logo set from {args.set} ({len(logo)} bytes as PNG)")
    return 0


def add_office(groups: Commands, parents: Parents) -> None:
    from kiosk.services.logo import FORMATS as LOGO_FORMATS
    from kiosk.services.logo import MAX_BYTES as LOGO_MAX_BYTES

    common = parents.common
    office = groups.add_parser("office", help=summaries()["office"], parents=[common])
    sub = office.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser("logo", help="set or remove the logo every window shows", parents=[common])
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--set",
        metavar="FILE",
        help=f"{', '.join(LOGO_FORMATS)}, at most {LOGO_MAX_BYTES // 1024 // 1024} MB",
    )
    which.add_argument("--remove", action="store_true", help="show no logo")
    _add_admin_options(p)
    p.set_defaults(func=cmd_office_logo)


# -- the lobby kiosk's way out --------------------------------------------------------------
def cmd_kiosk_set_exit_pin(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    pin = _read_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        if args.if_unset and office.kiosk_exit.is_set():
            print("the office already has a kiosk exit PIN; unchanged")
            return 0
        office.kiosk_exit.set_pin(pin, session=session)
    print("kiosk exit PIN set for every kiosk of the office (kept only as a hash)")
    return 0


def add_kiosk(groups: Commands, parents: Parents) -> None:
    from kiosk.domain.staff import NEW_SECRET_MIN

    common = parents.common
    kiosk = groups.add_parser("kiosk", help=summaries()["kiosk"], parents=[common])
    sub = kiosk.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser(
        "set-exit-pin",
        help=f"the PIN ({NEW_SECRET_MIN}-12 digits) that closes a kiosk after the exit chord; "
        "asked twice without echo, kept only as a hash",
        parents=[common],
    )
    _add_admin_options(p)
    p.add_argument(
        "--if-unset",
        action="store_true",
        help="only when the office has none yet (the installer: an office keeps its own)",
    )
    p.set_defaults(func=cmd_kiosk_set_exit_pin)
