"""The facade: one entry point for the windows, the CLI, the tests and office scripts.

    from kiosk import Office
    office = Office.open("sqlite:///office.db")
    t = office.issue_ticket("A")
    office.call_next(counter=3)

Every method runs one transaction and returns plain immutable data, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kiosk import exports
from kiosk.config import paths
from kiosk.config.settings import (
    EDITABLE_SECTIONS,
    ConfigError,
    Settings,
    config_path,
    database_url,
    default_database_url,
    editable_document,
    load_settings,
    with_overrides,
)
from kiosk.domain import token
from kiosk.domain.audit import AuditCheck
from kiosk.domain.errors import DatabaseUnavailable, InvalidToken, KioskError, SettingsRejected
from kiosk.domain.model import (
    AuditEntry,
    AuditQuery,
    BackupResult,
    CallEvent,
    Counter,
    CounterDesk,
    PrinterAlert,
    PrinterReport,
    QueueStatus,
    Service,
    Ticket,
    TicketEvent,
    TicketQuery,
)
from kiosk.domain.staff import Right, Role, StaffAccount, StaffSession
from kiosk.domain.stats import DaySummary
from kiosk.exports import RecapFormat
from kiosk.printing.slip import Slip
from kiosk.services.kiosk_exit import KioskExitService
from kiosk.services.office_settings import SettingsStore
from kiosk.services.ports import Clock
from kiosk.services.queue import QueueService, QueueSettings, TicketRef, utc_now
from kiosk.services.reports import ReportService
from kiosk.services.slips import SlipService
from kiosk.services.staff import StaffService
from kiosk.services.survey import SurveyService, SurveySettings, SurveyTicketRef
from kiosk.storage import migrate
from kiosk.storage.backup import backup_sqlite, backups_in, restore_sqlite
from kiosk.storage.catalog import sync_catalog
from kiosk.storage.changes import SQLITE_POLL_SECONDS, ChangeFeed, open_change_feed
from kiosk.storage.engine import (
    checkpoint,
    make_engine,
    normalise_url,
    redacted_url,
    sqlite_path,
)
from kiosk.storage.files import make_private_folder
from kiosk.storage.uow import UnitOfWorkFactory, describe_db_error
from kiosk.survey.definitions import STANDARD, in_order
from kiosk.survey.export import Format as ExportFormat
from kiosk.survey.model import (
    IkmResult,
    Profile,
    ProfileBreakdown,
    ResponseRow,
    SurveyDefinition,
    SurveyFilter,
    SurveyReceipt,
)

log = logging.getLogger(__name__)


def survey_definitions(settings: Settings) -> dict[str, SurveyDefinition]:
    """The surveys the configuration enables; the SKM in its configured screen order."""
    out: dict[str, SurveyDefinition] = {}
    for code in settings.survey.enabled:
        definition = STANDARD[code]
        if code == "skm":
            definition = in_order(definition, settings.survey.order)
        out[code] = definition
    return out


def _slice(where: SurveyFilter | None, service: str | None, counter: int | None) -> SurveyFilter:
    base = where or SurveyFilter()
    return replace(
        base,
        service=service if service is not None else base.service,
        counter=counter if counter is not None else base.counter,
    )


class Office:
    def __init__(
        self,
        url: str,
        engine: Engine,
        base_settings: Settings,
        uow: UnitOfWorkFactory,
        clock: Clock,
    ) -> None:
        self.url = url
        #: The configuration file this office was opened with (None: settings given).
        self.config_file: Path | None = None
        self._engine = engine
        self._uow = uow
        self._clock = clock
        #: The file's (or the caller's) settings; the database's overrides go on top.
        self._base = base_settings
        self._store = SettingsStore(uow, clock)
        self._staff = StaffService(uow, clock)
        self._kiosk_exit = KioskExitService(uow, clock)
        self._slips = SlipService(uow, clock)
        self._settings_version = -1
        #: The logo as of ``_settings_version`` (so a new logo alone counts as a change).
        self._logo: bytes | None = None
        self._build(base_settings)

    def _build(self, settings: Settings) -> None:
        """(Re)make the services that depend on the settings."""
        self.settings = settings
        uow, clock = self._uow, self._clock
        self._queue = QueueService(
            uow,
            QueueSettings(
                timezone=settings.timezone,
                policy=settings.priority_policy(),
                priorities=settings.priority_categories(),
                recall_limit=settings.queue.recall_limit,
            ),
            clock,
        )
        self._survey = SurveyService(
            uow,
            SurveySettings(
                timezone=settings.timezone,
                definitions=survey_definitions(settings),
                walkup_cooldown=dt.timedelta(seconds=settings.survey.walkup_cooldown_seconds),
            ),
            self._slips.verify,
            clock,
        )
        self._reports = ReportService(uow, settings.timezone, clock)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        settings: Settings | None = None,
        config: str | os.PathLike[str] | None = None,
        clock: Clock = utc_now,
        upgrade: bool = True,
    ) -> Office:
        """Open (creating or upgrading the schema) the office database at ``url``.

        ``url`` None: KIOSK_DATABASE_URL, then the config's [database] url, then an SQLite
        file in the platform data folder. ``settings`` or ``config`` (a TOML path) give the
        office's services, counters and rules; default: the platform config file if any,
        else the built-in immigration office. Settings a supervisor saved in the database
        (the admin window) are laid over them.
        """
        given_settings = settings is not None
        settings = settings or load_settings(config)
        url = normalise_url(database_url(settings, url))
        if url == default_database_url():
            _create_data_folder(paths.data_dir())
        engine = make_engine(url)
        where = redacted_url(url)
        try:
            if upgrade and not migrate.is_current(engine):
                migrate.upgrade(engine)
        except DBAPIError as exc:
            engine.dispose()
            if _permission_denied(exc):
                # The shared-server setup: PCs log in as a role that may change rows but
                # not tables (packaging/postgresql). The schema is the owner's to upgrade.
                raise DatabaseUnavailable(
                    f"the database at {where} has no tables for this version of the program "
                    f"(revision {migrate.HEAD}), and its user may not create them. The IT "
                    "officer upgrades it once, as the owner role: kiosk --db "
                    "postgresql://kiosk_owner:PASSWORD@SERVER/kiosk db upgrade"
                ) from exc
            raise DatabaseUnavailable(describe_db_error(exc, where)) from exc
        office = cls(url, engine, settings, UnitOfWorkFactory(engine, where), clock)
        if config is not None or not given_settings:
            office.config_file = config_path(config)[0]
        try:
            office.reload_settings(sync=True)
        except BaseException:
            engine.dispose()
            raise
        return office

    # -- settings --------------------------------------------------------------------------
    def reload_settings(self, *, sync: bool = False) -> bool:
        """Take up settings saved in the database since the last look; True if they changed.

        Costs one small read when nothing changed: windows call it on every change-feed
        wake-up. Saved settings that no longer fit this PC's file (a service the file
        dropped, say) are logged and left out rather than stopping the window.
        """
        version = self._store.version()
        if version == self._settings_version:
            if sync:
                self._sync_catalog()
            return False
        version, overrides = self._store.current()
        try:
            effective = with_overrides(self._base, overrides)
        except ConfigError as exc:
            log.error("ignoring the settings saved in the database: %s", exc)
            effective = self._base
        self._settings_version = version
        logo = self._store.logo()
        changed = effective != self.settings or logo != self._logo
        self._logo = logo
        self._build(effective)
        self._sync_catalog()
        return changed

    def _sync_catalog(self) -> None:
        try:
            sync_catalog(
                self._engine, self.settings.domain_services(), self.settings.domain_counters()
            )
        except DBAPIError as exc:
            raise DatabaseUnavailable(describe_db_error(exc, redacted_url(self.url))) from exc

    def settings_document(self) -> dict[str, Any]:
        """The settings a supervisor may change, as plain data (sections of the file)."""
        return editable_document(self.settings)

    def update_settings(
        self, section: str, value: Any, *, session: StaffSession | None
    ) -> Settings:
        """Replace one section (e.g. "services") for every PC; validated whole, audited under
        the signed-in admin's name (NotSignedIn / NotAllowed otherwise).

        Raises SettingsRejected naming the key and what was expected; nothing is saved then.
        """
        if section not in EDITABLE_SECTIONS:
            raise SettingsRejected(
                f"{section}: cannot be changed here (editable: {', '.join(EDITABLE_SECTIONS)})"
            )
        _, overrides = self._store.current()
        try:
            with_overrides(self._base, {**overrides, section: value})
        except ConfigError as exc:
            raise SettingsRejected(
                str(exc).removeprefix("settings saved in the database: ")
            ) from None
        self._store.save(section, value, session)
        self.reload_settings()
        return self.settings

    def set_logo(self, data: bytes | None, *, session: StaffSession | None) -> None:
        """Set the office logo for every PC from an image file's bytes (PNG, JPEG, GIF, BMP or
        WebP, at most 2 MB; stored as a PNG fitting 512x512), or remove it (None). Audited
        ("logo_changed"); every window takes it up like any settings change.

        Raises SettingsRejected (nothing saved) when ``data`` is not such an image.
        """
        from kiosk.logo import normalise_logo

        self._store.save_logo(None if data is None else normalise_logo(data), session)
        self.reload_settings()

    def logo(self) -> bytes | None:
        """The office logo as PNG bytes (one small read), None when there is none."""
        if self._store.version() == self._settings_version:
            return self._logo
        return self._store.logo()

    def printer_states(self) -> dict[str, PrinterReport]:
        """The last state each kiosk's printer reported, by kiosk name."""
        return {
            source: PrinterReport(
                source=source,
                state=str(data.get("state", "")),
                message=data.get("message") if isinstance(data.get("message"), str) else None,
                since=dt.datetime.fromisoformat(str(data["at"])),
            )
            for source, data in self._store.printer_states().items()
            if "at" in data
        }

    def request_printer_test(self, source: str, *, session: StaffSession | None) -> None:
        """Ask the kiosk ``source`` to print a test page (it does so within seconds); a
        supervisor's or an admin's."""
        self._store.request_printer_test(source, session)

    def take_printer_test(self, source: str) -> bool:
        """For a kiosk: True once for each test page asked of its printer."""
        return self._store.take_printer_test(source)

    # -- tickets ------------------------------------------------------------------------
    def issue_ticket(self, service_code: str, priority: str | None = None) -> Ticket:
        return self._queue.issue_ticket(service_code, priority)

    def call_next(self, counter: int, *, actor: str | None = None) -> Ticket | None:
        return self._queue.call_next(counter, actor)

    def call_ticket(
        self, ticket: TicketRef, counter: int, reason: str, *, actor: str | None = None
    ) -> Ticket:
        return self._queue.call_ticket(ticket, counter, reason, actor)

    def recall(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        return self._queue.recall(ticket, actor)

    def start(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        return self._queue.start(ticket, actor)

    def finish(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        return self._queue.finish(ticket, actor)

    def no_show(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        return self._queue.no_show(ticket, actor)

    def cancel(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        return self._queue.cancel(ticket, actor)

    def transfer(self, ticket: TicketRef, to_service: str, *, actor: str | None = None) -> Ticket:
        return self._queue.transfer(ticket, to_service, actor)

    def pause_counter(self, counter: int, *, actor: str | None = None) -> Counter:
        """A break: the counter no longer counts as open in wait estimates (audited)."""
        return self._queue.pause_counter(counter, actor)

    def resume_counter(self, counter: int, *, actor: str | None = None) -> Counter:
        """Back from a break (calling the next ticket resumes a paused counter too)."""
        return self._queue.resume_counter(counter, actor)

    def ticket(self, ticket: TicketRef) -> Ticket:
        """A ticket by id, or by today's code ("A-001")."""
        return self._queue.get_ticket(ticket)

    # -- reading ------------------------------------------------------------------------
    def queue_status(self) -> QueueStatus:
        return self._queue.status()

    def services(self) -> list[Service]:
        return self._queue.services()

    def counters(self) -> list[Counter]:
        return self._queue.counters()

    def counter_desk(self, counter: int, waiting_limit: int = 50) -> CounterDesk:
        """What an officer's window shows for ``counter``, read in one transaction."""
        return self._queue.counter_desk(counter, waiting_limit)

    def recent_calls(self, limit: int = 10) -> list[CallEvent]:
        """Today's calls and recalls, newest first: what the display board shows and says."""
        return self._queue.recent_calls(limit)

    def audit_log(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        return self._queue.audit_log(limit, action)

    def today(self) -> dt.date:
        return self._queue.today()

    def tickets_on(self, day: dt.date) -> int:
        return self._queue.tickets_on(day)

    def find_ticket(self, text: str) -> Ticket:
        """A ticket from what a person typed or a scanner read: id, today's code, or a
        slip token (which must verify: a forged or altered slip is refused)."""
        text = text.strip()
        if token.looks_like_token(text):
            found = self._slips.verify(text)
            if found is None:
                raise InvalidToken()
            return self._queue.get_ticket_on(found.code, found.office_day)
        return self._queue.get_ticket(text)

    # -- the supervisor's views -------------------------------------------------------------
    def day_summary(self, day: dt.date | None = None) -> DaySummary:
        """An office day in figures (default today): counts per service, wait and service
        times (mean, 90th percentile), tickets per hour, each counter's day."""
        return self._reports.day_summary(day)

    def tickets(self, query: TicketQuery, offset: int = 0, limit: int = 200) -> list[Ticket]:
        """One page of the tickets matching ``query`` (at most 1000 a page)."""
        return self._reports.tickets(query, offset, limit)

    def count_tickets(self, query: TicketQuery) -> int:
        return self._reports.count_tickets(query)

    def ticket_history(self, ticket: TicketRef) -> list[TicketEvent]:
        """Every step of one ticket, oldest first."""
        return self._reports.ticket_history(self.ticket(ticket).id)

    def audit(self, query: AuditQuery, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        """One page of the audit log, newest first, filtered by period, action and actor."""
        return self._reports.audit(query, offset, limit)

    def verify_audit(self) -> AuditCheck:
        """Walk the audit log's hash chain: whether it holds, else the first broken link."""
        return self._reports.verify_audit()

    # -- exports (the CLI and the admin window write the same files) -----------------------
    def export_survey_day(self, day: dt.date, fmt: ExportFormat, survey: str = "skm") -> bytes:
        """The daily survey export (csv or xlsx): one row per response."""
        return exports.survey_day(self, day, fmt, survey)

    def export_ikm_recap(
        self, result: IkmResult, fmt: RecapFormat, where: SurveyFilter | None = None
    ) -> bytes:
        """The IKM recap (pdf or xlsx) for a result of :meth:`ikm` over the same slice."""
        return exports.ikm_recap(self, result, fmt, where)

    def export_tickets(
        self, query: TicketQuery, fmt: ExportFormat, progress: exports.Progress | None = None
    ) -> bytes:
        """The tickets of a period (csv or xlsx), a page at a time; ``progress(done, total)``
        returning False cancels (ExportCancelled)."""
        return exports.tickets(self, query, fmt, progress)

    def check_export_target(self, path: Path, *, replace: bool) -> None:
        """Refuse (OutFileRefused) an export file that is one of this office's own (the
        database and its -wal/-shm, a backup in the data folder, the configuration), any
        SQLite database or a folder; an existing file unless ``replace`` (the person said
        yes, or --force). The same rule for the CLI and the admin window."""
        from kiosk.survey.export import check_target

        own = exports.protected_files(self.url, self.config_file, [paths.data_dir() / "backups"])
        check_target(path, force=replace, protected=own)

    # -- backups (SQLite; a PostgreSQL server is backed up with pg_dump) --------------------
    @property
    def can_back_up(self) -> bool:
        """True for an SQLite database (the file this program can copy safely)."""
        return sqlite_path(self.url) is not None

    def backup(self, folder: Path, keep: int = 14) -> BackupResult:
        """A consistent copy in ``folder`` while everything keeps running; keeps ``keep``."""
        return backup_sqlite(
            self.url,
            folder,
            keep=keep,
            now=self._queue.now().astimezone(self.settings.timezone).replace(tzinfo=None),
        )

    def restore_backup(self, backup: Path, *, session: StaffSession | None) -> Path | None:
        """Put an SQLite backup back as the office's data (an admin's; the current data is
        backed up first, beside it: returns that copy). Audited in the restored database."""
        account = self._staff.authorize(session, Right.CHANGE_SETTINGS)
        safety = restore_sqlite(self.url, backup)
        self._staff.record(
            "backup_restored",
            account.username,
            {"backup": backup.name, "safety_copy": safety.name if safety else None},
        )
        return safety

    def backups(self, folder: Path) -> list[Path]:
        """This program's backups in ``folder``, oldest first."""
        return backups_in(folder)

    # -- slips and printers ---------------------------------------------------------------
    def ticket_token(self, ticket: Ticket) -> str:
        """The signed token the slip's QR code carries."""
        return self._slips.token_for(ticket)

    def slip(self, ticket: TicketRef | Ticket, lang: str = "id") -> Slip:
        """What the slip for ``ticket`` says, in ``lang`` (id or en)."""
        from kiosk.app import slip_for

        t = ticket if isinstance(ticket, Ticket) else self.ticket(ticket)
        service = next(
            (s for s in self._queue.services() if s.code == (t.origin_service or t.service)),
            None,
        )
        return slip_for(
            self.settings,
            t,
            self.ticket_token(t),
            service_name_id=service.name_id if service else t.service,
            service_name_en=service.name_en if service else t.service,
            lang=lang,
        )

    def record_slip(self, ticket_id: int, printed: bool, error: str | None = None) -> None:
        """Remember whether the ticket's slip printed (a failed one can be reprinted)."""
        self._slips.record(ticket_id, printed, error)

    def report_printer(self, source: str, state: str, message: str | None = None) -> bool:
        """Tell the office how a kiosk's printer is; opens or closes alerts. True if changed."""
        changed = self._slips.report_printer(source, state, message)
        last = self._store.printer_states().get(source, {})
        if changed or last.get("state") != state or last.get("message") != message:
            at = self._queue.now().isoformat()
            self._store.put_printer_state(source, {"state": state, "message": message, "at": at})
        return changed

    def request_reprint(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        """Ask the kiosk to print a failed slip again (audited); the kiosk picks it up."""
        return self._slips.request_reprint(self.ticket(ticket).id, actor)

    def take_reprints(self, limit: int = 5) -> list[Ticket]:
        """For a kiosk: claim the slips officers asked to reprint (each goes to one kiosk)."""
        return self._slips.take_reprints(self.today(), limit)

    def printer_alerts(self) -> list[PrinterAlert]:
        return self._slips.alerts()

    # -- staff ----------------------------------------------------------------------------
    def add_staff(
        self,
        username: str,
        name: str,
        role: Role | str,
        pin: str,
        *,
        session: StaffSession | None,
    ) -> StaffAccount:
        """A new account, by a signed-in admin (``session``); the office's first admin also
        without one. The PIN (6 characters at least) is kept only as a scrypt hash."""
        return self._staff.add(username, name, Role(role), pin, session)

    def disable_staff(self, username: str, *, session: StaffSession | None) -> None:
        self._staff.disable(username, session)

    def enable_staff(self, username: str, *, session: StaffSession | None) -> None:
        self._staff.enable(username, session)

    def reset_staff_pin(self, username: str, pin: str, *, session: StaffSession | None) -> None:
        self._staff.reset_secret(username, pin, session)

    def unlock_staff(self, username: str, *, session: StaffSession | None) -> None:
        """End an account's lockout after wrong PINs before its time (an admin's; audited)."""
        self._staff.unlock(username, session)

    def staff(self) -> list[StaffAccount]:
        return self._staff.accounts()

    # -- the kiosk's way out --------------------------------------------------------------
    def set_exit_pin(self, pin: str, *, session: StaffSession | None = None) -> None:
        """The PIN that closes every kiosk of the office after the exit chord (6-12 digits),
        stored only as a scrypt hash; an admin's (the first one also without a session:
        the installer); audited."""
        self._kiosk_exit.set_pin(pin, session)

    def exit_pin_is_set(self) -> bool:
        return self._kiosk_exit.is_set()

    def check_exit_pin(self, pin: str, station: str) -> None:
        """Nothing when ``pin`` opens kiosk ``station``; ExitPinNotSet, ExitPinLocked or
        ExitPinRefused otherwise (5 wrong in a row lock that pad for 1, 5, 15 minutes)."""
        self._kiosk_exit.check(pin, station)

    def sign_in(
        self, username: str, pin: str, *, roles: Iterable[Role | str], where: str
    ) -> StaffSession:
        """Check a sign-in for a window that admits ``roles``; audited either way. The
        session is what privileged actions take (the services check it every time)."""
        return self._staff.sign_in(
            username, pin, allowed=frozenset(Role(r) for r in roles), where=where
        )

    def sign_out(self, session: StaffSession) -> None:
        """End ``session`` (a counter, the admin window, a command); audited."""
        self._staff.sign_out(session)

    def change_feed(self, poll_seconds: float = SQLITE_POLL_SECONDS) -> ChangeFeed:
        """A new feed telling when any process commits a change (poll or wait on it).

        On SQLite it looks every ``poll_seconds`` (cheap, but not free for an idle window);
        PostgreSQL wakes it by NOTIFY."""
        return open_change_feed(self.url, poll_seconds)

    # -- the satisfaction survey ----------------------------------------------------------
    def survey_definition(self, code: str = "skm") -> SurveyDefinition:
        """A survey this office runs, its elements in the configured screen order."""
        return self._survey.definition(code)

    def submit_survey(
        self,
        answers: Mapping[str, object],
        profile: Profile | Mapping[str, object] | None = None,
        ticket: SurveyTicketRef | None = None,
        survey: str = "skm",
        at: dt.datetime | None = None,
        source: str = "cli",
        *,
        suggestion: str | None = None,
        service: str | None = None,
        station: str | None = None,
    ) -> SurveyReceipt:
        """Store one response: ``answers`` by element code ({"U1": 4, ...}; elements may be
        skipped). ``ticket`` (id, code or slip token; a forged token is refused) links it to
        the ticket's service and counter, and a ticket answers each survey once
        (SurveyAlreadyAnswered). ``at`` dates a paper questionnaire entered later (naive:
        office-local); ``service`` is the service a walk-up respondent names; ``station``
        the kiosk a walk-up came from (its walk-ups are spaced by walkup_cooldown_seconds).
        A ticket answers once it has been at a counter, on its day (SurveyNotServed)."""
        return self._survey.submit(
            answers,
            profile,
            ticket,
            survey,
            at,
            source,
            suggestion=suggestion,
            service=service,
            station=station,
        )

    def survey_ticket(self, ticket: SurveyTicketRef, survey: str = "skm") -> Ticket:
        """The kiosk's check of a scanned or typed ticket before the questions: today's,
        served (called, serving or done) and not yet answered; else the refusal."""
        return self._survey.ticket_for_survey(ticket, survey)

    def walk_up_wait(self, station: str) -> int:
        """Seconds before kiosk ``station`` may take another walk-up survey (0: now)."""
        return self._survey.walk_up_wait(station)

    def ikm(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> IkmResult:
        """The IKM over office days ``date_from``..``date_to`` (both included), optionally
        for one service or counter; ``where`` adds profile filters (gender, age...)."""
        return self._survey.ikm(date_from, date_to, survey, _slice(where, service, counter))

    def survey_answered(self, ticket: Ticket, survey: str = "skm") -> bool:
        """Has ``ticket`` already answered ``survey`` (each ticket answers once)?"""
        return self._survey.answered(ticket.id, survey)

    def survey_responses(self, day: dt.date, survey: str = "skm") -> list[ResponseRow]:
        """One office day's responses in time order (the daily export's rows)."""
        return self._survey.responses(day, survey)

    def survey_profile(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> ProfileBreakdown:
        return self._survey.profile(date_from, date_to, survey, _slice(where, service, counter))

    def suggestions(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> list[str]:
        return self._survey.suggestions(date_from, date_to, survey, _slice(where, service, counter))

    # -- lifetime -----------------------------------------------------------------------
    def close(self) -> None:
        if self._engine.dialect.name == "sqlite":
            checkpoint(self._engine)
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _create_data_folder(folder: Path) -> None:
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise KioskError(
            f"cannot create the data folder {folder}: {exc.strerror or exc}; set "
            "KIOSK_DATABASE_URL (or [database] url) to a database in a folder this account "
            "may write"
        ) from exc


def _permission_denied(exc: DBAPIError) -> bool:
    """PostgreSQL's "insufficient privilege" (SQLSTATE 42501)."""
    return getattr(exc.orig, "sqlstate", None) == "42501"
