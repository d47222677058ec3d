"""The supervisors' admin window: a sign-in page, then one tab per job (today's dashboard,
tickets, the day's appointments, the survey, exports, settings, the audit log, backups).

Only supervisor and admin accounts are admitted (``sign_in`` with those roles, audited
either way); an admin may change settings and staff, a supervisor reads them. Every office
call runs on the backend's workers. When the change feed says something changed, the
window waits a moment for the burst to end, takes up settings saved elsewhere, and re-reads
the visible tab only; the other tabs re-read when they are next shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import Settings
from kiosk.domain.model import Counter, Service
from kiosk.domain.staff import Role, StaffAccount, StaffSession
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.appointments import AppointmentsTab
from kiosk.ui.admin.audit import AuditTab
from kiosk.ui.admin.backup import BackupTab
from kiosk.ui.admin.chrome import (
    Context,
    OpenChooser,
    ReplaceConfirm,
    SaveChooser,
    Tab,
    default_prefs,
    native_confirm_replace,
    native_open,
    native_save,
)
from kiosk.ui.admin.controller import AdminBackend, Timings
from kiosk.ui.admin.dashboard import DashboardTab
from kiosk.ui.admin.exports import ExportsTab
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.settings.tab import SettingsTab
from kiosk.ui.admin.survey import SurveyTab
from kiosk.ui.admin.tickets import TicketsTab
from kiosk.ui.common.chrome import LanguageButton, label
from kiosk.ui.common.i18n import LANGUAGES, tr
from kiosk.ui.common.sign_in import SignInForm
from kiosk.ui.common.style import load_qss, scale_for, scaled_qss

log = logging.getLogger(__name__)

#: Only these roles may open the admin window (officers are refused, and it is audited).
ADMIN_ROLES = (Role.SUPERVISOR, Role.ADMIN)
#: The smallest the window may be made (designed for 1366x768 and up).
MINIMUM_SIZE = (1100, 640)
TAB_KEYS = (
    "dashboard", "tickets", "appointments", "survey", "exports", "settings", "audit", "backup",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Catalog:
    services: tuple[Service, ...]
    counters: tuple[Counter, ...]
    settings: Settings


def read_catalog(office: AdminOffice) -> Catalog:
    office.reload_settings()
    return Catalog(tuple(office.queue.services()), tuple(office.queue.counters()), office.settings)


class SignInPage(SignInForm):
    """User name and PIN (never echoed); one message for every refusal."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("admin", parent)
        self.set_language(self.lang)

    def submit(self) -> None:
        found = self.credentials()
        if found is None:
            return
        self.message.hide()
        self.submitted.emit(*found)


