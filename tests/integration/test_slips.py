"""Slips through the facade: signed tokens, print records and printer alerts."""

from __future__ import annotations

import pytest

from kiosk import Office
from kiosk.domain.errors import InvalidToken, NoSuchTicket


def test_token_finds_the_ticket_and_forgeries_are_refused(db_url: str) -> None:
    with Office.open(db_url) as office:
        t = office.issue_ticket("A")
        token = office.slips.token_for(t)
        assert office.find_ticket(token).id == t.id
        assert office.find_ticket("a-001").id == t.id
        assert office.find_ticket(str(t.id)).id == t.id
        forged = token.replace("A-001", "A-002")
        with pytest.raises(InvalidToken):
            office.find_ticket(forged)
        with pytest.raises(NoSuchTicket):
            office.find_ticket("B-009")
        slip = office.slip(t, lang="en")
        assert slip.qr_payload == token
        assert (slip.ticket_code, slip.service_name) == ("A-001", "New Passport")
    # Another process (here: another Office) shares the secret through the database.
    with Office.open(db_url) as other:
        assert other.find_ticket(token).id == t.id


def test_slip_state_is_recorded(db_url: str) -> None:
    with Office.open(db_url) as office:
        t = office.issue_ticket("B")
        assert office.queue.get_ticket(t.id).slip_state is None
        office.slips.record(t.id, printed=False, error="paper out")
        assert office.queue.get_ticket(t.id).slip_state == "failed"
        office.slips.record(t.id, printed=True)
        assert office.queue.get_ticket(t.id).slip_state == "printed"


def test_printer_alerts_open_once_and_close_when_fixed(db_url: str) -> None:
    with Office.open(db_url) as office:
        assert office.report_printer("kiosk-1", "online") is False
        assert office.report_printer("kiosk-1", "paper_near_end", "load paper") is True
        assert office.report_printer("kiosk-1", "paper_near_end", "load paper") is False
        office.report_printer("kiosk-2", "cover_open")
        alerts = office.slips.alerts()
        assert [(a.source, a.state) for a in alerts] == [
            ("kiosk-1", "paper_near_end"),
            ("kiosk-2", "cover_open"),
        ]
        assert office.report_printer("kiosk-1", "paper_out") is True
        assert [(a.source, a.state) for a in office.slips.alerts()] == [
            ("kiosk-2", "cover_open"),
            ("kiosk-1", "paper_out"),
        ]
        assert office.report_printer("kiosk-1", "online") is True
        assert [a.source for a in office.slips.alerts()] == ["kiosk-2"]
