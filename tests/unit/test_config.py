"""Settings: the built-in office, a real TOML file, and the messages a bad file gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.config import paths
from kiosk.config.settings import (
    ENV_CONFIG,
    ENV_DATABASE_URL,
    ConfigError,
    Settings,
    database_url,
    load_settings,
    settings_from_dict,
)
from kiosk.domain.errors import KioskError
from kiosk.domain.model import PolicyMode, PriorityPolicy

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")

# 2026-11-23 is a Monday.
MONDAY = dt.date(2026, 11, 23)


def at(day_offset: int, hhmm: str, tz: ZoneInfo = WITA) -> dt.datetime:
    h, m = map(int, hhmm.split(":"))
    day = MONDAY + dt.timedelta(days=day_offset)
    return dt.datetime(day.year, day.month, day.day, h, m, tzinfo=tz)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Own config and data folders, whatever the machine has in its real ones."""
    config, data = tmp_path / "config", tmp_path / "data"
    config.mkdir()
    data.mkdir()
    monkeypatch.setattr(paths, "config_dir", lambda: config)
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)
    return config, data


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


VALID = """\
[office]
name = "Kantor Imigrasi Kelas I TPI Makassar"
timezone = "Asia/Makassar"

[queue]
recall_limit = 2
priority_policy = "interleave"
priority_every = 2

[[priority]]
code = "lansia"
name_id = "Lansia"
name_en = "Elderly"

[[priority]]
code = "disabilitas"
name_id = "Penyandang Disabilitas"
name_en = "Disability"

[[services]]
code = "A"
name_id = "Paspor Baru"
name_en = "New Passport"
daily_quota = 150
service_minutes = 6
hours = { mon-thu = "08:00-15:00", fri = ["08:00-11:30", "13:30-15:00"] }

[[services]]
code = "C"
name_id = "Pengambilan Paspor"
name_en = "Passport Collection"

[[counters]]
number = 1
name = "Loket Satu"
services = ["A"]

[[counters]]
number = 2
services = ["A", "C"]
"""


# -- no file -----------------------------------------------------------------------------


def test_no_file_gives_the_built_in_immigration_office() -> None:
    s = load_settings()
    assert s.source == "built-in defaults"
    assert s.office.timezone == "Asia/Jakarta"
    assert s.timezone == WIB
    assert [x.code for x in s.domain_services()] == ["A", "B", "C", "D", "P"]
    for service in s.domain_services():
        assert service.hours is None, f"{service.code} should be open at any hour"
        assert service.daily_quota is None, f"{service.code} should have no quota"
        assert service.active
    assert s.priority_policy() == PriorityPolicy(PolicyMode.PRIORITY_FIRST, 3)
    assert s.queue.recall_limit == 3
    assert {p.code for p in s.priority_categories()} >= {"lansia", "disabilitas", "ibu_hamil"}
    counters = s.domain_counters()
    assert counters, "the built-in office has counters"
    codes = {x.code for x in s.domain_services()}
    for counter in counters:
        assert set(counter.services) <= codes
    assert {c for counter in counters for c in counter.services} == codes


def test_no_file_anywhere_reads_no_file(isolated: tuple[Path, Path]) -> None:
    config, _ = isolated
    assert not any(config.iterdir())
    assert load_settings().source == "built-in defaults"


# -- a valid file ------------------------------------------------------------------------


