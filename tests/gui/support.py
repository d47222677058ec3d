"""What the GUI tests share besides fixtures: calm timings and the test office."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.domain.model import Ticket
from kiosk.office import Office
from kiosk.ui.lobby.controller import Timings
from kiosk.ui.lobby.window import KioskWindow

SLOW = 60_000  # "never" within a test
#: Timings for tests: nothing happens by itself unless a test asks for it.
CALM = Timings(
    idle_ms=SLOW,
    confirmation_ms=SLOW,
    printer_poll_ms=SLOW,
    status_refresh_ms=SLOW,
    retry_ms=100,
    print_patience_ms=SLOW,
)

WindowFactory = Callable[..., KioskWindow]


def office_config(tmp_path: Path, **kiosk: Any) -> dict[str, Any]:
    return {
        "office": {"name": "Kantor Imigrasi Uji", "timezone": "Asia/Jakarta"},
        "services": [
            {"code": "A", "name_id": "Paspor Baru", "name_en": "New Passport"},
            {"code": "B", "name_id": "Penggantian Paspor", "name_en": "Passport Replacement"},
            {
                "code": "C",
                "name_id": "Pengambilan Paspor",
                "name_en": "Passport Collection",
                "hours": {},  # no day named: closed all week
            },
            {
                "code": "D",
                "name_id": "Informasi",
                "name_en": "Information",
                "daily_quota": 1,
            },
        ],
        "printer": {"kind": "preview", "preview_dir": str(tmp_path / "slips")},
        "kiosk": {"name": "kiosk-uji", **kiosk},
    }


def serve(office: Office, ticket: Ticket) -> Ticket:
    """An officer at another PC calls ``ticket`` and finishes it: only a ticket that has
    been at a counter may answer the survey."""
    counter = next(c.number for c in office.queue.counters() if ticket.service in c.services)
    called = office.call_next(counter=counter)
    assert called is not None and called.id == ticket.id, "the test's ticket is the next"
    return office.finish(ticket.id)


def served(office: Office, service: str = "A") -> Ticket:
    """A ticket taken at another kiosk and served at a counter."""
    return serve(office, office.issue_ticket(service))
