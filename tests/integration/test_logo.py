"""The office logo: checked and normalised by the facade, stored in the database for every
PC, audited; and ``kiosk office logo --set/--remove``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.config.settings import Settings, load_settings
from kiosk.domain.errors import LogoRejected, SettingsRejected
from kiosk.domain.model import AuditQuery
from kiosk.domain.staff import StaffSession
from kiosk.office import Office
from kiosk.services.logo import MAX_BYTES
from kiosk.tools.demo.logo import demo_logo
from tests.staff import TEST_ADMIN, admin_session


def image_bytes(fmt: str, size: tuple[int, int] = (64, 32), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


@pytest.fixture
def settings() -> Settings:
    return load_settings(None)


@pytest.fixture
def office(db_url: str, settings: Settings) -> Iterator[Office]:
    with Office.open(db_url, settings=settings) as o:
        yield o


@pytest.fixture
def admin(office: Office) -> StaffSession:
    return admin_session(office)


def test_no_logo_until_one_is_set(office: Office) -> None:
    assert office.logo() is None


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "WEBP"])
def test_an_image_round_trips_as_an_rgba_png(office: Office, admin: StaffSession, fmt: str) -> None:
    office.set_logo(image_bytes(fmt), session=admin)
    png = office.logo()
    assert png is not None
    image = decoded(png)
    assert image.mode == "RGBA"
    assert image.size == (64, 32)
    red, green, blue, alpha = image.getpixel((10, 10))  # type: ignore[misc]
    assert alpha == 255 and red > 150 and green < 80 and blue < 80


def test_a_large_image_is_scaled_down_to_fit_512_keeping_its_shape(
    office: Office, admin: StaffSession
) -> None:
    office.set_logo(image_bytes("PNG", (2000, 1000)), session=admin)
    png = office.logo()
    assert png is not None
    assert decoded(png).size == (512, 256)


def test_a_file_over_2_mb_is_refused_and_nothing_saved(office: Office, admin: StaffSession) -> None:
    office.set_logo(demo_logo(), session=admin)
    before = office.logo()
    big = image_bytes("BMP", (1024, 1024))  # 3 MB uncompressed
    assert len(big) > MAX_BYTES
    with pytest.raises(LogoRejected, match="at most 2 MB") as info:
        office.set_logo(big, session=admin)
    assert info.value.reason == "too_big"
    assert office.logo() == before


def test_what_is_not_an_image_is_refused(office: Office, admin: StaffSession) -> None:
    with pytest.raises(SettingsRejected, match="not an image") as info:
        office.set_logo(b"%PDF-1.7 not a picture", session=admin)
    assert isinstance(info.value, LogoRejected) and info.value.reason == "not_image"
    with pytest.raises(SettingsRejected, match="not an image"):
        office.set_logo(image_bytes("PNG")[:40], session=admin)  # cut short
    assert office.logo() is None


def test_remove_and_the_audit_log(office: Office, admin: StaffSession) -> None:
    office.set_logo(demo_logo(), session=admin)
    size = len(office.logo() or b"")
    office.set_logo(None, session=admin)
    assert office.logo() is None
    entries = office.reports.audit(AuditQuery(action="logo_changed"), 0, 10)
    assert [(e.actor, e.detail) for e in entries] == [
        ("admin.uji", {"removed": True}),
        ("admin.uji", {"bytes": size}),
    ]


def test_another_office_sees_the_logo_after_reload_settings(
    office: Office, admin: StaffSession, db_url: str, settings: Settings
) -> None:
    with Office.open(db_url, settings=settings) as elsewhere:
        assert elsewhere.logo() is None
        assert elsewhere.reload_settings() is False
        office.set_logo(demo_logo(), session=admin)
        # A new logo alone is a change: windows rebuild or refresh on it.
        assert elsewhere.reload_settings() is True
        assert elsewhere.logo() == office.logo() is not None
        assert elsewhere.reload_settings() is False
        office.set_logo(None, session=admin)
        assert elsewhere.reload_settings() is True
        assert elsewhere.logo() is None


# -- the command line ----------------------------------------------------------------------------
def test_cli_sets_and_removes_the_logo(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    picture = tmp_path / "logo.jpg"
    picture.write_bytes(image_bytes("JPEG", (300, 600)))
    with Office.open(sqlite_url, settings=settings) as office:
        admin_session(office)  # the office's admin, made once
    as_admin = ["--as", TEST_ADMIN[0], "--pin-stdin"]
    pin = f"{TEST_ADMIN[2]}\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(pin))
    assert main(["--db", sqlite_url, "office", "logo", "--set", str(picture), *as_admin]) == 0
    assert "office logo set" in capsys.readouterr().out
    with Office.open(sqlite_url, settings=settings) as office:
        png = office.logo()
        assert png is not None and decoded(png).size == (256, 512)

    monkeypatch.setattr("sys.stdin", io.StringIO(pin))
    assert main(["--db", sqlite_url, "office", "logo", "--remove", *as_admin]) == 0
    assert capsys.readouterr().out.strip() == "office logo removed"
    with Office.open(sqlite_url, settings=settings) as office:
        assert office.logo() is None


def test_cli_refuses_a_bad_file_in_one_line(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a logo", encoding="utf-8")
    assert main(["--db", sqlite_url, "office", "logo", "--set", str(text)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an image" in err

    assert main(["--db", sqlite_url, "office", "logo", "--set", str(tmp_path / "gone.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err

    with pytest.raises(SystemExit) as exited:
        main(["--db", sqlite_url, "office", "logo"])
    assert exited.value.code == 2
