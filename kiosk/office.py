"""The facade: one entry point for the windows, the CLI, the tests and office scripts.

    from kiosk import Office
    office = Office.open("sqlite:///office.db")
    t = office.issue_ticket("A")
    office.call_next(counter=3)
    office.queue.recall(t.code)          # every other action: the service's own method
    office.reports.day_summary()

Like Anki's Collection: the office keeps its lifetime (``open``, ``reload_settings``,
``change_feed``, ``close``, ``settings``, ``today``) and the compositions that span services
(a slip, a scanned ticket, printer reports, settings and logo, export targets, backups),
and exposes the services themselves as attributes: ``queue``, ``survey``, ``reports``,
``staff``, ``slips``, ``settings_store``, ``kiosk_exit``, ``exports``, ``appointments``.
They are made once and read the office's current settings through providers, so a saved
setting reaches them without rebuilding anything. ``issue_ticket``, ``call_next``,
``finish``, ``submit_survey`` and ``ikm`` stay here as documented conveniences.

Every method runs one transaction and returns plain immutable data, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kiosk.bootstrap import open_database, protected_files, use_log_zone
from kiosk.config import paths
from kiosk.config.settings import (
    EDITABLE_SECTIONS,
    ConfigError,
    Settings,
    config_path,
    load_settings,
    with_overrides,
)
from kiosk.domain import token
from kiosk.domain.appointments import clock_text
from kiosk.domain.errors import DatabaseUnavailable, InvalidToken, SettingsRejected
from kiosk.domain.model import (
    BackupResult,
    PrinterReport,
    Ticket,
)
from kiosk.domain.staff import Right, StaffSession
from kiosk.printing.slip import Slip, slip_for
from kiosk.services.appointments import AppointmentService, AppointmentSettings
from kiosk.services.exports import ExportService, ExportSettings
from kiosk.services.kiosk_exit import KioskExitService
from kiosk.services.logo import normalise_logo
from kiosk.services.office_settings import SettingsStore
from kiosk.services.ports import Clock
from kiosk.services.ports import UnitOfWorkFactory as UnitOfWorkPort
from kiosk.services.queue import QueueService, QueueSettings, TicketRef, utc_now
from kiosk.services.reports import ReportService
from kiosk.services.slips import SlipService
from kiosk.services.staff import StaffService
from kiosk.services.survey import SurveyService, SurveySettings, SurveyTicketRef, survey_slice
from kiosk.storage.backup import backup_folder, backup_sqlite, backups_in, restore_sqlite
from kiosk.storage.catalog import sync_catalog
from kiosk.storage.changes import SQLITE_POLL_SECONDS, ChangeFeed, open_change_feed
from kiosk.storage.engine import checkpoint, redacted_url, sqlite_path
from kiosk.storage.uow import UnitOfWorkFactory, describe_db_error
from kiosk.survey.definitions import STANDARD, in_order
from kiosk.survey.export import check_target
from kiosk.survey.model import (
    IkmResult,
    Profile,
    SurveyDefinition,
    SurveyFilter,
    SurveyReceipt,
)
from kiosk.survey.recap import Signature

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
        self._clock = clock
        #: The file's (or the caller's) settings; the database's overrides go on top.
        self._base = base_settings
        self._settings_version = -1
        #: The logo as of ``_settings_version`` (so a new logo alone counts as a change).
        self._logo: bytes | None = None
        self._take_up(base_settings)
        # The services, made once: the ones that depend on settings read the current ones
        # through these providers (``_take_up`` replaces what they return).
        self.settings_store = SettingsStore(uow, clock)
        self.staff = StaffService(uow, clock)
        self.kiosk_exit = KioskExitService(uow, clock)
        self.slips = SlipService(uow, clock)
        self.queue = QueueService(uow, lambda: self._queue_settings, clock)
        self.survey = SurveyService(uow, lambda: self._survey_settings, self.slips.verify, clock)
        self.reports = ReportService(uow, lambda: self.settings.timezone, clock)
        self.appointments = AppointmentService(
            uow, lambda: self._appointment_settings, self._issue_in, clock
        )
        self.exports = ExportService(
            self.queue,
            self.survey,
            self.reports,
            lambda: ExportSettings(
                self.settings.office.name,
                self.settings.timezone,
                Signature(
                    place=self.settings.office.place,
                    head_title=self.settings.office.head_title,
                    head_name=self.settings.office.head_name,
                    head_nip=self.settings.office.head_nip,
                ),
            ),
        )

    def _issue_in(self, uow: UnitOfWorkPort, service: str) -> Ticket:
        """A ticket through the queue's own issue path, in the unit of work ``uow`` hands
        out (a check-in's, so the ticket and the appointment's claim commit together)."""
        return QueueService(uow, lambda: self._queue_settings, self._clock).issue_ticket(service)

    def _take_up(self, settings: Settings) -> None:
        """Make ``settings`` the current ones, for the office and its services."""
        self.settings = settings
        use_log_zone(settings.timezone)
        self._queue_settings = QueueSettings(
            timezone=settings.timezone,
            policy=settings.priority_policy(),
            priorities=settings.priority_categories(),
            recall_limit=settings.queue.recall_limit,
        )
        booking = settings.appointments
        self._appointment_settings = AppointmentSettings(
            timezone=settings.timezone,
            early_minutes=booking.early_minutes,
            late_minutes=booking.late_minutes,
            late_policy=booking.late_policy,
            verify=booking.verify,
            code_pattern=booking.code_pattern,
            unverified_service=booking.unverified_service,
            columns=booking.column_map(),
        )
        self._survey_settings = SurveySettings(
            timezone=settings.timezone,
            definitions=survey_definitions(settings),
            walkup_cooldown=dt.timedelta(seconds=settings.survey.walkup_cooldown_seconds),
        )

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
        (the admin window) are laid over them. The database itself: kiosk.bootstrap.
        """
        given_settings = settings is not None
        settings = settings or load_settings(config)
        database = open_database(settings, url, upgrade=upgrade)
        office = cls(database.url, database.engine, settings, database.uow, clock)
        if config is not None or not given_settings:
            office.config_file = config_path(config)[0]
        try:
            office.reload_settings(sync=True)
        except BaseException:
            database.engine.dispose()
            raise
        return office

    def today(self) -> dt.date:
        """The office day now, in the office's time zone."""
        return self.queue.today()

    # -- settings --------------------------------------------------------------------------
    def reload_settings(self, *, sync: bool = False) -> bool:
        """Take up settings saved in the database since the last look; True if they changed.

        Costs one small read when nothing changed: windows call it on every change-feed
        wake-up. Saved settings that no longer fit this PC's file (a service the file
        dropped, say) are logged and left out rather than stopping the window.
        """
        version = self.settings_store.version()
        if version == self._settings_version:
            if sync:
                self._sync_catalog()
            return False
        version, overrides = self.settings_store.current()
        try:
            effective = with_overrides(self._base, overrides)
        except ConfigError as exc:
            log.error("ignoring the settings saved in the database: %s", exc)
            effective = self._base
        self._settings_version = version
        logo = self.settings_store.logo()
        changed = effective != self.settings or logo != self._logo
        self._logo = logo
        self._take_up(effective)
        self._sync_catalog()
        return changed

    def _sync_catalog(self) -> None:
        try:
            sync_catalog(
                self._engine, self.settings.domain_services(), self.settings.domain_counters()
            )
        except DBAPIError as exc:
            raise DatabaseUnavailable(describe_db_error(exc, redacted_url(self.url))) from exc

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
        _, overrides = self.settings_store.current()
        try:
            with_overrides(self._base, {**overrides, section: value})
        except ConfigError as exc:
            raise SettingsRejected(
                str(exc).removeprefix("settings saved in the database: ")
            ) from None
        self.settings_store.save(section, value, session)
        self.reload_settings()
        return self.settings

    def set_logo(self, data: bytes | None, *, session: StaffSession | None) -> None:
        """Set the office logo for every PC from an image file's bytes (PNG, JPEG, GIF, BMP or
        WebP, at most 2 MB; stored as a PNG fitting 512x512), or remove it (None). Audited
        ("logo_changed"); every window takes it up like any settings change.

        Raises SettingsRejected (nothing saved) when ``data`` is not such an image.
        """
        self.settings_store.save_logo(None if data is None else normalise_logo(data), session)
        self.reload_settings()

    def logo(self) -> bytes | None:
        """The office logo as PNG bytes (one small read), None when there is none."""
        if self.settings_store.version() == self._settings_version:
            return self._logo
        return self.settings_store.logo()

    def printer_states(self) -> dict[str, PrinterReport]:
        """The last state each kiosk's printer reported, by kiosk name."""
        return {
            source: PrinterReport(
                source=source,
                state=str(data.get("state", "")),
                message=data.get("message") if isinstance(data.get("message"), str) else None,
                since=dt.datetime.fromisoformat(str(data["at"])),
            )
            for source, data in self.settings_store.printer_states().items()
            if "at" in data
        }

    # -- tickets ------------------------------------------------------------------------
    def issue_ticket(self, service_code: str, priority: str | None = None) -> Ticket:
        return self.queue.issue_ticket(service_code, priority)

    def call_next(self, counter: int, *, actor: str | None = None) -> Ticket | None:
        return self.queue.call_next(counter, actor)

    def finish(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        return self.queue.finish(ticket, actor)

    # -- what a person typed or scanned -------------------------------------------------
    def find_ticket(self, text: str) -> Ticket:
        """A ticket from what a person typed or a scanner read: id, today's code, or a
        slip token (which must verify: a forged or altered slip is refused)."""
        text = text.strip()
        if token.looks_like_token(text):
            found = self.slips.verify(text)
            if found is None:
                raise InvalidToken()
            return self.queue.get_ticket_on(found.code, found.office_day)
        return self.queue.get_ticket(text)

    # -- exports (the CLI and the admin window write the same files) -----------------------
    def check_export_target(self, path: Path, *, replace: bool) -> None:
        """Refuse (OutFileRefused) an export file that is one of this office's own (the
        database and its -wal/-shm, a backup in the data folder, the configuration), any
        SQLite database or a folder; an existing file unless ``replace`` (the person said
        yes, or --force). The same rule for the CLI and the admin window."""
        backups = [paths.data_dir() / "backups", self.backup_folder]
        own = protected_files(self.url, self.config_file, [f for f in backups if f is not None])
        check_target(path, force=replace, protected=own)

    # -- backups (SQLite; a PostgreSQL server is backed up with pg_dump) --------------------
    @property
    def can_back_up(self) -> bool:
        """True for an SQLite database (the file this program can copy safely)."""
        return sqlite_path(self.url) is not None

    @property
    def backup_folder(self) -> Path | None:
        """Where backups go (``[backup] folder``, else beside the SQLite file); None on
        PostgreSQL."""
        return backup_folder(self.url, self.settings.backup.path)

    def backup(self, folder: Path | None = None, keep: int | None = None) -> BackupResult:
        """A consistent copy in ``folder`` while everything keeps running; keeps the newest
        ``keep``. Both default to ``[backup]``, as the daily ``kiosk db backup`` does."""
        return backup_sqlite(
            self.url,
            folder or self.backup_folder,
            keep=self.settings.backup.keep if keep is None else keep,
            now=self.queue.now().astimezone(self.settings.timezone).replace(tzinfo=None),
        )

    def restore_backup(self, backup: Path, *, session: StaffSession | None) -> Path | None:
        """Put an SQLite backup back as the office's data (an admin's; the current data is
        backed up first, beside it: returns that copy). Audited in the restored database."""
        account = self.staff.authorize(session, Right.CHANGE_SETTINGS)
        safety = restore_sqlite(self.url, backup)
        self.staff.record(
            "backup_restored",
            account.username,
            {"backup": backup.name, "safety_copy": safety.name if safety else None},
        )
        return safety

    def backups(self, folder: Path | None = None) -> list[Path]:
        """This program's backups in ``folder`` (default: the backup folder), oldest first."""
        folder = folder or self.backup_folder
        return backups_in(folder) if folder is not None else []

    # -- slips and printers ---------------------------------------------------------------

    def slip(self, ticket: TicketRef | Ticket, lang: str = "id") -> Slip:
        """What the slip for ``ticket`` says, in ``lang`` (id or en)."""
        t = ticket if isinstance(ticket, Ticket) else self.queue.get_ticket(ticket)
        service = next(
            (s for s in self.queue.services() if s.code == (t.origin_service or t.service)),
            None,
        )
        names = (service.name_id, service.name_en) if service else (t.service, t.service)
        priority = None
        if t.priority:
            for p in self.settings.priority:
                if p.code == t.priority:
                    priority = p.name_id if lang == "id" else p.name_en
            priority = priority or t.priority
        printer = self.settings.printer
        booked = self.appointments.for_ticket(t.id)
        return slip_for(
            t,
            self.slips.token_for(t),
            office_name=self.settings.office.name,
            service_name=names[0] if lang == "id" else names[1],
            timezone=self.settings.timezone,
            footer=printer.footer if lang == "id" else printer.footer_en,
            priority_label=priority,
            lang=lang,
            appointment_time=clock_text(booked.slot) if booked and booked.verified else None,
        )

    def report_printer(self, source: str, state: str, message: str | None = None) -> bool:
        """Tell the office how a kiosk's printer is; opens or closes alerts. True if changed."""
        changed = self.slips.report_printer(source, state, message)
        last = self.settings_store.printer_states().get(source, {})
        if changed or last.get("state") != state or last.get("message") != message:
            at = self.queue.now().isoformat()
            self.settings_store.put_printer_state(
                source, {"state": state, "message": message, "at": at}
            )
        return changed

    def request_reprint(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket:
        """Ask the kiosk to print a failed slip again (audited); the kiosk picks it up."""
        return self.slips.request_reprint(self.queue.get_ticket(ticket).id, actor)

    # -- changes from other processes ------------------------------------------------------
    def change_feed(self, poll_seconds: float = SQLITE_POLL_SECONDS) -> ChangeFeed:
        """A new feed telling when any process commits a change (poll or wait on it).

        On SQLite it looks every ``poll_seconds`` (cheap, but not free for an idle window);
        PostgreSQL wakes it by NOTIFY."""
        return open_change_feed(self.url, poll_seconds)

    # -- the satisfaction survey ----------------------------------------------------------
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
        return self.survey.submit(
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
        return self.survey.ikm(date_from, date_to, survey, survey_slice(where, service, counter))

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
