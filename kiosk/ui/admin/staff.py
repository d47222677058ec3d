"""The staff accounts section of the settings tab: add an account, disable or enable one,
reset its PIN, unlock one that too many wrong PINs locked (all audited by the core, each
presenting the signed-in admin's session). An account locked now says so in the list
("Terkunci sampai 09.41"), so a lockout is seen in the admin window, not only in the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.staff import Role, StaffAccount, StaffSession
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import fit_columns, set_combo_items, table_view
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.table_models import Column, RowsModel
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import add_texts, tr

TEXTS: dict[str, tuple[str, str]] = {
    "admin.staff.col.username": ("Nama pengguna", "User name"),
    "admin.staff.col.name": ("Nama", "Name"),
    "admin.staff.col.role": ("Peran", "Role"),
    "admin.staff.col.active": ("Status", "State"),
    "admin.staff.active": ("Aktif", "Active"),
    "admin.staff.disabled": ("Nonaktif", "Disabled"),
    "admin.staff.locked": ("Terkunci sampai {time}", "Locked until {time}"),
    "admin.staff.add": ("Tambah akun", "Add the account"),
    "admin.staff.new": ("Akun baru", "New account"),
    "admin.staff.pin": ("PIN / kata sandi", "PIN / password"),
    "admin.staff.disable": ("Nonaktifkan", "Disable"),
    "admin.staff.enable": ("Aktifkan", "Enable"),
    "admin.staff.unlock": ("Buka kunci", "Unlock"),
    "admin.staff.reset_pin": ("Ganti PIN", "Reset the PIN"),
    "admin.staff.new_pin": ("PIN baru", "New PIN"),
    "admin.staff.choose": ("Pilih akun di tabel dahulu.", "Choose an account in the table first."),
    "admin.staff.self": (
        "Anda tidak dapat menonaktifkan akun Anda sendiri.",
        "You cannot disable your own account.",
    ),
    "admin.staff.done": ("Tersimpan: {username}", "Saved: {username}"),
}
add_texts(TEXTS)

#: What a staff action does on the worker: (office, the admin's session) -> anything.
StaffJob = Callable[[AdminOffice, StaffSession | None], object]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def locked_now(account: StaffAccount, now: dt.datetime) -> bool:
    return account.locked_until is not None and now < account.locked_until


class StaffPage(QWidget):
    """Accounts: add one, disable or enable one, reset its PIN, unlock it."""

    #: (username, StaffJob): the tab runs the job with the session on the worker.
    action = Signal(object)

    def __init__(self, clock: Callable[[], dt.datetime] = utc_now) -> None:
        super().__init__()
        self.setObjectName("Settings_staff")
        self.setProperty("page", "settings")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lang = "id"
        self.me: str | None = None
        #: The office's clock face, for "locked until 09.41" (the tab sets the office's).
        self.tz = ZoneInfo("Asia/Jakarta")
        self._clock = clock
        self.title = label("PanelTitle")
        self.model: RowsModel[StaffAccount] = RowsModel(
            (
                Column("admin.staff.col.username", lambda a, _: a.username),
                Column("admin.staff.col.name", lambda a, _: a.name),
                Column("admin.staff.col.role", lambda a, lang: tx.role_word(a.role.value, lang)),
                Column("admin.staff.col.active", self.state_text),
            ),
            self,
        )
        self.view = table_view("StaffTable")
        self.view.setModel(self.model)
        fit_columns(self.view, 1)
        self.disable = QPushButton()
        self.disable.setObjectName("StaffDisable")
        self.enable = QPushButton()
        self.enable.setObjectName("StaffEnable")
        self.unlock = QPushButton()
        self.unlock.setObjectName("StaffUnlock")
        self.new_pin = QLineEdit()
        self.new_pin.setObjectName("StaffNewPin")
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset = QPushButton()
        self.reset.setObjectName("StaffResetPin")
        acts = QHBoxLayout()
        acts.addWidget(self.disable)
        acts.addWidget(self.enable)
        acts.addWidget(self.unlock)
        acts.addStretch(1)
        acts.addWidget(self.new_pin)
        acts.addWidget(self.reset)

        self.new_title = label("PanelTitle")
        self.username = QLineEdit()
        self.username.setObjectName("StaffUsername")
        self.username.setMaxLength(40)
        self.name = QLineEdit()
        self.name.setObjectName("StaffName")
        self.role = QComboBox()
        self.role.setObjectName("StaffRole")
        self.pin = QLineEdit()
        self.pin.setObjectName("StaffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add = QPushButton()
        self.add.setObjectName("StaffAdd")
        self._labels = [label("FieldLabel") for _ in range(4)]
        form = QFormLayout()
        for lbl, w in zip(
            self._labels, (self.username, self.name, self.role, self.pin), strict=True
        ):
            form.addRow(lbl, w)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add)
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()

        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.view, 1)
        col.addLayout(acts)
        col.addWidget(self.new_title)
        col.addLayout(form)
        col.addLayout(add_row)
        col.addWidget(self.message)

        self.disable.clicked.connect(lambda: self._on_chosen("disable"))
        self.enable.clicked.connect(lambda: self._on_chosen("enable"))
        self.unlock.clicked.connect(lambda: self._on_chosen("unlock"))
        self.reset.clicked.connect(lambda: self._on_chosen("reset"))
        self.add.clicked.connect(self._add)

    def state_text(self, account: StaffAccount, lang: str) -> str:
        if not account.active:
            return tr("admin.staff.disabled", lang)
        if account.locked_until is not None and locked_now(account, self._clock()):
            time = tx.local_time(account.locked_until, self.tz, lang)
            return tr("admin.staff.locked", lang, time=time)
        return tr("admin.staff.active", lang)

    def chosen(self) -> StaffAccount | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_chosen(self, what: str) -> None:
        account = self.chosen()
        if account is None:
            self.say("admin.staff.choose", "error")
            return
        username = account.username
        if what == "disable" and username == self.me:
            self.say("admin.staff.self", "error")
            return
        pin = self.new_pin.text()
        jobs: dict[str, StaffJob] = {
            "disable": lambda o, s: o.staff.disable(username, session=s),
            "enable": lambda o, s: o.staff.enable(username, session=s),
            "unlock": lambda o, s: o.staff.unlock(username, session=s),
            "reset": lambda o, s: o.staff.reset_secret(username, pin, session=s),
        }
        self.action.emit((username, jobs[what]))

    def _add(self) -> None:
        username = self.username.text().strip().lower()
        name = self.name.text().strip()
        role = str(self.role.currentData())
        pin = self.pin.text()
        job: StaffJob = lambda o, s: o.staff.add(username, name, Role(role), pin, session=s)  # noqa: E731
        self.action.emit((username, job))

    def done(self, username: str) -> None:
        self.new_pin.clear()
        self.pin.clear()
        if self.username.text().strip().lower() == username:
            self.username.clear()
            self.name.clear()
        self.say("admin.staff.done", "ok", username=username)

    def say(self, key: str, kind: str, **values: object) -> None:
        self.say_text(tr(key, self.lang, **values), kind)

    def say_text(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.show()
        set_state(self.message, kind)

    def set_editable(self, editable: bool) -> None:
        for w in (
            self.disable, self.enable, self.unlock, self.new_pin, self.reset,
            self.username, self.name, self.role, self.pin, self.add,
        ):  # fmt: skip
            w.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("admin.settings.section.staff", lang))
        self.model.set_language(lang)
        self.disable.setText(tr("admin.staff.disable", lang))
        self.enable.setText(tr("admin.staff.enable", lang))
        self.unlock.setText(tr("admin.staff.unlock", lang))
        self.new_pin.setPlaceholderText(tr("admin.staff.new_pin", lang))
        self.reset.setText(tr("admin.staff.reset_pin", lang))
        self.new_title.setText(tr("admin.staff.new", lang))
        for lbl, key in zip(
            self._labels,
            (
                "admin.staff.col.username",
                "admin.staff.col.name",
                "admin.staff.col.role",
                "admin.staff.pin",
            ),
            strict=True,
        ):
            lbl.setText(tr(key, lang))
        set_combo_items(self.role, [(tx.role_word(r.value, lang), r.value) for r in Role])
        self.add.setText(tr("admin.staff.add", lang))
