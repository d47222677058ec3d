"""M-Paspor appointments through the facade, on real databases: the day's list imported from
a real CSV (a BOM, ";") and a real XLSX (written by openpyxl), added and cancelled by staff,
and checked in at the kiosk by the rules of ``[appointments]``. Then the race: kiosks
checking in one code at once get one ticket between them.

Time is a fake clock (the office is in Asia/Jakarta, WIB, UTC+7)."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import Office
from kiosk.config.settings import settings_from_dict
from kiosk.domain.appointments import (
    AppointmentCancelled,
    AppointmentCheckedIn,
    AppointmentOtherDay,
    Arrival,
    Booking,
    ImportRefused,
    TooEarly,
    TooLate,
    UnknownAppointment,
)
from kiosk.domain.errors import NotAllowed, NotSignedIn
from kiosk.domain.staff import Role, StaffSession
from kiosk.printing.slip import PAPER, layout
from kiosk.storage.engine import make_engine
from kiosk.storage.tables import AppointmentRow, AuditRow, TicketRow
from tests.processes import run_together
from tests.staff import add_staff, admin_session

#: Monday 7 December 2026, 09.50 WIB.
DAY = dt.date(2026, 12, 7)
WIB = dt.timezone(dt.timedelta(hours=7))


def at(hour: int, minute: int, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB).astimezone(dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


OpenOffice = Callable[..., Office]


@pytest.fixture
def clock() -> Clock:
    return Clock(at(9, 50))


@pytest.fixture
def open_office(db_url: str, clock: Clock) -> Iterator[OpenOffice]:
    opened: list[Office] = []

    def _open(**appointments: Any) -> Office:
        settings = settings_from_dict({"appointments": appointments} if appointments else {})
        office = Office.open(db_url, settings=settings, clock=clock)
        opened.append(office)
        return office

    yield _open
    for office in opened:
        office.close()


@pytest.fixture
def office(open_office: OpenOffice) -> Office:
    return open_office()


@pytest.fixture
def staff(office: Office) -> Iterator[StaffSession]:
    session = admin_session(office)
    yield session
    office.staff.sign_out(session)


def csv_file(path: Path, text: str, *, bom: bool = True) -> Path:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


DAY_LIST = "Code ; Service;TIME\nMP-0001001;A;10.00\nMP-0001002;B;10:30\nMP-0001003;A;08.00\n"


@pytest.fixture
def listed(office: Office, staff: StaffSession, tmp_path: Path) -> Office:
    office.appointments.import_file(csv_file(tmp_path / "hari.csv", DAY_LIST), DAY, staff)
    return office


def tickets_in(office: Office) -> int:
    return office.queue.tickets_on(DAY)


# -- import ---------------------------------------------------------------------------------
def test_a_csv_with_a_bom_and_semicolons_is_imported_and_the_same_file_again_changes_nothing(
    office: Office, staff: StaffSession, tmp_path: Path
) -> None:
    path = csv_file(tmp_path / "hari.csv", DAY_LIST)
    first = office.appointments.import_file(path, DAY, staff)
    assert (first.added, first.updated, first.unchanged, first.saved) == (
        ("MP-0001001", "MP-0001002", "MP-0001003"),
        (),
        0,
        True,
    )
    listed = office.appointments.on_day(DAY, staff)
    assert [(a.code, a.slot, a.service) for a in listed] == [
        ("MP-0001003", dt.time(8, 0), "A"),
        ("MP-0001001", dt.time(10, 0), "A"),
        ("MP-0001002", dt.time(10, 30), "B"),
    ]
    audits = _count(office, AuditRow)
    again = office.appointments.import_file(path, DAY, staff)
    assert (again.added, again.updated, again.unchanged, again.saved) == ((), (), 3, False)
    assert office.appointments.on_day(DAY, staff) == listed
    assert _count(office, AuditRow) == audits, "the same file again writes nothing"


def test_a_changed_slot_updates_and_a_code_left_out_is_kept(
    office: Office, staff: StaffSession, tmp_path: Path
) -> None:
    office.appointments.import_file(csv_file(tmp_path / "a.csv", DAY_LIST), DAY, staff)
    changed = csv_file(tmp_path / "b.csv", "code,service,time\nMP-0001001,A,11:15\n", bom=False)
    preview = office.appointments.import_file(changed, DAY, staff, dry_run=True)
    assert (preview.updated, preview.saved) == (("MP-0001001",), False)
    assert office.appointments.on_day(DAY, staff)[1].slot == dt.time(10, 0), (
        "a preview saves nothing"
    )
    result = office.appointments.import_file(changed, DAY, staff)
    assert (result.added, result.updated, result.not_in_file) == (
        (),
        ("MP-0001001",),
        ("MP-0001002", "MP-0001003"),
    )
    slots = {a.code: a.slot for a in office.appointments.on_day(DAY, staff)}
    assert slots == {
        "MP-0001001": dt.time(11, 15),
        "MP-0001002": dt.time(10, 30),
        "MP-0001003": dt.time(8, 0),
    }


def test_an_xlsx_written_by_openpyxl_with_the_offices_own_headers(
    open_office: OpenOffice, tmp_path: Path
) -> None:
    office = open_office(
        columns="code = Nomor Permohonan; time = Jam Kedatangan; service = Layanan"
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["No", "Nomor Permohonan", "Layanan", "Jam Kedatangan", "Kategori"])
    sheet.append([1, "2026120700123", "A", dt.time(9, 0), "umum"])
    sheet.append([2, "2026120700124", "b", "13.30", "umum"])
    sheet.append([None, None, None, None, None])
    path = tmp_path / "ekspor.xlsx"
    book.save(path)
    staff = admin_session(office)
    result = office.appointments.import_file(path, DAY, staff)
    assert result.added == ("2026120700123", "2026120700124")
    assert [(a.code, a.slot, a.service) for a in office.appointments.on_day(DAY, staff)] == [
        ("2026120700123", dt.time(9, 0), "A"),
        ("2026120700124", dt.time(13, 30), "B"),
    ]


def test_every_rejected_row_is_reported_with_its_line_and_nothing_is_imported(
    office: Office, staff: StaffSession, tmp_path: Path
) -> None:
    path = csv_file(
        tmp_path / "salah.csv",
        "code;service;time;category\nMP-1;A;10.00;\nMP-2;Z;10.00;\n;A;10.00;\nMP-4;A;25.61;\n"
        f"MP-1;A;11.00;\nMP-6;A;;\nMP-7;A;10.00;{'x' * 33}\n",
    )
    with pytest.raises(ImportRefused) as refused:
        office.appointments.import_file(path, DAY, staff)
    assert [(p.line, p.reason.split(":")[0]) for p in refused.value.problems] == [
        (3, "MP-2"),
        (4, "no booking code"),
        (5, "MP-4"),
        (6, "MP-1"),
        (7, "MP-6"),
        (8, "MP-7"),
    ]
    reasons = [p.reason for p in refused.value.problems]
    assert "unknown service 'Z'" in reasons[0]
    assert "is not a time" in reasons[2]
    assert "also on line 2" in reasons[3]
    assert reasons[4] == "MP-6: no time"
    assert "the category is not one line of at most 32" in reasons[5]
    assert office.appointments.on_day(DAY, staff) == [], "all or nothing"


def test_a_file_without_the_headers_says_which_are_missing(
    office: Office, staff: StaffSession, tmp_path: Path
) -> None:
    path = csv_file(tmp_path / "x.csv", "Nomor,Jam\nMP-1,10.00\n")
    with pytest.raises(ImportRefused, match="lacks 'code', 'service'"):
        office.appointments.import_file(path, DAY, staff)


# -- the list by hand, and who may touch it ------------------------------------------------------
def test_staff_add_and_cancel_and_the_list_needs_a_supervisor(
    office: Office, staff: StaffSession
) -> None:
    added = office.appointments.add(DAY, Booking("MP-77", dt.time(14, 0), "c"), staff)
    assert (added.code, added.service, added.slot) == ("MP-77", "C", dt.time(14, 0))
    cancelled = office.appointments.cancel("MP-77", DAY, staff)
    assert cancelled.cancelled
    with pytest.raises(AppointmentCancelled):
        office.appointments.check_in("MP-77")
    with pytest.raises(NotSignedIn, match="signed-in supervisor or admin"):
        office.appointments.on_day(DAY, None)
    add_staff(office, "petugas", "Petugas", Role.OFFICER.value, "246810")
    officer = office.staff.sign_in("petugas", "246810", allowed=frozenset(Role), where="test")
    with pytest.raises(NotAllowed):
        office.appointments.add(DAY, Booking("MP-78", dt.time(14, 0), "A"), officer)
    add_staff(office, "penyelia", "Penyelia", Role.SUPERVISOR.value, "135790")
    supervisor = office.staff.sign_in("penyelia", "135790", allowed=frozenset(Role), where="t")
    assert office.appointments.add(DAY, Booking("MP-78", dt.time(14, 0), "A"), supervisor)


# -- check-in -------------------------------------------------------------------------------
def test_in_its_window_a_ticket_in_its_service_held_by_the_appointment(
    listed: Office, staff: StaffSession
) -> None:
    done = listed.appointments.check_in("MP-0001001")
    assert (done.ticket.service, done.ticket.code, done.again) == ("A", "A-001", False)
    assert done.appointment.ticket_id == done.ticket.id
    assert done.appointment.arrival is Arrival.IN_WINDOW
    shown = done.to_dict()
    assert shown["code"] == "A-001" and shown["status"] == "waiting"
    assert shown["appointment"]["code"] == "MP-0001001"  # type: ignore[index]
    assert shown["appointment"]["time"] == "10:00"  # type: ignore[index]
    top, _ = layout(listed.slip(done.ticket), PAPER[80])
    assert "Jadwal: pukul 10.00" in [line.text for line in top]
    top_en, _ = layout(listed.slip(done.ticket, lang="en"), PAPER[80])
    assert "Appointment: 10.00" in [line.text for line in top_en]
    walk_in = listed.issue_ticket("A")
    assert not any("Jadwal" in line.text for line in layout(listed.slip(walk_in), PAPER[80])[0])
    row = next(a for a in listed.appointments.on_day(DAY, staff) if a.code == "MP-0001001")
    assert row.checked_in and row.ticket_id == done.ticket.id


def test_too_early_says_when_to_come_back(listed: Office, clock: Clock) -> None:
    clock.now = at(9, 0)
    with pytest.raises(TooEarly) as early:
        listed.appointments.check_in("MP-0001001")
    assert early.value.words("id") == "Jadwal Anda pukul 10.00; silakan kembali mulai pukul 09.30"
    assert early.value.words("en") == ("Your appointment is at 10.00; please come back from 09.30.")
    assert tickets_in(listed) == 0
    clock.now = at(9, 30)
    assert listed.appointments.check_in("MP-0001001").ticket.code == "A-001"


def test_too_late_is_refused_by_default(listed: Office) -> None:
    # 08.00 and 30 minutes of grace: at 09.50 check-in closed at 08.30.
    with pytest.raises(TooLate) as late:
        listed.appointments.check_in("MP-0001003")
    assert "08.30" in late.value.words("id") and "M-Paspor" in late.value.words("id")
    assert tickets_in(listed) == 0


def test_too_late_with_walk_in_gets_a_normal_ticket_noted(
    open_office: OpenOffice, tmp_path: Path
) -> None:
    office = open_office(late_policy="walk_in")
    staff = admin_session(office)
    office.appointments.import_file(csv_file(tmp_path / "a.csv", DAY_LIST), DAY, staff)
    done = office.appointments.check_in("MP-0001003")
    assert done.ticket.code == "A-001"
    assert done.appointment.arrival is Arrival.LATE_WALK_IN


def test_a_late_policy_saved_in_the_admin_window_reaches_the_next_check_in(
    listed: Office, staff: StaffSession
) -> None:
    with pytest.raises(TooLate):
        listed.appointments.check_in("MP-0001003")
    listed.update_settings("appointments", {"late_policy": "walk_in"}, session=staff)
    assert listed.appointments.check_in("MP-0001003").appointment.arrival is Arrival.LATE_WALK_IN


def test_twice_gives_the_same_ticket_and_no_second_one(listed: Office, clock: Clock) -> None:
    first = listed.appointments.check_in("MP-0001001")
    clock.now = at(10, 40)  # even past the window: it already has its ticket
    again = listed.appointments.check_in(" MP-0001001 ")
    assert (again.ticket.id, again.again) == (first.ticket.id, True)
    assert tickets_in(listed) == 1
    with pytest.raises(AppointmentCheckedIn, match="A-001"):
        listed.appointments.cancel("MP-0001001", DAY, admin_session(listed))


def test_unknown_and_another_day(listed: Office, staff: StaffSession) -> None:
    with pytest.raises(UnknownAppointment) as unknown:
        listed.appointments.check_in("MP-9999999")
    assert "tidak ditemukan" in unknown.value.words("id")
    listed.appointments.add(DAY + dt.timedelta(days=1), Booking("MP-8", dt.time(9, 0), "A"), staff)
    with pytest.raises(AppointmentOtherDay) as other:
        listed.appointments.check_in("MP-8")
    assert other.value.day == DAY + dt.timedelta(days=1)
    assert "8 Desember 2026" in other.value.words("id")
    assert tickets_in(listed) == 0


def test_without_a_list_verify_list_refuses_every_code(office: Office) -> None:
    with pytest.raises(UnknownAppointment, match="no list"):
        office.appointments.check_in("MP-0001001")


def test_without_a_list_verify_format_accepts_a_matching_code_as_unverified(
    open_office: OpenOffice,
) -> None:
    office = open_office(verify="format", code_pattern=r"MP-\d{7}", unverified_service="B")
    done = office.appointments.check_in("MP-1234567")
    assert (done.ticket.service, done.appointment.verified) == ("B", False)
    assert done.appointment.arrival is Arrival.UNVERIFIED
    assert office.appointments.check_in("MP-1234567").ticket.id == done.ticket.id
    with pytest.raises(UnknownAppointment):
        office.appointments.check_in("XX-12")
    staff = admin_session(office)
    office.appointments.add(
        DAY + dt.timedelta(days=2), Booking("MP-7777777", dt.time(9), "A"), staff
    )
    with pytest.raises(AppointmentOtherDay):
        office.appointments.check_in("MP-7777777")  # its format fits, but it is booked then
    assert office.queue.tickets_on(DAY) == 1


def test_with_a_list_verify_format_still_keeps_to_the_list(
    open_office: OpenOffice, tmp_path: Path
) -> None:
    office = open_office(verify="format", code_pattern=r"MP-\d{7}")
    staff = admin_session(office)
    office.appointments.import_file(csv_file(tmp_path / "a.csv", DAY_LIST), DAY, staff)
    with pytest.raises(UnknownAppointment):
        office.appointments.check_in("MP-7654321")


# -- the race --------------------------------------------------------------------------------
KIOSKS = 4


def _check_in_child(
    url: str, code: str, config: dict[str, Any], barrier: Any, results: Any
) -> None:
    try:
        settings = settings_from_dict(config)
        with Office.open(url, settings=settings, clock=lambda: at(9, 50)) as o:
            barrier.wait(timeout=60)
            done = o.appointments.check_in(code)
            results.put(("ok", (done.ticket.id, done.again)))
    except Exception:
        results.put(("error", traceback.format_exc()))


def test_kiosks_checking_in_one_code_at_once_get_one_ticket(db_url: str, listed: Office) -> None:
    outcomes, codes = run_together(_check_in_child, (db_url, "MP-0001001", {}), KIOSKS)
    _one_ticket(listed, outcomes, codes)


def test_kiosks_checking_in_one_unlisted_code_at_once_get_one_ticket(
    db_url: str, open_office: OpenOffice
) -> None:
    config = {"appointments": {"verify": "format"}}
    office = open_office(verify="format")
    outcomes, codes = run_together(_check_in_child, (db_url, "MP-0005005", config), KIOSKS)
    _one_ticket(office, outcomes, codes)
    assert [a.verified for a in office.appointments.on_day(DAY, admin_session(office))] == [False]


def _one_ticket(office: Office, outcomes: list[tuple[str, Any]], codes: list[int | None]) -> None:
    """Every kiosk answered, all with the same ticket, one of them new; one in the database."""
    errors = [d for kind, d in outcomes if kind == "error"]
    assert not errors, errors[0]
    assert codes == [0] * KIOSKS
    ids = {d[0] for _, d in outcomes}
    assert len(ids) == 1, outcomes
    assert sorted(d[1] for _, d in outcomes) == [False] + [True] * (KIOSKS - 1)
    assert tickets_in(office) == 1
    assert _count(office, TicketRow) == 1
    claimed = _count(office, AppointmentRow, AppointmentRow.ticket_id.is_not(None))
    assert claimed == 1


def _count(office: Office, row: Any, *where: Any) -> int:
    engine = make_engine(office.url)
    try:
        with Session(engine) as s:
            return int(s.scalar(select(func.count()).select_from(row).where(*where)) or 0)
    finally:
        engine.dispose()
