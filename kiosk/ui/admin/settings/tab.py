"""The settings tab: a menu of sections, each a page with its own Save, and the staff
accounts' page.

Settings every PC takes up without a restart: the office, the queue and its priority
policy, priority categories, services (names, prefix, hours, quota, active), counters and
the services they serve, the kiosk's printer (with a test print and each kiosk's last
printer state), the kiosk, the survey's screen order and cooldown, the display board; and
the staff accounts.

The facade's ``update_settings`` validates the whole configuration and saves (and audits)
only a valid one; a refusal names the key, and the message is shown next to that field
(or table cell) and above the Save button. A page being edited is not overwritten by a
change saved elsewhere meanwhile. Only an admin account may change anything here; a
supervisor reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QScrollArea, QStackedWidget, QWidget

from kiosk.config.settings import editable_document
from kiosk.domain.errors import LogoRejected, NotAllowed, NotSignedIn, SettingsRejected
from kiosk.domain.model import PrinterReport
from kiosk.domain.staff import Role, StaffAccount
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import Context, Tab, panel, tab_layout
from kiosk.ui.admin.exit_pin import ExitPinBox
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.settings.form import error_place
from kiosk.ui.admin.settings.pages import SECTIONS, TABLES, FormPage, SectionPage, TablePage
from kiosk.ui.admin.settings.special_pages import LOGO_FOLDER, LogoBox, PrinterPage, SurveyPage
from kiosk.ui.admin.staff import StaffJob, StaffPage
from kiosk.ui.common.chrome import label
from kiosk.ui.common.i18n import tr


@dataclass(frozen=True, slots=True)
class SettingsData:
    document: dict[str, Any]
    staff: tuple[StaffAccount, ...]
    printers: dict[str, PrinterReport]
    kiosk: str
    #: The SKM's elements by code: (name in Indonesian, in English).
    elements: dict[str, tuple[str, str]]
    #: The office logo (PNG bytes), None: none.
    logo: bytes | None = None
    #: Whether the office has a kiosk exit PIN (the PIN itself is never read).
    exit_pin_set: bool = False


def read_settings(office: AdminOffice) -> SettingsData:
    office.reload_settings()
    return SettingsData(
        document=editable_document(office.settings),
        staff=tuple(office.staff.accounts()),
        printers=office.printer_states(),
        kiosk=office.settings.kiosk.name,
        elements={e.code: (e.name_id, e.name_en) for e in office.survey.definition("skm").elements},
        logo=office.logo(),
        exit_pin_set=office.kiosk_exit.is_set(),
    )


class SettingsTab(Tab):
    #: A section was saved (its name) or refused (the error) — for tests.
    saved = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("SettingsTab")
        self.data: SettingsData | None = None
        self.pages: dict[str, SectionPage] = {}
        for section in SECTIONS:
            page = make_page(section)
            page.save_requested.connect(self.save)
            self.pages[section] = page
        printer = self.pages["printer"]
        assert isinstance(printer, PrinterPage)
        printer.test_requested.connect(self.test_print)
        self.staff = StaffPage()
        self.staff.action.connect(self._staff_action)

        self.read_only = label("ReadOnlyNote", wrap=True)
        self.logo = LogoBox()
        self.logo.choose_requested.connect(self.choose_logo)
        self.logo.remove_requested.connect(lambda: self.set_logo(None))
        self.menu = QListWidget()
        self.menu.setObjectName("SettingsMenu")
        self.stack = QStackedWidget()
        for section, page in self.pages.items():
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setObjectName("SettingsScroll")
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.menu.addItem(section)
        self.stack.addWidget(self.staff)
        self.menu.addItem("staff")
        self.pages["office"].body.insertWidget(1, self.logo)
        self.exit_pin = ExitPinBox()
        self.exit_pin.pin_chosen.connect(self.set_exit_pin)
        self.pages["kiosk"].body.insertWidget(1, self.exit_pin)
        self.menu.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.menu.setCurrentRow(0)
        page_panel, page_col = panel()
        page_col.addWidget(self.stack, 1)
        row = QHBoxLayout()
        row.addWidget(self.menu, 0)
        row.addWidget(page_panel, 1)
        col = tab_layout(self)
        col.addWidget(self.read_only)
        col.addLayout(row, 1)
        self.set_language(ctx.lang)
        self._apply_role()

    @property
    def editable(self) -> bool:
        account = self.ctx.account
        return account is not None and account.role is Role.ADMIN

    def show_section(self, section: str) -> SectionPage | StaffPage:
        keys = [*SECTIONS, "staff"]
        self.menu.setCurrentRow(keys.index(section))
        return self.staff if section == "staff" else self.pages[section]

    # -- reading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.ctx.backend.read("settings", read_settings, self.show_data)

    def show_data(self, data: SettingsData) -> None:
        self.data = data
        survey = self.pages["survey"]
        assert isinstance(survey, SurveyPage)
        survey.set_names(data.elements, self.lang)
        for section, page in self.pages.items():
            page.load(data.document.get(section))
        self.staff.tz = self.ctx.tz
        self.staff.model.set_rows(data.staff)
        self.exit_pin.show_state(data.exit_pin_set)
        printer = self.pages["printer"]
        assert isinstance(printer, PrinterPage)
        printer.show_states(data.printers, [data.kiosk], self.ctx)
        self.logo.set_logo(data.logo)
        self._apply_role()
        self.data_shown.emit()

    # -- saving ------------------------------------------------------------------------------------
    def save(self, section: str) -> bool:
        page = self.pages[section]
        if not self.editable:
            return False
        value = page.value()
        session = self.ctx.session
        page.clear_errors()
        page.say("admin.settings.saving", "", self.lang)
        page.save.setEnabled(False)

        def done(_settings: object) -> None:
            page.save.setEnabled(True)
            page.dirty = False
            page.say("admin.settings.saved", "ok", self.lang)
            self.refresh()
            self.saved.emit(section)

        def failed(error: Exception) -> None:
            page.save.setEnabled(self.editable)
            if say_refusal(page, error, self.lang):
                self.saved.emit(error)
                return
            message = str(error)
            row, key = error_place(message, section)
            page.show_error(row, key, message)
            page.say("admin.settings.rejected", "error", self.lang, message=message)
            self.saved.emit(error)

        self.ctx.backend.write(
            lambda o: o.update_settings(section, value, session=session), done, failed
        )
        return True

    def test_print(self, kiosk: str) -> None:
        if not self.editable or not kiosk:
            return
        page = self.pages["printer"]
        session = self.ctx.session

        def done(_none: object) -> None:
            page.say("admin.settings.test_asked", "ok", self.lang, kiosk=kiosk)

        def failed(error: Exception) -> None:
            if not say_refusal(page, error, self.lang):
                page.say("admin.settings.rejected", "error", self.lang, message=str(error))

        self.ctx.backend.write(
            lambda o: o.settings_store.request_printer_test(kiosk, session=session), done, failed
        )

    def choose_logo(self) -> bool:
        """Ask for an image file (the context's chooser) and save it as the logo."""
        if not self.editable:
            return False
        path = self.ctx.choose_open(
            self,
            tr("admin.settings.logo_choose", self.lang),
            self.ctx.last_folder(LOGO_FOLDER),
            tr("admin.settings.logo_filter", self.lang),
        )
        if path is None:
            return False
        self.ctx.remember_folder(path.parent, LOGO_FOLDER)
        return self.set_logo(path)

    def set_logo(self, path: Path | None) -> bool:
        """Save the image file at ``path`` as the logo (None: remove it), on the worker."""
        if not self.editable:
            return False
        session = self.ctx.session
        unreadable = tr("admin.settings.logo_unreadable", self.lang, path=path)
        self.logo.say(None)

        def job(office: AdminOffice) -> None:
            if path is None:
                office.set_logo(None, session=session)
                return
            try:
                data = path.read_bytes()
            except OSError:
                raise SettingsRejected(unreadable) from None
            office.set_logo(data, session=session)

        def done(_none: object) -> None:
            self.logo.set_editable(self.editable)
            key = "admin.settings.logo_removed" if path is None else "admin.settings.logo_saved"
            self.logo.say(key, "ok")
            self.refresh()
            self.saved.emit("logo")

        def failed(error: Exception) -> None:
            self.logo.set_editable(self.editable)
            if isinstance(error, LogoRejected):
                self.logo.say(f"admin.settings.logo_{error.reason}", "error")
            else:
                self.logo.say_text(tx.error_text(error, self.lang), "error")
            self.saved.emit(error)

        self.logo.choose.setEnabled(False)
        self.logo.remove.setEnabled(False)
        self.ctx.backend.write(job, done, failed)
        return True

    def set_exit_pin(self, pin: str) -> bool:
        """Save the kiosk's exit PIN the dialog was given (on the worker: the hash is slow)."""
        if not self.editable:
            return False
        session = self.ctx.session
        box = self.exit_pin
        box.set_editable(False)
        box.say("admin.exit_pin.saving")

        def done(_none: object) -> None:
            box.set_editable(self.editable)
            box.say("admin.exit_pin.saved", "ok")
            self.refresh()
            self.saved.emit("exit_pin")

        def failed(error: Exception) -> None:
            box.set_editable(self.editable)
            box.say_text(tx.error_text(error, self.lang), "error")
            self.saved.emit(error)

        self.ctx.backend.write(lambda o: o.kiosk_exit.set_pin(pin, session=session), done, failed)
        return True

    def _staff_action(self, action: tuple[str, StaffJob]) -> None:
        if not self.editable:
            return
        username, job = action
        session = self.ctx.session

        def done(_r: object) -> None:
            self.staff.done(username)
            self.refresh()
            self.saved.emit("staff")

        def failed(error: Exception) -> None:
            self.staff.say_text(tx.error_text(error, self.lang), "error")
            self.saved.emit(error)

        self.ctx.backend.write(lambda o: job(o, session), done, failed)

    # -- words and roles ---------------------------------------------------------------------------
    def signed_in(self) -> None:
        super().signed_in()
        for page in self.pages.values():
            page.dirty = False
            page.say(None)
        account = self.ctx.account
        self.staff.me = account.username if account else None
        self.exit_pin.say(None)
        self.staff.message.hide()
        self._apply_role()

    def _apply_role(self) -> None:
        editable = self.editable
        self.read_only.setVisible(self.ctx.account is not None and not editable)
        for page in self.pages.values():
            page.set_editable(editable)
        self.staff.set_editable(editable)
        self.logo.set_editable(editable)
        self.exit_pin.set_editable(editable)

    def set_language(self, lang: str) -> None:
        keys = [*SECTIONS, "staff"]
        for i, key in enumerate(keys):
            item = self.menu.item(i)
            if item is not None:
                item.setText(tr(f"admin.settings.section.{key}", lang))
        survey = self.pages["survey"]
        if isinstance(survey, SurveyPage) and self.data is not None:
            survey.set_names(self.data.elements, lang)
        for page in self.pages.values():
            page.set_language(lang)
        self.staff.set_language(lang)
        self.read_only.setText(tr("admin.settings.read_only", lang))
        self.logo.set_language(lang)
        self.exit_pin.set_language(lang)
        if self.data is not None:
            printer = self.pages["printer"]
            assert isinstance(printer, PrinterPage)
            printer.show_states(self.data.printers, [self.data.kiosk], self.ctx)


def say_refusal(page: SectionPage, error: Exception, lang: str) -> bool:
    """A refusal of who asks (not of what was asked: no field to point at), in the window's
    language on the page; False for any other error."""
    if not isinstance(error, NotAllowed | NotSignedIn):
        return False
    page.say("admin.settings.refused", "error", lang, message=tx.error_text(error, lang))
    return True


#: Sections whose page shows more than their fields.
OWN_PAGES: dict[str, Callable[[], SectionPage]] = {"survey": SurveyPage, "printer": PrinterPage}


def make_page(section: str) -> SectionPage:
    if section in OWN_PAGES:
        return OWN_PAGES[section]()
    return TablePage(section) if section in TABLES else FormPage(section)
