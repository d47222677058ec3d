"""The satisfaction survey on the lobby kiosk (offscreen, real SQLite, preview printer):
entry by QR token, typed number or walk-up; answers stored by element code; a ticket
answers once; a forged token is refused; an abandoned survey stores nothing; walk-ups
pause for the configured cooldown."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.office import Office
from kiosk.survey.model import Profile
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.style import MM_PER_INCH
from kiosk.ui.lobby.survey_thanks import ANSWERED, SAVED
from kiosk.ui.lobby.window import KioskWindow

from .support import CALM, WindowFactory, served

#: Tapped per question, by position on screen (1 = the lowest label).
TAPS = [4, 3, 4, 2, 1, 4, 3, 3, 4]


def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def showing(window: KioskWindow, screen: QWidget) -> bool:
    return window.stack.currentWidget() is screen


def open_entry(window: KioskWindow) -> None:
    tap(window.services.survey)
    assert showing(window, window.survey_entry)
    assert window.survey_entry.field.hasFocus()  # a scanner types straight into it


def scan(qtbot: QtBot, window: KioskWindow, text: str) -> None:
    """A USB scanner: types the text and Enter into whatever has the focus."""
    focused = QApplication.focusWidget()
    assert focused is window.survey_entry.field
    QTest.keyClicks(focused, text)
    QTest.keyClick(focused, Qt.Key.Key_Return)


def answer_all(qtbot: QtBot, window: KioskWindow, taps: list[int]) -> dict[str, int]:
    """Tap through every question; returns what was tapped by element code."""
    assert window.flow is not None
    elements = window.flow.definition.elements
    tapped: dict[str, int] = {}
    for i, (element, value) in enumerate(zip(elements, taps, strict=True)):
        assert showing(window, window.survey_question)
        assert window.survey_question.progress.text() == f"{i + 1} / {len(elements)}"
        labels = element.labels_en if window.lang == "en" else element.labels_id
        assert [b.label.text() for b in window.survey_question.answers] == list(labels)
        tap(window.survey_question.answers[value - 1])
        tapped[element.code] = value
    assert showing(window, window.survey_keyboard)
    return tapped


def send(qtbot: QtBot, window: KioskWindow, suggestion: str = "") -> None:
    for ch in suggestion:
        tap(window.survey_keyboard.keys[ch])
    with qtbot.waitSignal(window.controller.survey_submitted, timeout=10_000):
        tap(window.survey_keyboard.send)
    assert showing(window, window.survey_thanks)
    assert window.survey_thanks.state == SAVED


def test_survey_with_the_slips_qr_token_stores_the_tapped_answers(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    ticket = served(other_office, "B")
    token = other_office.slips.token_for(ticket)
    window = make_window()
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        scan(qtbot, window, token)
    assert showing(window, window.survey_profile)
    assert window.survey_profile.service_chip.text() == "Penggantian Paspor"
    assert not window.survey_profile.buttons["service"]["A"].isVisible()  # from the ticket
    tap(window.survey_profile.buttons["gender"]["P"])
    tap(window.survey_profile.buttons["age"]["30-39"])
    tap(window.survey_profile.buttons["education"]["D4/S1"])
    tap(window.survey_profile.buttons["occupation"]["Swasta"])
    tap(window.survey_profile.next)

    tapped = answer_all(qtbot, window, TAPS)
    send(qtbot, window, "ramah")

    rows = other_office.survey.responses(ticket.office_day)
    assert len(rows) == 1
    row = rows[0]
    assert row.answers == tapped
    assert row.ticket_code == ticket.code
    assert row.service == "B"
    assert row.profile == Profile("P", "30-39", "D4/S1", "Swasta")
    assert row.suggestion == "Ramah"

    tap(window.survey_thanks.done)
    assert showing(window, window.services)


def test_survey_with_a_typed_number_and_back_changes_an_answer(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    ticket = served(other_office, "A")
    assert ticket.code == "A-001"
    window = make_window()
    tap(window.top_bar.language)
    open_entry(window)
    for ch in "A-1":
        tap(window.survey_entry.keys[ch])
    assert window.survey_entry.field.text() == "A-1"
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        tap(window.survey_entry.ok)
    assert showing(window, window.survey_profile)
    tap(window.survey_profile.skip)  # nothing about me

    assert window.flow is not None
    first = window.flow.definition.elements[0]
    assert window.survey_question.question.text() == first.question_en
    assert window.survey_question.answers[3].label.text() == first.labels_en[3]
    tap(window.survey_question.answers[0])
    tap(window.survey_question.back)  # changed my mind
    assert window.survey_question.progress.text() == "1 / 9"
    tapped = answer_all(qtbot, window, TAPS)
    tap(window.survey_keyboard.skip)
    qtbot.waitUntil(lambda: window.survey_thanks.state == SAVED, timeout=10_000)

    [row] = other_office.survey.responses(ticket.office_day)
    assert row.answers == tapped
    assert row.ticket_code == "A-001"
    assert row.profile == Profile()
    assert row.suggestion is None


def test_walk_up_survey_names_its_service_and_then_walk_ups_pause(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    window = make_window()
    open_entry(window)
    assert window.survey_entry.walk_up.isEnabled()
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        tap(window.survey_entry.walk_up)
    assert showing(window, window.survey_profile)
    assert window.survey_profile.buttons["service"]["D"].isVisible()
    tap(window.survey_profile.buttons["service"]["D"])
    tap(window.survey_profile.buttons["gender"]["L"])
    tap(window.survey_profile.next)
    tapped = answer_all(qtbot, window, [2] * 9)
    send(qtbot, window)

    [row] = other_office.survey.responses(other_office.today())
    assert row.ticket_code is None
    assert row.service == "D"
    assert row.profile == Profile(gender="L")
    assert row.answers == tapped

    # Back at the entry: another walk-up has to wait (the cooldown is 60 s by default).
    tap(window.survey_thanks.done)
    open_entry(window)
    assert not window.survey_entry.walk_up.isEnabled()
    assert window.survey_entry.walk_up_wait.isVisible()
    seconds = window.walkup_cooldown()
    assert 55 <= seconds <= 60
    assert window.survey_entry.walk_up_wait.text() == tr(
        "survey.entry.walkup_wait", "id", s=seconds
    )
    tap(window.survey_entry.walk_up)  # disabled: nothing happens
    assert showing(window, window.survey_entry)
    # A ticket holder is not held back by the walk-up pause.
    ticket = served(other_office, "A")
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        scan(qtbot, window, ticket.code)
    assert showing(window, window.survey_profile)


def test_a_ticket_answers_once_and_a_second_try_is_refused_at_the_entry(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    ticket = served(other_office, "A")
    token = other_office.slips.token_for(ticket)
    other_office.submit_survey({"U1": 4}, ticket=ticket.code, source="paper")
    window = make_window()
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_refused, timeout=10_000):
        scan(qtbot, window, token)
    assert showing(window, window.survey_entry)
    assert window.survey_entry.message.text() == tr(
        "survey.refused.answered", "id", code=ticket.code
    )
    assert window.survey_entry.field.text() == ""
    assert len(other_office.survey.responses(ticket.office_day)) == 1


def test_a_race_lost_at_the_submit_is_told_politely(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    """Another kiosk stores the same ticket's survey while this one is asking."""
    ticket = served(other_office, "A")
    window = make_window()
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        scan(qtbot, window, ticket.code)
    tap(window.survey_profile.skip)
    answer_all(qtbot, window, TAPS)
    other_office.submit_survey({"U1": 1}, ticket=ticket.id, source="kiosk")
    with qtbot.waitSignal(window.controller.survey_failed, timeout=10_000):
        tap(window.survey_keyboard.send)
    assert window.survey_thanks.state == ANSWERED
    assert ticket.code in window.survey_thanks.status.text()
    [row] = other_office.survey.responses(ticket.office_day)
    assert row.answers == {"U1": 1}  # the first one stands


