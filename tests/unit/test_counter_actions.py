"""The counter window's plain rules: which buttons are live for which ticket, the keys,
and how refusals and running times are worded (no Qt, no database)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from kiosk.config.settings import settings_from_dict
from kiosk.domain.errors import (
    DatabaseUnavailable,
    IllegalTransition,
    NoSuchTicket,
    NothingToReprint,
    QuotaReached,
    ReasonRequired,
    SignInRefused,
)
from kiosk.domain.model import Ticket, TicketStatus
from kiosk.domain.status_words import status_word
from kiosk.ui.common import i18n
from kiosk.ui.counter.actions import SHORTCUTS, DeskAction, DeskState, enabled_actions
from kiosk.ui.counter.texts import (
    Names,
    alert_word,
    clock_text,
    error_text,
    last_closed_text,
)

S = TicketStatus
A = DeskAction
ALWAYS = {A.CALL_NEXT, A.CALL_SPECIFIC, A.PAUSE, A.REPRINT}

#: Written out from the lifecycle table (ARCHITECTURE.md), not derived from the code.
EXPECTED: dict[TicketStatus | None, set[DeskAction]] = {
    None: ALWAYS,
    S.CALLED: ALWAYS | {A.RECALL, A.START, A.FINISH, A.NO_SHOW, A.TRANSFER},
    S.SERVING: ALWAYS | {A.FINISH, A.TRANSFER},
    # Not a counter's current ticket in practice; shown here so the table stays total.
    S.DONE: ALWAYS,
    S.NO_SHOW: ALWAYS,
    S.CANCELLED: ALWAYS,
    S.WAITING: ALWAYS | {A.TRANSFER},
    S.TRANSFERRED: ALWAYS | {A.TRANSFER},
}


def ticket(status: TicketStatus = S.CALLED, **kw: object) -> Ticket:
    issued = dt.datetime(2025, 5, 12, 2, 0, tzinfo=dt.UTC)
    values: dict[str, object] = {
        "id": 7,
        "code": "A-007",
        "service": "A",
        "number": 7,
        "office_day": dt.date(2025, 5, 12),
        "status": status,
        "priority": None,
        "issued_at": issued,
        "called_at": issued + dt.timedelta(minutes=12),
    }
    values.update(kw)
    return Ticket(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [None, *TicketStatus])
def test_buttons_follow_the_ticket_lifecycle(status: TicketStatus | None) -> None:
    current = ticket(status) if status is not None else None
    assert enabled_actions(DeskState(current)) == EXPECTED[status]


@pytest.mark.parametrize("status", [None, S.CALLED, S.SERVING])
def test_nothing_is_live_while_busy_or_without_a_database(status: TicketStatus | None) -> None:
    current = ticket(status) if status is not None else None
    assert enabled_actions(DeskState(current, busy=True)) == frozenset()
    assert enabled_actions(DeskState(current, available=False)) == frozenset()


def test_no_transfer_when_there_is_nowhere_to_go() -> None:
    live = enabled_actions(DeskState(ticket(S.CALLED), other_services=0))
    assert A.TRANSFER not in live
    assert A.RECALL in live


def test_every_button_has_its_own_function_key() -> None:
    assert list(SHORTCUTS.values()) == [f"F{n}" for n in range(1, 9)]
    assert set(SHORTCUTS) == set(DeskAction) - {A.REPRINT}


def test_importing_the_rules_and_texts_needs_no_qt() -> None:
    # In a fresh interpreter: this one may have imported Qt for other tests.
    check = (
        "import sys, kiosk.ui.counter.actions, kiosk.ui.counter.texts; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", check], check=False).returncode == 0


def test_refusals_are_worded_in_the_window_language() -> None:
    assert error_text(SignInRefused(), "id") == i18n.tr("counter.signin.refused", "id")
    assert error_text(NoSuchTicket("Z-9"), "en") == "Ticket Z-9 was not found today."
    illegal = IllegalTransition("A-001", "no-show", "recalled")
    assert error_text(illegal, "id") == (
        "A-001 berstatus tidak hadir; tindakan ini tidak dapat dilakukan."
    )
    assert error_text(ReasonRequired(), "en").startswith("A reason is required")
    assert "A-002" in error_text(NothingToReprint("A-002", "printed"), "id")
    # Unknown to the window: the core's own message, marked as a refusal.
    assert error_text(QuotaReached("D", 1), "id") == (
        "Ditolak: service 'D' has given out all 1 tickets for today"
    )
    assert error_text(DatabaseUnavailable("down"), "en").startswith("The database cannot")


def test_words_for_states_alerts_and_running_times() -> None:
    assert status_word("no_show", "en") == "no-show"
    assert status_word("serving", "id") == "sedang dilayani"
    assert alert_word("paper_near_end", "id") == "kertas hampir habis"
    assert alert_word("jammed", "en") == "printer problem (jammed)"
    assert [clock_text(s) for s in (0, 45, 61, 3723, -5)] == [
        "0:00",
        "0:45",
        "1:01",
        "1:02:03",
        "0:00",
    ]


def test_names_of_services_and_priorities() -> None:
    settings = settings_from_dict(
        {
            "office": {"name": "Uji", "timezone": "Asia/Jakarta"},
            "services": [{"code": "A", "name_id": "Paspor Baru", "name_en": "New Passport"}],
        },
        "test",
    )
    names = Names.of(settings)
    assert names.service("A", "en") == "New Passport"
    assert names.service("Z", "id") == "Z"  # unknown: the code
    assert names.priority(None, "id") == ""
    assert names.priority("lansia", "id") == "Lansia"
    assert names.priority("lansia", "en") == "Elderly"


JAKARTA = ZoneInfo("Asia/Jakarta")


def test_the_last_ticket_closed_is_worded_by_how_it_ended() -> None:
    # 02:41 UTC is 09.41 in Jakarta (UTC+7).
    finished = dt.datetime(2025, 5, 12, 2, 41, tzinfo=dt.UTC)
    done = ticket(S.DONE, code="A-012", finished_at=finished)
    assert last_closed_text(done, JAKARTA, "id") == "Terakhir dilayani: A-012 (selesai 09.41)"
    assert last_closed_text(done, JAKARTA, "en") == "Last served: A-012 (done 09:41)"
    gone = ticket(S.NO_SHOW, code="A-013", finished_at=finished)
    assert last_closed_text(gone, JAKARTA, "id") == (
        "Terakhir dipanggil: A-013 (tidak hadir 09.41)"
    )
    cancelled = ticket(S.CANCELLED, finished_at=finished)
    assert last_closed_text(cancelled, JAKARTA, "en") == "Last called: A-007 (cancelled 09:41)"
    # Not closed (or no time to say): nothing to say.
    assert last_closed_text(ticket(S.SERVING, finished_at=finished), JAKARTA, "id") == ""
    assert last_closed_text(ticket(S.DONE), JAKARTA, "id") == ""
