"""An applicant's journeys at the lobby kiosk, driven only by what a person touches: taps on
the tiles and buttons, the on-screen keyboards, a barcode scanner typing into the focused
field. Each journey starts on the home screen (the service tiles) and ends on what was
stored and printed, counting the taps it took (regular 1, priority 2, English +1):
the database rows read through a separate engine on the same SQLite file, and the bytes the
printer received on a real pty (decoded with tests/escpos_decode.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.office import Office
from kiosk.printing.status import PrinterState
from kiosk.storage.engine import make_engine
from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby.confirmation import FAILED, PRINTED
from kiosk.ui.lobby.survey_thanks import SAVED
from kiosk.ui.lobby.window import KioskWindow
from tests.escpos_decode import Decoded, decode
from tests.printing.fake_printer import FakePrinter

from .support import WindowFactory, office_config, serve, served

#: What the respondent taps per question, by position on screen (1 = the lowest label).
TAPS = [4, 3, 4, 2, 1, 4, 3, 3, 4]


# -- what a person does ---------------------------------------------------------------------
def tap(widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def scan(qtbot: QtBot, payload: str) -> None:
    """A USB barcode scanner: it types the payload and Enter into whatever has the focus."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, payload)
    QTest.keyClick(focused, Qt.Key.Key_Return)


def showing(window: KioskWindow, screen: QWidget) -> bool:
    return window.stack.currentWidget() is screen


# -- fixtures -------------------------------------------------------------------------------
@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    printer = FakePrinter()
    yield printer
    printer.close()


@pytest.fixture
def serial_settings(tmp_path: Path, fake_printer: FakePrinter) -> Settings:
    """The test office with its slip printer on the fake printer's pty, and one service
    for priority applicants (where the Prioritas button's tickets go)."""
    config = office_config(tmp_path)
    config["services"].append(
        {"code": "P", "name_id": "Layanan Prioritas", "name_en": "Priority Service",
         "priority": True}
    )  # fmt: skip
    config["printer"] = {"kind": "serial", "port": fake_printer.path}
    return settings_from_dict(config, "test")


@pytest.fixture
def kiosk(make_window: WindowFactory, serial_settings: Settings) -> KioskWindow:
    window = make_window(settings_=serial_settings)  # the printer is the configured one
    assert showing(window, window.services)  # home: the tiles
    return window