class AdminWindow(QWidget):
    #: Signed in (StaffAccount) — for tests and the bench.
    signed_in = Signal(object)
    #: A sign-in was refused (the error).
    sign_in_refused = Signal(object)

    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], AdminOffice],
        *,
        timings: Timings | None = None,
        prefs: QSettings | None = None,
        choose_save: SaveChooser | None = None,
        confirm_replace: ReplaceConfirm | None = None,
        choose_open: OpenChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``open_office`` runs on a worker thread (retried while the database cannot be
        reached). ``prefs`` (default QSettings "kiosk"/"admin") remembers folders;
        ``choose_save``/``choose_open`` replace the file dialogs and
        ``confirm_replace`` the question before an existing file is replaced (tests,
        screenshots)."""
        super().__init__(parent)
        self.setObjectName("AdminWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Closed means gone, on the GUI thread: never collected later by a worker's GC.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.settings = settings
        self.backend = AdminBackend(open_office, timings, self)
        self.ctx = Context(
            backend=self.backend,
            settings=settings,
            prefs=prefs if prefs is not None else default_prefs(),
            choose_save=choose_save or native_save,
            confirm_replace=confirm_replace or native_confirm_replace,
            choose_open=choose_open or native_open,
        )
        self._names_from_settings(settings)
        self._shut_down = False
        self._scale = 0.0

        self.sign_in_page = SignInPage()
        self.sign_in_page.office.setText(settings.office.name)
        self.main = QWidget()
        self.main.setObjectName("MainPage")
        self.office_name = label("PageOffice")
        self.user = label("HeadUser")
        self.language = LanguageButton()
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("SignOutButton")
        head = QFrame()
        head.setObjectName("PageHead")
        head_row = QHBoxLayout(head)
        head_row.addWidget(self.office_name, 1)
        head_row.addWidget(self.user)
        head_row.addWidget(self.language)
        head_row.addWidget(self.sign_out_button)

        self.dashboard = DashboardTab(self.ctx)
        self.tickets = TicketsTab(self.ctx)
        self.appointments = AppointmentsTab(self.ctx)
        self.survey = SurveyTab(self.ctx)
        self.exports = ExportsTab(self.ctx)
        self.settings_tab = SettingsTab(self.ctx)
        self.audit = AuditTab(self.ctx)
        self.backup = BackupTab(self.ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("AdminTabs")
        self.tabs.setDocumentMode(True)
        for tab in self.all_tabs():
            self.tabs.addTab(tab, "")
        main_col = QVBoxLayout(self.main)
        main_col.setContentsMargins(0, 0, 0, 0)
        main_col.setSpacing(0)
        main_col.addWidget(head)
        main_col.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.main)
        self.unavailable = label("UnavailableBanner", wrap=True)
        self.unavailable.hide()
        col = QVBoxLayout(self)
        col.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.unavailable)
        col.addWidget(self.stack, 1)
        self.setMinimumSize(*MINIMUM_SIZE)

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.backend.timings.settle_ms)
        self._settle.timeout.connect(self._after_changes)
        self._periodic = QTimer(self)
        self._periodic.setInterval(self.backend.timings.refresh_ms)
        self._periodic.timeout.connect(self._periodic_refresh)

        self.backend.availability_changed.connect(self._availability)
        self.backend.changed.connect(self._changed)
        self.sign_in_page.submitted.connect(self.sign_in)
        self.sign_in_page.language.language_chosen.connect(self.set_language)
        self.language.language_chosen.connect(self.set_language)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.stack.setCurrentWidget(self.sign_in_page)
        self.set_language(self.ctx.lang)
        # The style sheet is applied once the window knows its size (the first resize or
        # show): applying it costs tens of milliseconds for this many widgets.
        # Open the office now (on the worker), so the first sign-in does not wait for it.
        self.backend.read("catalog", read_catalog, self._catalog_read)

    # -- state -------------------------------------------------------------------------------------
    @property
    def account(self) -> StaffAccount | None:
        return self.ctx.account

    @property
    def is_signed_in(self) -> bool:
        return self.stack.currentWidget() is self.main

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def all_tabs(self) -> list[Tab]:
        return [
            self.dashboard,
            self.tickets,
            self.appointments,
            self.survey,
            self.exports,
            self.settings_tab,
            self.audit,
            self.backup,
        ]

    def current_tab(self) -> Tab:
        widget = self.tabs.currentWidget()
        assert isinstance(widget, Tab)
        return widget

    def show_tab(self, key: str) -> Tab:
        tab = self.all_tabs()[TAB_KEYS.index(key)]
        self.tabs.setCurrentWidget(tab)
        return tab

    # -- names of services and counters ------------------------------------------------------------
    def _names_from_settings(self, settings: Settings) -> None:
        names = self.ctx.names
        for s in settings.services:
            names.services.setdefault(s.code, (s.name_id, s.name_en))
        names.priorities = {p.code: (p.name_id, p.name_en) for p in settings.priority}
        for c in settings.domain_counters():
            names.counters.setdefault(c.number, c.name)

    def _catalog_read(self, catalog: Catalog) -> None:
        names = self.ctx.names
        old = (dict(names.services), dict(names.priorities), dict(names.counters))
        self.ctx.settings = self.settings = catalog.settings
        names.services = {s.code: (s.name_id, s.name_en) for s in catalog.services}
        names.counters = {c.number: c.name for c in catalog.counters}
        self._names_from_settings(catalog.settings)
        self.office_name.setText(catalog.settings.office.name)
        self.sign_in_page.office.setText(catalog.settings.office.name)
        self.setWindowTitle(tr("admin.title", self.lang, office=catalog.settings.office.name))
        if old != (names.services, names.priorities, names.counters):
            for tab in self.all_tabs():
                tab.names_changed()

    # -- signing in and out ------------------------------------------------------------------------
    def sign_in(self, username: str, pin: str) -> None:
        self.sign_in_page.set_busy(True)

        def job(office: AdminOffice) -> tuple[StaffSession, Catalog]:
            session = office.staff.sign_in(
                username, pin, allowed=frozenset(ADMIN_ROLES), where="admin"
            )
            return session, read_catalog(office)

        self.backend.write(job, self._signed_in, self._refused)

    def _signed_in(self, result: tuple[StaffSession, Catalog]) -> None:
        session, catalog = result
        self.sign_in_page.set_busy(False)
        self.sign_in_page.reset()
        self.ctx.session = session
        self._catalog_read(catalog)
        for tab in self.all_tabs():
            tab.signed_in()
        self._show_user()
        self.tabs.setCurrentWidget(self.dashboard)
        self.stack.setCurrentWidget(self.main)
        self.current_tab().refresh()
        self._periodic.start()
        self.signed_in.emit(session.account)

    def _refused(self, error: Exception) -> None:
        self.sign_in_page.set_busy(False)
        self.sign_in_page.refuse(tx.error_text(error, self.lang))
        self.sign_in_refused.emit(error)

    def sign_out(self) -> None:
        """Back to the sign-in page; the sign-out ends the session (every privileged call
        it might still make is refused from now on) and is audited, like a sign-in."""
        self.exports.cancel()
        self._end_session()
        self._periodic.stop()
        self.sign_in_page.reset()
        self.stack.setCurrentWidget(self.sign_in_page)

    def _end_session(self) -> None:
        """Sign the session out on the worker (queued jobs still run when it stops)."""
        session, self.ctx.session = self.ctx.session, None
        if session is not None:
            self.backend.write(
                lambda office: office.staff.sign_out(session),
                lambda _none: None,
                lambda exc: log.warning("could not record the sign-out: %s", exc),
            )

    def _show_user(self) -> None:
        account = self.ctx.account
        if account is None:
            self.user.setText("")
            return
        self.user.setText(
            tr(
                "admin.head.user",
                self.lang,
                name=account.name,
                role=tx.role_word(account.role.value, self.lang),
            )
        )

    # -- keeping up --------------------------------------------------------------------------------
    def _changed(self) -> None:
        for tab in self.all_tabs():
            if tab.changed_elsewhere():
                tab.stale = True
        if not self._settle.isActive():
            self._settle.start()

    def _after_changes(self) -> None:
        self.backend.read("catalog", read_catalog, self._catalog_read)
        if self.is_signed_in:
            tab = self.current_tab()
            if tab.stale:
                tab.refresh()

    def _periodic_refresh(self) -> None:
        self.dashboard.stale = True
        if self.is_signed_in and self.current_tab() is self.dashboard:
            self.dashboard.refresh()

    def _tab_shown(self, _index: int) -> None:
        if self.is_signed_in:
            tab = self.current_tab()
            if tab.stale:
                tab.refresh()

    def _availability(self, available: bool) -> None:
        self.unavailable.setVisible(not available)

    # -- language and size -------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            return
        self.ctx.lang = lang
        self.setWindowTitle(tr("admin.title", lang, office=self.ctx.settings.office.name))
        self.office_name.setText(self.ctx.settings.office.name)
        self.unavailable.setText(tr("admin.unavailable", lang))
        self.sign_in_page.set_language(lang)
        self.language.set_language(lang)
        self.sign_out_button.setText(tr("admin.signout", lang))
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, tr(f"admin.tab.{key}", lang))
        for tab in self.all_tabs():
            tab.set_language(lang)
        self._show_user()

    def apply_scale(self, width: int, height: int) -> None:
        scale = scale_for(width, height)
        if abs(scale - self._scale) < 0.01:
            return
        self._scale = scale
        self.setStyleSheet(scaled_qss(load_qss("admin"), scale))
        # Once the new fonts are in place, tables sized to their contents refit.
        QTimer.singleShot(0, self._rescaled)

    def _rescaled(self) -> None:
        if not self._shut_down:
            for tab in self.all_tabs():
                tab.scale_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.isVisible() or self._scale:
            self.apply_scale(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._scale:
            self.apply_scale(self.width(), self.height())
        super().showEvent(event)

    # -- the end -----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.shutdown()

    def shutdown(self) -> None:
        """Cancel an export, stop the timers, the feed and the workers (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.exports.cancel()
        self._settle.stop()
        self._periodic.stop()
        self._end_session()  # closing the window signs out: its session is not left open
        self.backend.shutdown()
