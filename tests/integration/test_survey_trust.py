"""A survey response speaks for service received: a ticket answers once it has been at a
counter, on its own office day; walk-ups (no ticket) from one kiosk are spaced out in the
database. On both databases, and through the command line."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from kiosk import Office
from kiosk.domain.errors import SurveyNotServed, WalkUpTooSoon

ALL4 = {f"U{i}": 4 for i in range(1, 10)}
T0 = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB


class Clockwork:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def test_only_a_ticket_that_has_been_at_a_counter_answers(db_url: str) -> None:
    with Office.open(db_url) as office:
        waiting = office.issue_ticket("A")
        for ref in (waiting.code, waiting.id, office.slips.token_for(waiting)):
            with pytest.raises(SurveyNotServed, match="has not been at a counter"):
                office.submit_survey(ALL4, ticket=ref)
            with pytest.raises(SurveyNotServed):
                office.survey.ticket_for_survey(ref)
        cancelled = office.issue_ticket("A")
        office.queue.cancel(cancelled.id)
        with pytest.raises(SurveyNotServed):
            office.submit_survey(ALL4, ticket=cancelled.code)

        called = office.call_next(counter=1)
        assert called is not None and called.id == waiting.id
        assert office.survey.ticket_for_survey(waiting.code).id == waiting.id  # called: may answer
        receipt = office.submit_survey(ALL4, ticket=waiting.code)
        assert (receipt.ticket_code, receipt.counter) == (waiting.code, 1)
        assert office.survey.responses(office.today())[0].ticket_code == waiting.code


def test_a_ticket_answers_on_its_own_day_only(db_url: str) -> None:
    clock = Clockwork()
    with Office.open(db_url, clock=clock) as office:
        ticket = office.issue_ticket("A")
        office.call_next(counter=1)
        office.finish(ticket.id)
        token = office.slips.token_for(ticket)
        clock.now += dt.timedelta(days=1)
        for ref in (token, ticket.id):
            with pytest.raises(SurveyNotServed, match="its own day"):
                office.submit_survey(ALL4, ticket=ref)
        # A paper form of that day, entered the next morning, still counts for it.
        yesterday = (T0 + dt.timedelta(hours=3)).replace(tzinfo=None) + dt.timedelta(hours=7)
        office.submit_survey(ALL4, ticket=ticket.id, at=yesterday, source="paper")


def test_walk_ups_from_one_kiosk_are_spaced_by_the_cooldown(db_url: str) -> None:
    clock = Clockwork()
    with Office.open(db_url, clock=clock) as kiosk_1, Office.open(db_url, clock=clock) as again:
        cooldown = kiosk_1.settings.survey.walkup_cooldown_seconds
        assert kiosk_1.survey.walk_up_wait("kiosk-1") == 0
        kiosk_1.submit_survey(ALL4, source="kiosk", service="A", station="kiosk-1")
        clock.now += dt.timedelta(seconds=10)
        # Another process (the kiosk restarted) sees the same pause.
        assert again.survey.walk_up_wait("kiosk-1") == cooldown - 10
        with pytest.raises(WalkUpTooSoon) as soon:
            again.submit_survey(ALL4, source="kiosk", service="A", station="kiosk-1")
        assert soon.value.seconds == cooldown - 10
        # Another kiosk, and the paper forms a clerk enters, are not held back.
        again.submit_survey(ALL4, source="kiosk", service="B", station="kiosk-2")
        again.submit_survey(ALL4, source="paper", service="B")
        clock.now += dt.timedelta(seconds=cooldown - 10)
        assert again.survey.walk_up_wait("kiosk-1") == 0
        again.submit_survey(ALL4, source="kiosk", service="A", station="kiosk-1")
        assert len(again.survey.responses(again.today())) == 4


def test_the_cli_refuses_a_waiting_ticket_in_one_line(sqlite_url: str) -> None:
    with Office.open(sqlite_url) as office:
        office.issue_ticket("A")
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", sqlite_url, "survey", "submit",
         "--answers", "U1=4", "--ticket", "A-001"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "A-001" in proc.stderr and "has not been at a counter" in proc.stderr
