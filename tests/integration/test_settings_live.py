"""Settings changed at run time (the admin window) on SQLite and PostgreSQL: validated
whole, audited, versioned, and taken up by another Office (another PC) without a restart."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest

from kiosk import Office
from kiosk.config.settings import editable_document, settings_from_dict
from kiosk.domain.errors import SettingsRejected
from kiosk.domain.model import AuditQuery
from kiosk.domain.staff import StaffSession
from tests.staff import admin_session


@pytest.fixture
def admin(db_url: str) -> Iterator[Office]:
    with Office.open(db_url, settings=settings_from_dict({})) as office:
        yield office


@pytest.fixture
def me(admin: Office) -> StaffSession:
    """The admin signed in at the admin window."""
    return admin_session(admin)


def test_a_change_reaches_another_office_at_its_next_look(
    db_url: str, admin: Office, me: StaffSession
) -> None:
    with Office.open(db_url, settings=settings_from_dict({})) as kiosk:
        assert not kiosk.reload_settings()  # nothing new: one read, no change
        doc = editable_document(admin.settings)
        services = copy.deepcopy(doc["services"])
        services[0]["name_id"] = "Paspor Baru (Elektronik)"
        services[0]["daily_quota"] = 2
        office = {**doc["office"], "name": "Kantor Imigrasi Kelas I Uji"}
        admin.update_settings("services", services, session=me)
        admin.update_settings("office", office, session=me)
        assert admin.settings.office.name == "Kantor Imigrasi Kelas I Uji"

        assert kiosk.settings.office.name != "Kantor Imigrasi Kelas I Uji"
        assert kiosk.reload_settings()
        assert kiosk.settings.office.name == "Kantor Imigrasi Kelas I Uji"
        a = next(q for q in kiosk.queue.status().services if q.service.code == "A")
        assert a.service.name_id == "Paspor Baru (Elektronik)"
        assert a.quota_left == 2
        assert not kiosk.reload_settings()

    # A PC opening later gets them too, over its own file.
    with Office.open(db_url, settings=settings_from_dict({})) as later:
        assert later.settings.office.name == "Kantor Imigrasi Kelas I Uji"
        assert later.settings.services[0].daily_quota == 2

    changes = admin.reports.audit(AuditQuery(action="settings_changed"))
    assert [(e.actor, e.detail["section"]) for e in changes] == [
        ("admin.uji", "office"),
        ("admin.uji", "services"),
    ]
    assert changes[0].detail["after"] == office


def test_a_bad_change_is_refused_with_the_key_and_saves_nothing(
    admin: Office, me: StaffSession
) -> None:
    doc = editable_document(admin.settings)
    counters = copy.deepcopy(doc["counters"])
    counters[0]["services"] = ["Z"]
    with pytest.raises(SettingsRejected, match=r"counters\[0\]\.services: unknown service 'Z'"):
        admin.update_settings("counters", counters, session=me)
    queue = {**doc["queue"], "recall_limit": -1}
    with pytest.raises(SettingsRejected, match=r"queue\.recall_limit"):
        admin.update_settings("queue", queue, session=me)
    with pytest.raises(SettingsRejected, match="cannot be changed here"):
        admin.update_settings("database", {"url": "sqlite:///elsewhere.db"}, session=me)
    assert editable_document(admin.settings) == doc
    assert admin.reports.audit(AuditQuery(action="settings_changed")) == []


def test_counters_and_policy_change_the_queue(db_url: str, admin: Office, me: StaffSession) -> None:
    doc = editable_document(admin.settings)
    counters = [*doc["counters"], {"number": 9, "name": "Loket Malam", "services": ["D"]}]
    admin.update_settings("counters", counters, session=me)
    admin.update_settings("queue", {**doc["queue"], "recall_limit": 0}, session=me)
    with Office.open(db_url, settings=settings_from_dict({})) as counter_pc:
        assert 9 in {c.number for c in counter_pc.queue.counters()}
        counter_pc.issue_ticket("D")
        t = counter_pc.call_next(9)
        assert t is not None
        assert counter_pc.queue.recall(t.id).status.value == "no_show"  # recall limit now 0


def test_printer_state_and_test_prints(admin: Office, me: StaffSession) -> None:
    assert admin.printer_states() == {}
    admin.report_printer("kiosk-1", "online")
    admin.report_printer("kiosk-1", "online")  # unchanged: the first "since" stands
    first = admin.printer_states()["kiosk-1"]
    assert (first.state, first.message) == ("online", None)
    admin.report_printer("kiosk-1", "paper_out", "load a new roll")
    now = admin.printer_states()["kiosk-1"]
    assert (now.state, now.message) == ("paper_out", "load a new roll")
    assert now.since >= first.since

    assert not admin.settings_store.take_printer_test("kiosk-1")
    admin.settings_store.request_printer_test("kiosk-1", session=me)
    assert not admin.settings_store.take_printer_test("kiosk-2")
    assert admin.settings_store.take_printer_test("kiosk-1")
    assert not admin.settings_store.take_printer_test("kiosk-1")  # once
    assert [e.actor for e in admin.reports.audit(AuditQuery(action="printer_test_requested"))] == [
        "admin.uji"
    ]