def test_valid_file(tmp_path: Path) -> None:
    path = write(tmp_path / "kiosk.toml", VALID)
    s = load_settings(path)
    assert s.source == str(path)
    assert s.office.name == "Kantor Imigrasi Kelas I TPI Makassar"
    assert s.timezone == WITA
    assert s.queue.recall_limit == 2
    assert s.priority_policy() == PriorityPolicy(PolicyMode.INTERLEAVE, 2)
    assert [p.code for p in s.priority_categories()] == ["lansia", "disabilitas"]

    a, c = s.domain_services()
    assert (a.code, a.name_id, a.name_en) == ("A", "Paspor Baru", "New Passport")
    assert a.daily_quota == 150
    assert a.default_service_minutes == 6.0
    assert (c.code, c.hours, c.daily_quota, c.default_service_minutes) == ("C", None, None, 5.0)

    one, two = s.domain_counters()
    assert (one.number, one.name, one.services) == (1, "Loket Satu", ("A",))
    assert (two.number, two.name, two.services) == (2, "Loket 2", ("A", "C"))


@pytest.mark.parametrize(
    ("day", "hhmm", "is_open"),
    [
        (0, "07:59", False),
        (0, "08:00", True),
        (0, "14:59", True),
        (0, "15:00", False),
        (3, "12:00", True),  # Thursday: mon-thu covers it
        (4, "08:00", True),  # Friday morning
        (4, "11:29", True),
        (4, "11:30", False),  # Friday prayers
        (4, "13:29", False),
        (4, "13:30", True),
        (4, "14:59", True),
        (4, "15:00", False),
        (5, "10:00", False),  # Saturday: not named, closed
        (6, "10:00", False),  # Sunday
    ],
)
def test_opening_hours_from_the_file(tmp_path: Path, day: int, hhmm: str, is_open: bool) -> None:
    s = load_settings(write(tmp_path / "kiosk.toml", VALID))
    hours = s.domain_services()[0].hours
    assert hours is not None
    assert hours.is_open(at(day, hhmm)) is is_open


def test_a_partial_file_keeps_the_other_defaults(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path / "k.toml", '[office]\nname = "Kanim Jayapura"\n'))
    assert s.office.name == "Kanim Jayapura"
    assert s.office.timezone == "Asia/Jakarta"  # tables merge key by key
    assert [x.code for x in s.domain_services()] == ["A", "B", "C", "D", "P"]


def test_own_services_without_counters_get_one_counter_for_all(tmp_path: Path) -> None:
    text = '[[services]]\ncode = "X"\nname_id = "x"\nname_en = "x"\n'
    text += '[[services]]\ncode = "Y"\nname_id = "y"\nname_en = "y"\n'
    s = load_settings(write(tmp_path / "k.toml", text))
    assert [(c.number, c.services) for c in s.domain_counters()] == [(1, ("X", "Y"))]


# -- where the file comes from -----------------------------------------------------------


def test_file_in_the_platform_config_dir_is_read(isolated: tuple[Path, Path]) -> None:
    config, _ = isolated
    path = write(config / "kiosk.toml", VALID)
    s = load_settings()
    assert s.source == str(path)
    assert s.timezone == WITA


def test_kiosk_config_env_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "office.toml", VALID)
    monkeypatch.setenv(ENV_CONFIG, str(path))
    assert load_settings().source == str(path)


def test_explicit_path_beats_the_env_and_the_platform_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated: tuple[Path, Path]
) -> None:
    write(isolated[0] / "kiosk.toml", '[office]\nname = "platform"\n')
    monkeypatch.setenv(ENV_CONFIG, str(write(tmp_path / "env.toml", '[office]\nname = "env"\n')))
    explicit = write(tmp_path / "explicit.toml", '[office]\nname = "explicit"\n')
    assert load_settings(explicit).office.name == "explicit"
    assert load_settings().office.name == "env"
    monkeypatch.delenv(ENV_CONFIG)
    assert load_settings().office.name == "platform"


# -- bad files: one message naming the file, the key and what was expected ---------------


