"""What the counter window's tests share: the office with counters, its staff, a window
factory, and an officer's hands (typing, choosing, clicking, pressing F-keys).

Counters 1 and 2 both serve A and B. ``other_office`` (tests/gui/conftest.py) is another
connection to the same SQLite file (another PC at the office): the tests issue tickets
through it as a kiosk would and read back what the window stored.

Each test module declares its fixtures in one line each from the builders here
(``settings``, ``staff``, ``make_counter``), so pytest finds them by name there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.office import Office
from kiosk.ui.counter.actions import SHORTCUTS, DeskAction
from kiosk.ui.counter.controller import Timings
from kiosk.ui.counter.ports import CounterOffice
from kiosk.ui.counter.sign_in import SignInPage
from kiosk.ui.counter.window import CounterWindow
from tests.staff import add_staff as add_account
from tests.staff import admin_session

from .support import office_config

SLOW = 60_000
#: Nothing happens by itself within a test, except retrying a database that failed.
TIMINGS = Timings(retry_ms=100, tick_ms=SLOW, list_tick_ms=SLOW)
PIN = "135790"
#: An action's round trip to the database and back (generous: two cores, shared).
ACTION_MS = 10_000

CounterFactory = Callable[..., CounterWindow]


def counter_config(tmp_path: Path, **queue: Any) -> dict[str, Any]:
    config = office_config(tmp_path)
    config["counters"] = [
        {"number": 1, "name": "Loket 1", "services": ["A", "B"]},
        {"number": 2, "name": "Loket 2", "services": ["A", "B"]},
    ]
    if queue:
        config["queue"] = queue
    return config


def counter_settings(tmp_path: Path) -> Settings:
    """The kiosk tests' office with counters."""
    return settings_from_dict(counter_config(tmp_path), "test")


def add_staff(other_office: Office) -> Office:
    """Siti (officer) and Budi (supervisor), both with PIN; Rina's account disabled: added
    by the office's admin, as the admin window adds them."""
    add_account(other_office, "siti", "Siti Aminah", "officer", PIN)
    add_account(other_office, "budi", "Budi Santoso", "supervisor", PIN)
    add_account(other_office, "rina", "Rina Wulandari", "officer", PIN)
    admin = admin_session(other_office)
    try:
        other_office.staff.disable("rina", session=admin)
    finally:
        other_office.staff.sign_out(admin)
    return other_office


def counter_windows(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[CounterFactory]:
    """Makes shown counter windows (1366x768) on ``sqlite_url``; closes them at the end."""
    windows: list[CounterWindow] = []

    def make(
        *,
        counter: int | None = None,
        sign_in: tuple[str, str] | None = None,
        open_office: Callable[[], CounterOffice] | None = None,
        wait_ready: bool = True,
        url: str | None = None,
        settings_: Settings | None = None,
    ) -> CounterWindow:
        chosen = settings_ or settings

        def default_open() -> CounterOffice:
            return Office.open(url or sqlite_url, settings=chosen)

        window = CounterWindow(
            chosen,
            open_office or default_open,
            timings=TIMINGS,
            counter=counter,
            sign_in=sign_in,
        )
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        if wait_ready:
            qtbot.waitUntil(lambda: window.controller.catalog is not None)
        return window

    yield make
    for window in windows:
        if isValid(window):
            window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- an officer's hands ------------------------------------------------------------------------
def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(field: QWidget, text: str) -> None:
    """Click into the field, select what it holds (Ctrl+A) and type over it."""
    click(field)
    assert field.hasFocus(), "the field did not take the click (is the window in front?)"
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, text)


def choose_counter(page: SignInPage, number: int) -> None:
    """From the PIN, Tab to the counter list and step through it with the arrow keys (the
    list's pop-up cannot open on the offscreen platform without Qt warnings)."""
    combo = page.counter
    assert combo.findData(number) >= 0, f"counter {number} is not offered"
    QTest.keyClick(page.pin, Qt.Key.Key_Tab)
    assert combo.hasFocus(), "Tab from the PIN does not reach the counter list"
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == number:
            break
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == number


def sign_in(
    qtbot: QtBot, window: CounterWindow, username: str = "siti", pin: str = PIN, counter: int = 1
) -> None:
    """Type the user name and PIN, choose the counter, click Masuk; the desk shows."""
    focus(qtbot, window)
    page = window.sign_in_page
    type_into(page.username, username)
    type_into(page.pin, pin)
    choose_counter(page, counter)
    with qtbot.waitSignal(window.controller.signed_in, timeout=ACTION_MS):
        click(page.submit_button)
    assert window.signed_in


def press(qtbot: QtBot, window: CounterWindow, action: DeskAction) -> None:
    """Click ``action``'s button and wait until it is done (and the desk re-read)."""
    button = window.desk.action_bar.buttons[action]
    assert button.isEnabled(), f"{action} is not enabled"
    with qtbot.waitSignal(window.controller.action_done, timeout=ACTION_MS):
        click(button)


def focus(qtbot: QtBot, window: QWidget) -> None:
    """The window (or a dialog) in front, as the desktop puts it on the counter PC: its
    keys reach it and a click into a field gives the field the cursor. (The offscreen
    platform activates nothing by itself.)"""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


F_KEYS = {
    "F1": Qt.Key.Key_F1,
    "F2": Qt.Key.Key_F2,
    "F3": Qt.Key.Key_F3,
    "F4": Qt.Key.Key_F4,
    "F5": Qt.Key.Key_F5,
    "F6": Qt.Key.Key_F6,
    "F7": Qt.Key.Key_F7,
    "F8": Qt.Key.Key_F8,
}


def key_for(action: DeskAction) -> Qt.Key:
    return F_KEYS[SHORTCUTS[action]]


def press_key(qtbot: QtBot, window: CounterWindow, action: DeskAction) -> None:
    """Press ``action``'s F-key and wait until it is done (and the desk re-read)."""
    assert window.desk.action_bar.buttons[action].isEnabled(), f"{action} is not enabled"
    with qtbot.waitSignal(window.controller.action_done, timeout=ACTION_MS):
        QTest.keyClick(window, key_for(action))


def shown_code(window: CounterWindow) -> str:
    """The big number on the desk; empty while no ticket is at the counter."""
    code = window.desk.ticket.code
    return code.text() if code.isVisibleTo(window) else ""


def live(window: CounterWindow) -> set[DeskAction]:
    return {a for a, b in window.desk.action_bar.buttons.items() if b.isEnabled()}