def rows(url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    """Rows as stored, through an engine of the test's own (another connection)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def printed(qtbot: QtBot, fake: FakePrinter) -> Decoded:
    """The slip as the printer received it, once its cut arrived."""
    qtbot.waitUntil(lambda: decode(fake.data()).cuts >= 1, timeout=5000)
    return decode(fake.data())


# -- taking a number ------------------------------------------------------------------------
def take_number(qtbot: QtBot, window: KioskWindow, service: str = "", priority: str = "") -> int:
    """A regular number: the service's tile. A priority one: Prioritas, then the category
    (the office's one priority service needs no choosing). Returns the taps made."""
    taps = 0

    def touch(widget: QWidget) -> None:
        nonlocal taps
        tap(widget)
        taps += 1

    home = window.services
    qtbot.waitUntil(
        lambda: (
            bool(home.tiles) and all(t.text_shown and t.isVisible() for t in home.tiles.values())
        )
    )
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        if priority:
            touch(home.priority)
            assert showing(window, window.priority)
            touch(window.priority.buttons[priority])
        else:
            touch(home.tiles[service])
    assert showing(window, window.confirmation)
    return taps


def test_an_applicant_takes_a_regular_number_and_gets_its_slip(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    assert take_number(qtbot, kiosk, "A") == 1  # one tap on the tile
    assert kiosk.confirmation.number.text() == "A-001"
    assert kiosk.confirmation.print_state == PRINTED

    [ticket] = rows(sqlite_url, "SELECT id, code, service, priority, slip_state FROM tickets")
    assert ticket["code"] == "A-001" and ticket["service"] == "A"
    assert (ticket["priority"], ticket["slip_state"]) == (None, "printed")
    slip = printed(qtbot, fake_printer)
    texts = slip.texts()
    assert "NOMOR ANTREAN" in texts and "Paspor Baru" in texts
    assert slip.line("A-001").height > 1 and slip.line("A-001").bold  # the big number
    assert not any(t.startswith("Prioritas") for t in texts)
    assert any(t.startswith("Terima kasih.") for t in texts), texts  # printer.footer
    assert slip.qr_payloads == [kiosk.confirmation.qr.payload()]
    assert slip.qr_payloads[0].split(".")[1] == "A-001"  # the signed token names it
    caption = "Setelah dilayani, pindai kode QR slip ini di anjungan untuk mengisi survei"
    assert caption in " ".join(texts), texts  # wrapped to the paper
    assert kiosk.confirmation.qr_caption.text() == caption


def test_an_applicant_takes_a_priority_number_for_the_category_chosen(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    assert "P" not in kiosk.services.tiles  # reached by the Prioritas button only
    assert take_number(qtbot, kiosk, priority="lansia") == 2  # Prioritas, Lansia
    assert kiosk.confirmation.priority.text() == "Prioritas: Lansia"

    [ticket] = rows(sqlite_url, "SELECT code, service, priority, slip_state FROM tickets")
    assert ticket == {"code": "P-001", "service": "P", "priority": "lansia",
                      "slip_state": "printed"}  # fmt: skip
    texts = printed(qtbot, fake_printer).texts()
    assert "P-001" in texts and "Prioritas: Lansia" in texts


def test_with_two_priority_services_the_applicant_chooses_one_after_the_category(
    qtbot: QtBot,
    make_window: WindowFactory,
    serial_settings: Settings,
    fake_printer: FakePrinter,
    sqlite_url: str,
) -> None:
    config = serial_settings.model_dump(mode="json")
    for service in config["services"]:
        service["priority"] = service["priority"] or service["code"] == "B"
    kiosk = make_window(settings_=settings_from_dict(config, "test"))
    taps = 0
    qtbot.waitUntil(lambda: "A" in kiosk.services.tiles and kiosk.services.tiles["A"].isVisible())
    assert sorted(kiosk.services.tiles) == ["A", "C", "D"]  # B and P: priority only
    for widget in (kiosk.services.priority, kiosk.priority.buttons["ibu_hamil"]):
        tap(widget)
        taps += 1
    assert showing(kiosk, kiosk.priority_services)
    assert kiosk.priority_services.chip.text() == "Prioritas: Ibu Hamil"
    qtbot.waitUntil(lambda: kiosk.priority_services.tiles["B"].isVisible())
    assert sorted(kiosk.priority_services.tiles) == ["B", "P"]
    with qtbot.waitSignal(kiosk.controller.slip_recorded, timeout=10_000):
        tap(kiosk.priority_services.tiles["B"])
        taps += 1
    assert taps == 3  # priority 2, and the service when more than one serves priority

    [ticket] = rows(sqlite_url, "SELECT code, service, priority FROM tickets")
    assert ticket == {"code": "B-001", "service": "B", "priority": "ibu_hamil"}
    assert "Prioritas: Ibu Hamil" in printed(qtbot, fake_printer).texts()


def test_an_applicant_in_english_gets_an_english_slip(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    tap(kiosk.top_bar.language)  # one tap: English
    assert take_number(qtbot, kiosk, priority="anak") + 1 == 3  # priority 2, English +1
    assert kiosk.confirmation.caption.text() == "Your queue number"

    [ticket] = rows(sqlite_url, "SELECT code, priority FROM tickets")
    assert ticket == {"code": "P-001", "priority": "anak"}
    texts = printed(qtbot, fake_printer).texts()
    for words in ("QUEUE NUMBER", "Priority Service", "Priority: Child / infant"):
        assert words in texts, texts
    # The QR holds a token for the kiosk's scanner, not a web address: the caption says so
    # (wrapped to the paper, so over two lines), on the slip as on the screen.
    caption = "After being served, scan this slip's QR code at the kiosk to fill in the survey"
    assert caption in " ".join(texts), texts
    assert kiosk.confirmation.qr_caption.text() == caption
    assert "NOMOR ANTREAN" not in texts and "Layanan Prioritas" not in texts
    assert any(t.startswith("Thank you.") for t in texts), texts  # printer.footer_en
    assert not any(t.startswith("Terima kasih") for t in texts), texts


def test_a_printer_out_of_paper_shows_the_number_politely_and_alerts_the_office(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    fake_printer.state = PrinterState.PAPER_OUT
    assert take_number(qtbot, kiosk, "A") == 1
    assert kiosk.confirmation.number.text() == "A-001"  # the number is still shown
    assert kiosk.confirmation.print_state == FAILED
    assert kiosk.confirmation.status.text() == tr("confirm.print_failed", "id")

    [ticket] = rows(sqlite_url, "SELECT code, slip_state FROM tickets")
    assert ticket == {"code": "A-001", "slip_state": "failed"}
    alerts = rows(sqlite_url, "SELECT source, state, resolved_at FROM printer_alerts")
    assert alerts == [{"source": "kiosk-uji", "state": "paper_out", "resolved_at": None}]
    assert decode(fake_printer.data()).texts() == []  # nothing sent into an empty printer
    tap(kiosk.confirmation.done)
    assert kiosk.notice.isVisible()
    assert kiosk.notice.text() == tr("printer.notice", "id")


# -- the satisfaction survey ----------------------------------------------------------------
#: The columns of a stored response the journeys check.
WANTED = ("survey", "ticket_id", "service", "gender", "age_band", "education", "occupation",
          "suggestion", "source")  # fmt: skip


@dataclass(frozen=True)
class Stored:
    response: dict[str, Any]
    answers: dict[str, int]


def stored_survey(url: str) -> Stored:
    [response] = rows(url, "SELECT * FROM survey_responses")
    answers = rows(
        url,
        "SELECT element, value FROM survey_answers WHERE response_id = :id",
        id=response["id"],
    )
    return Stored(response, {a["element"]: a["value"] for a in answers})


def fill_profile(window: KioskWindow, service: str = "") -> None:
    profile = window.survey_profile
    if service:
        tap(profile.buttons["service"][service])
    tap(profile.buttons["gender"]["P"])
    # The respondent reads the bands' labels and taps "30–39".
    [band] = [b for b in profile.buttons["age"].values() if b.text() == "30–39"]
    tap(band)
    tap(profile.buttons["education"]["D4/S1"])
    tap(profile.buttons["occupation"]["Swasta"])
    tap(profile.next)


def answer_and_send(qtbot: QtBot, window: KioskWindow, suggestion: str) -> dict[str, int]:
    """Tap an answer to every question, type the suggestion on the keyboard, send."""
    assert window.flow is not None
    tapped = {}
    for element, value in zip(window.flow.definition.elements, TAPS, strict=True):
        assert showing(window, window.survey_question)
        assert window.survey_question.question.text() == element.question_id
        tap(window.survey_question.answers[value - 1])
        tapped[element.code] = value
    assert showing(window, window.survey_keyboard)
    for ch in suggestion:
        tap(window.survey_keyboard.keys[ch])
    with qtbot.waitSignal(window.controller.survey_submitted, timeout=10_000):
        tap(window.survey_keyboard.send)
    assert showing(window, window.survey_thanks)
    assert window.survey_thanks.state == SAVED
    return tapped


def open_survey(window: KioskWindow) -> None:
    tap(window.services.survey)
    assert showing(window, window.survey_entry)


def test_a_survey_begun_by_scanning_the_slips_qr_stores_the_band_chosen(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    take_number(qtbot, kiosk, "B")
    [qr] = printed(qtbot, fake_printer).qr_payloads
    tap(kiosk.confirmation.done)
    assert showing(kiosk, kiosk.services)
    with Office.open(sqlite_url) as counter_pc:  # an officer calls B-001 and serves it
        serve(counter_pc, counter_pc.queue.get_ticket("B-001"))

    open_survey(kiosk)
    with qtbot.waitSignal(kiosk.controller.survey_started, timeout=10_000):
        scan(qtbot, qr)  # the slip held under the scanner
    assert showing(kiosk, kiosk.survey_profile)
    assert kiosk.survey_profile.service_chip.text() == "Penggantian Paspor"
    fill_profile(kiosk)
    tapped = answer_and_send(qtbot, kiosk, "ramah")

    [ticket] = rows(sqlite_url, "SELECT id FROM tickets WHERE code = 'B-001'")
    survey = stored_survey(sqlite_url)
    assert {k: survey.response.get(k) for k in WANTED} == {
        "survey": "skm",
        "ticket_id": ticket["id"],
        "service": "B",
        "gender": "P",
        "age_band": "30-39",  # the band tapped, not a made-up age
        "education": "D4/S1",
        "occupation": "Swasta",
        "suggestion": "Ramah",
        "source": "kiosk",
    }
    assert survey.answers == tapped


def test_a_survey_begun_by_typing_the_number_on_the_keypad(
    qtbot: QtBot, kiosk: KioskWindow, other_office: Office, sqlite_url: str
) -> None:
    ticket = served(other_office, "A")  # taken at another kiosk this morning, then served
    open_survey(kiosk)
    for key in "A-1":
        tap(kiosk.survey_entry.keys[key])
    assert kiosk.survey_entry.field.text() == "A-1"
    with qtbot.waitSignal(kiosk.controller.survey_started, timeout=10_000):
        tap(kiosk.survey_entry.ok)
    fill_profile(kiosk)
    tapped = answer_and_send(qtbot, kiosk, "cepat")

    survey = stored_survey(sqlite_url)
    assert survey.response["ticket_id"] == ticket.id
    assert (survey.response["service"], survey.response.get("age_band")) == ("A", "30-39")
    assert survey.response["suggestion"] == "Cepat"
    assert survey.answers == tapped


def test_a_walk_up_survey_names_its_service_and_band(
    qtbot: QtBot, kiosk: KioskWindow, sqlite_url: str
) -> None:
    open_survey(kiosk)
    with qtbot.waitSignal(kiosk.controller.survey_started, timeout=10_000):
        tap(kiosk.survey_entry.walk_up)
    fill_profile(kiosk, service="D")
    tapped = answer_and_send(qtbot, kiosk, "")

    survey = stored_survey(sqlite_url)
    assert survey.response["ticket_id"] is None
    assert (survey.response["service"], survey.response.get("age_band")) == ("D", "30-39")
    assert survey.response["suggestion"] is None
    assert survey.answers == tapped
    tap(kiosk.survey_thanks.done)
    assert showing(kiosk, kiosk.services)


def test_a_survey_with_skipped_questions_ended_early_stores_what_was_answered(
    qtbot: QtBot, kiosk: KioskWindow, sqlite_url: str
) -> None:
    """Worst to best left to right; "Lewati" leaves an element out, "Selesai" sends now."""
    open_survey(kiosk)
    with qtbot.waitSignal(kiosk.controller.survey_started, timeout=10_000):
        tap(kiosk.survey_entry.walk_up)
    fill_profile(kiosk, service="A")
    question = kiosk.survey_question
    xs = [b.mapTo(kiosk, b.rect().center()).x() for b in question.answers]
    assert xs == sorted(xs)  # one row, lowest label on the left
    ys = {b.mapTo(kiosk, b.rect().center()).y() for b in question.answers}
    assert len(ys) == 1
    assert question.answers[0].label.text() == "Tidak sesuai"
    assert question.answers[3].label.text() == "Sangat sesuai"
    assert not question.finish.isVisible()  # nothing answered yet: nothing to store

    assert kiosk.flow is not None
    first, second, third = (e.code for e in kiosk.flow.definition.elements[:3])
    tap(question.skip)  # the first question: skipped
    tap(question.answers[0])  # the second: the worst
    assert question.progress.text() == "3 / 9"
    tap(question.answers[3])  # the third: the best
    with qtbot.waitSignal(kiosk.controller.survey_submitted, timeout=10_000):
        tap(question.finish)  # and done
    assert showing(kiosk, kiosk.survey_thanks)
    assert kiosk.survey_thanks.state == SAVED

    survey = stored_survey(sqlite_url)
    assert survey.answers == {second: 1, third: 4}  # the skipped and the unasked: missing
    assert first not in survey.answers
    assert (survey.response["service"], survey.response["suggestion"]) == ("A", None)


def test_a_survey_with_every_question_skipped_stores_nothing(
    qtbot: QtBot, kiosk: KioskWindow, sqlite_url: str
) -> None:
    open_survey(kiosk)
    with qtbot.waitSignal(kiosk.controller.survey_started, timeout=10_000):
        tap(kiosk.survey_entry.walk_up)
    fill_profile(kiosk, service="A")
    assert kiosk.flow is not None
    for _ in kiosk.flow.definition.elements:
        tap(kiosk.survey_question.skip)
    assert showing(kiosk, kiosk.services)  # home: a response needs one answer
    assert rows(sqlite_url, "SELECT id FROM survey_responses") == []
