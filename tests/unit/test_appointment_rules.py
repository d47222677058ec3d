"""The appointment rules as pure functions: times as offices write them, the check-in
window, the format verifier, the import file's headers, and the settings' checks."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.settings import ConfigError, settings_from_dict
from kiosk.domain.appointments import (
    FormatVerifier,
    ImportRefused,
    Timing,
    clock_text,
    column_positions,
    parse_clock,
    read_bookings,
    window,
)

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10:00", dt.time(10)), ("10.00", dt.time(10)), (" 9.30 ", dt.time(9, 30)),
     ("07:05:00", dt.time(7, 5))],
)  # fmt: skip
def test_times_as_offices_write_them(text: str, expected: dt.time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "10:60", "10", "jam 10", "", "10,00"])
def test_what_is_not_a_time(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time"):
        parse_clock(text)


def test_the_window_from_early_to_late_minutes_around_the_slot() -> None:
    day = dt.date(2026, 12, 7)
    span = window(day, dt.time(10, 0), WIB, 30, 15)
    assert clock_text(span.opens.time()) == "09.30"
    local = [dt.datetime(2026, 12, 7, h, m, tzinfo=WIB) for h, m in ((9, 29), (9, 30), (10, 15),
                                                                    (10, 16))]  # fmt: skip
    assert [span.timing(t) for t in local] == [
        Timing.EARLY,
        Timing.IN_WINDOW,
        Timing.IN_WINDOW,
        Timing.LATE,
    ]


def test_the_format_verifier_wants_the_whole_code_to_match() -> None:
    verifier = FormatVerifier(r"MP-\d{7}", "B")
    day = dt.date(2026, 12, 7)
    found = verifier.verify("MP-1234567", day)
    assert found is not None and found.service == "B"
    assert verifier.verify("MP-1234567X", day) is None
    assert verifier.verify("xMP-1234567", day) is None


def test_headers_ignore_case_and_spaces_and_the_office_may_name_its_own() -> None:
    header: list[object] = ["\ufeffKODE booking", "Layanan", " Jam  Datang "]
    positions = column_positions(
        header, {"code": "kode booking", "service": "layanan", "time": "jamdatang"}
    )
    assert positions == {"code": 0, "service": 1, "time": 2}
    bookings, problems = read_bookings([(2, ["MP-1", "a", "8.05"])], positions, {"A"})
    assert problems == [] and bookings[0].slot == dt.time(8, 5)
    with pytest.raises(ImportRefused, match="lacks 'time'"):
        column_positions(["code", "service"], {})


def test_the_settings_check_the_columns_the_pattern_and_the_service() -> None:
    good = settings_from_dict(
        {"appointments": {"columns": {"code": "Nomor Permohonan"}, "verify": "format"}}
    )
    assert good.appointments.column_map() == {"code": "Nomor Permohonan"}
    for bad, words in (
        ({"columns": "name = Nama"}, "expected field = header"),
        ({"code_pattern": "MP-("}, "not a regular expression"),
        ({"unverified_service": "Z"}, "unknown service 'Z'"),
        ({"late_policy": "maybe"}, "late_policy"),
        ({"early_minutes": 10_000}, "early_minutes"),
    ):
        with pytest.raises(ConfigError, match=words):
            settings_from_dict({"appointments": bad})