def bad(path: Path, text: str | bytes) -> str:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        write(path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert isinstance(info.value, KioskError)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message.strip() or "TOML" in message
    return message


SERVICE_A = '[[services]]\ncode = "A"\nname_id = "a"\nname_en = "a"\n'


def test_invalid_toml(tmp_path: Path) -> None:
    message = bad(tmp_path / "k.toml", '[office]\nname = "unterminated\n')
    assert "not valid TOML" in message
    assert "line 2" in message


def test_not_utf8(tmp_path: Path) -> None:
    message = bad(tmp_path / "k.toml", '[office]\nname = "Kanim Pem\xe9"\n'.encode("latin-1"))
    assert "UTF-8" in message


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('[office]\nname = "x"\ncolour = "red"\n', "office.colour", ["name", "timezone"]),
        ('[printer2]\nport = "/dev/ttyUSB0"\n', "printer2", ["office", "services", "counters"]),
        (SERVICE_A + "hourz = {}\n", "services[0].hourz", ["code", "hours", "daily_quota"]),
        ("[queue]\nevery = 2\n", "queue.every", ["priority_policy", "priority_every"]),
    ],
)
def test_unknown_key(tmp_path: Path, text: str, key: str, expected: list[str]) -> None:
    message = bad(tmp_path / "k.toml", text)
    assert f"{key}: " in message
    assert "unknown key" in message
    for known in expected:
        assert known in message


@pytest.mark.parametrize("zone", ["Asia/Bandung", "WIB", "UTC+7", ""])
def test_bad_time_zone(tmp_path: Path, zone: str) -> None:
    message = bad(tmp_path / "k.toml", f'[office]\nname = "x"\ntimezone = "{zone}"\n')
    assert "office.timezone: " in message
    assert "IANA time zone" in message
    assert "Asia/Jakarta" in message


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ('{ mon = "8-15" }', '"08:00-15:00"'),
        ('{ mon = "08:00 to 15:00" }', '"08:00-15:00"'),
        ('{ mon = "15:00-08:00" }', "ends before it starts"),
        ('{ mon = "08:00-25:00" }', "not a valid time range"),
        ('{ mon = "08:61-15:00" }', "not a valid time range"),
        ('{ mondays = "08:00-15:00" }', "mon..sun"),
        ('{ fri-mon = "08:00-15:00" }', "backwards"),
        ('{ fri = ["08:00-11:30", "13:30"] }', '"08:00-15:00"'),
    ],
)
def test_bad_hours(tmp_path: Path, hours: str, expected: str) -> None:
    message = bad(tmp_path / "k.toml", SERVICE_A + f"hours = {hours}\n")
    assert "services[0].hours: " in message
    assert expected in message


def test_bad_service_code(tmp_path: Path) -> None:
    text = SERVICE_A.replace('"A"', '"a1"')
    message = bad(tmp_path / "k.toml", text)
    assert "services[0].code: " in message
    assert "[A-Z]" in message
    assert "'a1'" in message


def test_duplicate_service_code(tmp_path: Path) -> None:
    message = bad(tmp_path / "k.toml", SERVICE_A + SERVICE_A)
    assert "services" in message
    assert "'A'" in message
    assert "twice" in message


def test_counter_naming_an_unknown_service(tmp_path: Path) -> None:
    text = SERVICE_A + '[[counters]]\nnumber = 1\nservices = ["A", "Z"]\n'
    message = bad(tmp_path / "k.toml", text)
    assert "counters[0].services: " in message
    assert "'Z'" in message
    assert "defined: A" in message


def test_duplicate_counter_number(tmp_path: Path) -> None:
    counter = '[[counters]]\nnumber = 4\nservices = ["A"]\n'
    message = bad(tmp_path / "k.toml", SERVICE_A + counter + counter)
    assert "counters" in message
    assert "4" in message
    assert "twice" in message