def test_a_forged_token_is_refused_politely(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    ticket = served(other_office, "A")
    token = other_office.slips.token_for(ticket)
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    window = make_window()
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_refused, timeout=10_000):
        scan(qtbot, window, forged)
    assert showing(window, window.survey_entry)
    assert window.survey_entry.message.text() == tr("survey.refused.token", "id")
    assert window.flow is None

    with qtbot.waitSignal(window.controller.survey_refused, timeout=10_000):
        scan(qtbot, window, "A-077")  # no such number today
    assert window.survey_entry.message.text() == tr("survey.refused.ticket", "id", text="A-077")
    assert other_office.survey.responses(ticket.office_day) == []


def test_an_abandoned_survey_goes_home_and_stores_nothing(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    ticket = served(other_office, "A")
    window = make_window(timings=replace(CALM, survey_idle_ms=400))
    tap(window.top_bar.language)
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        scan(qtbot, window, ticket.code)
    tap(window.survey_profile.next)
    tap(window.survey_question.answers[3])
    tap(window.survey_question.answers[2])
    assert window.survey_question.progress.text() == "3 / 9"
    qtbot.waitUntil(lambda: showing(window, window.services), timeout=5_000)
    assert window.flow is None
    assert window.lang == "id"  # home is Bahasa Indonesia
    assert other_office.survey.responses(ticket.office_day) == []
    # The same ticket may still answer later.
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        scan(qtbot, window, ticket.code)
    assert showing(window, window.survey_profile)


def test_a_ticket_still_waiting_cannot_answer_until_it_has_been_at_a_counter(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    """Typing the day's codes one by one must not let anyone answer for people still
    waiting (and so block their own answer later)."""
    waiting = other_office.issue_ticket("A")
    window = make_window()
    open_entry(window)
    with qtbot.waitSignal(window.controller.survey_refused, timeout=10_000):
        scan(qtbot, window, waiting.code)
    assert showing(window, window.survey_entry)
    assert window.survey_entry.message.text() == tr(
        "survey.refused.not_served", "id", code=waiting.code
    )
    assert window.flow is None
    assert other_office.survey.responses(waiting.office_day) == []

    other_office.call_next(counter=1)  # an officer calls A-001 to Loket 1
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        scan(qtbot, window, waiting.code)
    assert showing(window, window.survey_profile)


def test_walk_ups_stay_paused_when_the_kiosk_restarts(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    """The pause between walk-ups is kept in the database: pulling the plug (or a crash
    and systemd's restart) gives no fresh walk-up."""
    first = make_window()
    open_entry(first)
    with qtbot.waitSignal(first.controller.survey_started, timeout=10_000):
        tap(first.survey_entry.walk_up)
    tap(first.survey_profile.skip)
    answer_all(qtbot, first, [3] * 9)
    send(qtbot, first)
    first.unlock_and_close()  # as SIGTERM or the supervisor's exit does

    restarted = make_window()
    with qtbot.waitSignal(restarted.controller.walk_up_wait_read, timeout=10_000) as read:
        open_entry(restarted)
    assert 55 <= read.args[0] <= 60
    assert not restarted.survey_entry.walk_up.isEnabled()
    assert restarted.survey_entry.walk_up_wait.isVisible()
    tap(restarted.survey_entry.walk_up)  # disabled: nothing happens
    assert showing(restarted, restarted.survey_entry)
    assert len(other_office.survey.responses(other_office.today())) == 1


def test_survey_screens_have_large_touch_targets(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    window = make_window()  # 1366x768, the smallest screen the kiosk supports
    open_entry(window)
    targets: list[QWidget] = [
        window.services.survey,
        window.survey_entry.walk_up,
        window.survey_entry.ok,
        *window.survey_entry.keys.values(),
    ]
    with qtbot.waitSignal(window.controller.survey_started, timeout=10_000):
        tap(window.survey_entry.walk_up)
    for buttons in window.survey_profile.buttons.values():
        targets.extend(buttons.values())
    tap(window.survey_profile.next)
    targets.extend(window.survey_question.answers)
    qtbot.wait(1)
    # On the panel, in millimetres (issue 17 measured every target over 22 mm): the keyboard's
    # and the profile's rows are lower than the 90 px this asked before, so that their
    # 4 mm text and 2 mm gaps fit 1366x768 (at 90 px its four key rows touched).
    for widget in targets:
        if widget.isVisible():
            assert mm(window, widget.height()) >= 22, widget.objectName()
    answer_all(qtbot, window, TAPS)
    for widget in window.survey_keyboard.keys.values():
        assert mm(window, widget.height()) >= 22, widget.text()


def mm(window: KioskWindow, px: int) -> float:
    """``px`` on the configured panel ([kiosk] panel_inches at the window's size)."""
    return px / window.dpi * MM_PER_INCH
