"""The change feed: a window learns that another process changed the queue, cheaply.

SQLite: PRAGMA data_version; PostgreSQL: LISTEN/NOTIFY. Writers run in other processes
(spawn), as the kiosk and the counters would.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import queue
import time
import traceback
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk import Office
from kiosk.config.settings import settings_from_dict
from kiosk.domain.errors import QuotaReached, ServiceClosed
from kiosk.storage.changes import ChangeFeed

CONFIG: dict[str, Any] = {
    "services": [
        {"code": "A", "name_id": "Paspor Baru", "name_en": "New Passport", "daily_quota": 1},
        {"code": "B", "name_id": "Penggantian", "name_en": "Replacement"},
        {
            "code": "C",
            "name_id": "Tutup",
            "name_en": "Closed",
            "hours": {"sun": "08:00-09:00"},
        },
    ],
}
CHILD_TIMEOUT = 60.0


def monday_10am() -> dt.datetime:
    """The clock of every office here, so that parent and children share an office day."""
    return dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)


def _issue_from_another_process(url: str, ready: Any, go: Any, results: Any) -> None:
    """Child: open the office, say so, wait for the signal, issue one B ticket."""
    try:
        with Office.open(url, settings=settings_from_dict(CONFIG), clock=monday_10am) as office:
            ready.set()
            if not go.wait(timeout=CHILD_TIMEOUT):
                raise TimeoutError("no signal to issue")
            code = office.issue_ticket("B").code
            results.put(("issued", time.time(), code))
    except BaseException:
        results.put(("error", time.time(), traceback.format_exc()))


class Writer:
    """Another process that issues one ticket when told to."""

    def __init__(self, url: str) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.ready, self.go, self.results = ctx.Event(), ctx.Event(), ctx.Queue()
        self.proc = ctx.Process(
            target=_issue_from_another_process, args=(url, self.ready, self.go, self.results)
        )
        self.proc.start()
        if not self.ready.wait(timeout=CHILD_TIMEOUT):
            self.stop()
            pytest.fail("the writer process did not start")

    def issue(self) -> float:
        """Let it issue; when it committed (time.time() in the child)."""
        self.go.set()
        try:
            kind, at, detail = self.results.get(timeout=CHILD_TIMEOUT)
        except queue.Empty:
            pytest.fail("the writer process did not answer")
        assert kind == "issued", detail
        return float(at)

    def stop(self) -> None:
        self.proc.join(timeout=30)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=10)
        self.results.close()
        self.results.join_thread()


@pytest.fixture
def office(db_url: str) -> Iterator[Office]:
    with Office.open(db_url, settings=settings_from_dict(CONFIG), clock=monday_10am) as office:
        yield office


@pytest.fixture
def feed(office: Office) -> Iterator[ChangeFeed]:
    feed = office.change_feed()
    yield feed
    feed.close()


def _poll_until(feed: ChangeFeed, seconds: float) -> bool:
    """poll() until True or ``seconds`` pass (a NOTIFY reaches the socket a moment later)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if feed.poll():
            return True
        time.sleep(0.01)
    return False


def test_poll_sees_a_commit_from_another_process_once(
    db_url: str, office: Office, feed: ChangeFeed
) -> None:
    assert feed.poll() is False
    # Reading is not a change.
    office.queue.status()
    office.queue.services()
    assert feed.poll() is False

    writer = Writer(db_url)
    try:
        assert feed.poll() is False  # opening an up-to-date office writes nothing
        writer.issue()
    finally:
        writer.stop()
    assert writer.proc.exitcode == 0

    assert _poll_until(feed, 2.0) is True
    assert feed.poll() is False
    assert feed.poll() is False
    assert office.queue.get_ticket("B-001").service == "B"


def test_wait_wakes_within_a_second_of_a_commit(
    db_url: str, office: Office, feed: ChangeFeed
) -> None:
    began = time.monotonic()
    assert feed.wait(0.4) is False  # nothing happens: it times out
    waited = time.monotonic() - began
    assert 0.35 <= waited < 2.0

    writer = Writer(db_url)
    try:
        assert feed.poll() is False
        writer.go.set()
        changed = feed.wait(10.0)
        woke = time.time()
        kind, committed, detail = writer.results.get(timeout=CHILD_TIMEOUT)
        assert kind == "issued", detail
    finally:
        writer.stop()
    assert changed is True
    assert woke - committed < 1.0
    assert feed.poll() is False
    assert feed.wait(0.2) is False


def test_every_feed_hears_the_same_change(db_url: str, office: Office, feed: ChangeFeed) -> None:
    other = office.change_feed()
    try:
        writer = Writer(db_url)
        try:
            writer.issue()
        finally:
            writer.stop()
        assert feed.wait(2.0) is True
        assert other.wait(2.0) is True
        assert feed.poll() is False
        assert other.poll() is False
    finally:
        other.close()


def test_a_rolled_back_action_wakes_nobody(office: Office, feed: ChangeFeed) -> None:
    office.issue_ticket("A")  # the day's only A ticket: the quota is 1
    assert feed.wait(2.0) is True
    assert feed.poll() is False

    # This one takes the next number, finds the quota used up, and rolls back.
    with pytest.raises(QuotaReached):
        office.issue_ticket("A")
    with pytest.raises(ServiceClosed):
        office.issue_ticket("C")
    assert feed.wait(0.5) is False
    assert feed.poll() is False

    office.issue_ticket("B")
    assert feed.wait(2.0) is True