def test_bad_priority_policy(tmp_path: Path) -> None:
    message = bad(tmp_path / "k.toml", '[queue]\npriority_policy = "random"\n')
    assert "queue.priority_policy: " in message
    for mode in ("priority_first", "interleave", "fifo"):
        assert mode in message
    assert "'random'" in message


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[queue]\npriority_every = 0\n", "queue.priority_every"),
        ("[queue]\nrecall_limit = -1\n", "queue.recall_limit"),
        (SERVICE_A + "daily_quota = 0\n", "services[0].daily_quota"),
        (SERVICE_A + 'daily_quota = "many"\n', "services[0].daily_quota"),
    ],
)
def test_out_of_range_numbers(tmp_path: Path, text: str, key: str) -> None:
    message = bad(tmp_path / "k.toml", text)
    assert f"{key}: " in message


def test_missing_file_given_explicitly(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "kiosk.toml"
    with pytest.raises(ConfigError) as info:
        load_settings(missing)
    assert str(missing) in str(info.value)
    assert "no such configuration file" in str(info.value)


def test_kiosk_config_env_pointing_to_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "gone.toml"
    monkeypatch.setenv(ENV_CONFIG, str(missing))
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(missing) in str(info.value)
    assert "no such configuration file" in str(info.value)


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        load_settings(tmp_path)


def test_settings_from_dict_names_its_source() -> None:
    with pytest.raises(ConfigError, match=r"^the admin window: office\.timezone: "):
        settings_from_dict(
            {"office": {"name": "x", "timezone": "Mars/Olympus"}}, "the admin window"
        )


# -- database_url precedence -------------------------------------------------------------


def _with_db(url: str | None) -> Settings:
    return settings_from_dict({"database": {"url": url}} if url else {})


def test_database_url_default_is_sqlite_in_the_data_dir(isolated: tuple[Path, Path]) -> None:
    _, data = isolated
    assert database_url(_with_db(None)) == f"sqlite:///{data / 'kiosk.db'}"


def test_database_url_from_the_file() -> None:
    assert database_url(_with_db("postgresql://k@db/kiosk")) == "postgresql://k@db/kiosk"


def test_database_url_env_beats_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, "sqlite:////srv/env.db")
    assert database_url(_with_db("postgresql://k@db/kiosk")) == "sqlite:////srv/env.db"
    assert database_url(_with_db(None)) == "sqlite:////srv/env.db"


def test_database_url_explicit_beats_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, "sqlite:////srv/env.db")
    explicit = "postgresql://k@other/kiosk"
    assert database_url(_with_db("postgresql://k@db/kiosk"), explicit) == explicit


def test_empty_env_does_not_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, "")
    assert database_url(_with_db("postgresql://k@db/kiosk")) == "postgresql://k@db/kiosk"


def test_database_url_read_from_a_toml_file(tmp_path: Path) -> None:
    path = write(tmp_path / "k.toml", '[database]\nurl = "postgresql://kiosk@10.0.0.5/kiosk"\n')
    assert database_url(load_settings(path)) == "postgresql://kiosk@10.0.0.5/kiosk"


def test_names_longer_than_the_windows_and_slip_are_laid_out_for_are_refused(
    tmp_path: Path,
) -> None:
    from kiosk.domain.limits import COUNTER_NAME_MAX, PRIORITY_NAME_MAX, SERVICE_NAME_MAX

    long_service = "x" * (SERVICE_NAME_MAX + 1)
    message = bad(
        tmp_path / "a.toml",
        f'[[services]]\ncode = "A"\nname_id = "{long_service}"\nname_en = "a"\n',
    )
    assert "services" in message and str(SERVICE_NAME_MAX) in message
    message = bad(
        tmp_path / "b.toml",
        SERVICE_A + f'[[priority]]\ncode = "x"\nname_id = "{"y" * (PRIORITY_NAME_MAX + 1)}"\n'
        'name_en = "y"\n',
    )
    assert str(PRIORITY_NAME_MAX) in message
    message = bad(
        tmp_path / "c.toml",
        SERVICE_A + f'[[counters]]\nnumber = 1\nname = "{"z" * (COUNTER_NAME_MAX + 1)}"\n'
        'services = ["A"]\n',
    )
    assert str(COUNTER_NAME_MAX) in message
