"""Settings every PC takes up without a restart: the office, the queue and its priority
policy, priority categories, services (names, prefix, hours, quota, active), counters and
the services they serve, the kiosk's printer (with a test print and each kiosk's last
printer state), the kiosk, the survey's screen order and cooldown, the display board; and
the staff accounts.

Each section is a form with its own Save: the facade's ``update_settings`` validates the
whole configuration and saves (and audits) only a valid one; a refusal names the key, and
the message is shown next to that field (or table cell) and above the Save button. A page
being edited is not overwritten by a change saved elsewhere meanwhile. Only an admin
account may change anything here; a supervisor reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import LogoRejected, NotAllowed, NotSignedIn, SettingsRejected
from kiosk.domain.model import PrinterReport
from kiosk.domain.staff import Role, StaffAccount
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    Context,
    Tab,
    panel,
    set_combo_items,
    tab_layout,
)
from kiosk.ui.admin.exit_pin import ExitPinBox
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.staff import StaffJob, StaffPage
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import add_texts, tr
from kiosk.ui.common.widgets import LogoView

TEXTS: dict[str, tuple[str, str]] = {
    "admin.settings.section.office": ("Kantor", "Office"),
    "admin.settings.section.queue": ("Antrean", "Queue"),
    "admin.settings.section.priority": ("Kategori prioritas", "Priority categories"),
    "admin.settings.section.services": ("Layanan", "Services"),
    "admin.settings.section.counters": ("Loket", "Counters"),
    "admin.settings.section.printer": ("Printer slip", "Slip printer"),
    "admin.settings.section.kiosk": ("Kiosk", "Kiosk"),
    "admin.settings.section.survey": ("Survei", "Survey"),
    "admin.settings.section.display": ("Layar tampilan", "Display board"),
    "admin.settings.section.staff": ("Akun petugas", "Staff accounts"),
    "admin.settings.save": ("Simpan", "Save"),
    "admin.settings.revert": ("Batalkan perubahan", "Undo changes"),
    "admin.settings.saved": (
        "Tersimpan. Semua jendela memakai pengaturan baru tanpa dimulai ulang.",
        "Saved. Every window uses the new settings without a restart.",
    ),
    "admin.settings.rejected": ("Tidak disimpan: {message}", "Not saved: {message}"),
    "admin.settings.refused": ("Tidak disimpan. {message}", "Not saved. {message}"),
    "admin.settings.saving": ("Menyimpan...", "Saving..."),
    "admin.settings.read_only": (
        "Hanya akun admin yang dapat mengubah pengaturan dan akun petugas.",
        "Only an admin account can change settings and staff accounts.",
    ),
    "admin.settings.add_row": ("Tambah baris", "Add a row"),
    "admin.settings.remove_row": ("Hapus baris", "Remove the row"),
    "admin.settings.up": ("Naik", "Up"),
    "admin.settings.down": ("Turun", "Down"),
    "admin.settings.hours_hint": (
        'Jam buka: mis. "mon-fri 08:00-12:00,13:00-15:00; sat 08:00-12:00". Kosong: buka '
        'kapan saja; "-": tutup sepanjang minggu.',
        'Opening hours: e.g. "mon-fri 08:00-12:00,13:00-15:00; sat 08:00-12:00". Empty: '
        'open at any hour; "-": closed all week.',
    ),
    "admin.settings.services_hint": (
        'Layanan yang dilayani: kode dipisah koma, mis. "A, B".',
        'Services served: codes separated by commas, e.g. "A, B".',
    ),
    "admin.settings.order_hint": (
        "Urutan unsur di layar kiosk (jawaban tetap disimpan menurut kodenya).",
        "The order of the elements on the kiosk's screen (answers stay stored by code).",
    ),
    "admin.settings.logo": ("Logo kantor", "Office logo"),
    "admin.settings.logo_none": (
        "Belum ada logo. Setiap jendela menampilkan logo yang dipilih di sini.",
        "No logo yet. Every window shows the logo chosen here.",
    ),
    "admin.settings.logo_choose": ("Pilih logo...", "Choose a logo..."),
    "admin.settings.logo_remove": ("Hapus logo", "Remove the logo"),
    "admin.settings.logo_filter": (
        "Gambar (*.png *.jpg *.jpeg *.gif *.bmp *.webp)",
        "Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)",
    ),
    "admin.settings.logo_saved": (
        "Logo disimpan. Semua jendela menampilkannya tanpa dimulai ulang.",
        "Logo saved. Every window shows it without a restart.",
    ),
    "admin.settings.logo_removed": ("Logo dihapus.", "Logo removed."),
    "admin.settings.logo_not_image": (
        "Tidak disimpan: berkas ini bukan gambar (PNG, JPEG, GIF, BMP atau WebP).",
        "Not saved: the file is not an image (PNG, JPEG, GIF, BMP or WebP).",
    ),
    "admin.settings.logo_too_big": (
        "Tidak disimpan: logo paling besar 2 MB.",
        "Not saved: a logo may be at most 2 MB.",
    ),
    "admin.settings.logo_too_many_pixels": (
        "Tidak disimpan: gambar terlalu besar (piksel) untuk sebuah logo.",
        "Not saved: the image has too many pixels for a logo.",
    ),
    "admin.settings.logo_unreadable": (
        "Berkas tidak dapat dibaca: {path}",
        "The file cannot be read: {path}",
    ),
    "admin.settings.test_print": ("Uji cetak", "Test print"),
    "admin.settings.test_asked": (
        "Uji cetak diminta; kiosk {kiosk} mencetak dalam beberapa detik.",
        "Test print asked; kiosk {kiosk} prints it within seconds.",
    ),
    "admin.settings.printer_states": ("Keadaan printer kiosk", "The kiosks' printers"),
    "admin.settings.printer_state": (
        "{kiosk}: {state} (sejak {since})",
        "{kiosk}: {state} (since {since})",
    ),
    "admin.settings.no_reports": (
        "Belum ada kiosk yang melaporkan printernya.",
        "No kiosk has reported its printer yet.",
    ),
    # fields
    "admin.field.name": ("Nama", "Name"),
    "admin.field.timezone": ("Zona waktu", "Time zone"),
    "admin.field.recall_limit": ("Batas panggil ulang", "Recall limit"),
    "admin.field.priority_policy": ("Kebijakan prioritas", "Priority policy"),
    "admin.field.priority_every": (
        "Satu prioritas setiap ... panggilan reguler",
        "One priority call every ... regular calls",
    ),
    "admin.field.code": ("Kode", "Code"),
    "admin.field.name_id": ("Nama (Indonesia)", "Name (Indonesian)"),
    "admin.field.name_en": ("Nama (Inggris)", "Name (English)"),
    "admin.field.daily_quota": ("Kuota harian", "Daily quota"),
    "admin.field.active": ("Aktif", "Active"),
    "admin.field.service_minutes": ("Menit layanan", "Service minutes"),
    "admin.field.hours": ("Jam buka", "Opening hours"),
    "admin.field.number": ("Nomor", "Number"),
    "admin.field.services": ("Layanan", "Services"),
    "admin.field.kind": ("Jenis", "Kind"),
    "admin.field.port": ("Port serial", "Serial port"),
    "admin.field.baudrate": ("Baud rate", "Baud rate"),
    "admin.field.parity": ("Paritas", "Parity"),
    "admin.field.flow": ("Kontrol aliran", "Flow control"),
    "admin.field.host": ("Alamat jaringan", "Network address"),
    "admin.field.tcp_port": ("Port TCP", "TCP port"),
    "admin.field.paper_mm": ("Lebar kertas (mm)", "Paper width (mm)"),
    "admin.field.native_qr": ("QR dari printer", "Printer-made QR"),
    "admin.field.cutter": ("Pemotong kertas", "Paper cutter"),
    "admin.field.profile": ("Profil printer", "Printer profile"),
    "admin.field.qr_module": ("Ukuran modul QR", "QR module size"),
    "admin.field.status_query": ("Tanya keadaan printer", "Ask the printer's state"),
    "admin.field.footer": ("Catatan kaki slip", "Slip footer"),
    "admin.field.preview_dir": ("Folder pratinjau", "Preview folder"),
    "admin.field.idle_seconds": ("Kembali ke awal setelah (detik)", "Back to start after (s)"),
    "admin.field.confirmation_seconds": ("Nomor tampil selama (detik)", "Number shown for (s)"),
    "admin.field.exit_chord": ("Tombol keluar", "Exit keys"),
    "admin.field.ask_priority": ("Tanyakan prioritas", "Ask about priority"),
    "admin.field.languages": ("Bahasa", "Languages"),
    "admin.field.enabled": ("Survei aktif", "Surveys run"),
    "admin.field.order": ("Urutan unsur", "Element order"),
    "admin.field.walkup_cooldown_seconds": (
        "Jeda survei tanpa tiket (detik)",
        "Walk-up survey cooldown (s)",
    ),
    "admin.field.survey_idle_seconds": (
        "Survei dibatalkan setelah diam (detik)",
        "Abandoned after (s)",
    ),
    "admin.field.running_text": ("Teks berjalan", "Running text"),
    "admin.field.last_calls": ("Panggilan terakhir ditampilkan", "Last calls shown"),
    "admin.field.announce": ("Umumkan panggilan", "Announce calls"),
    "admin.field.chime": ("Bunyi bel", "Chime"),
    "admin.field.voice": ("Suara", "Voice"),
    "admin.field.template_id": ("Kalimat panggilan (Indonesia)", "Call sentence (Indonesian)"),
    "admin.field.template_en": ("Kalimat panggilan (Inggris)", "Call sentence (English)"),
    "admin.field.volume": ("Volume", "Volume"),
    "admin.field.rate": ("Kecepatan suara", "Speech rate"),
    "admin.field.flash_seconds": ("Kedip (detik)", "Flash (s)"),
    "admin.field.tts_engine": ("Mesin suara", "Speech engine"),
    "admin.policy.priority_first": ("Prioritas lebih dulu", "Priority first"),
    "admin.policy.interleave": ("Selang-seling", "Interleave"),
    "admin.policy.fifo": ("Urut waktu ambil", "In issue order"),
}
add_texts(TEXTS)

#: The logo's height on the office page; the folder it was last chosen from (QSettings key).
LOGO_HEIGHT = 120
LOGO_FOLDER = "settings/logo_folder"
#: Forms stay this wide at most: a label and its field close enough to read together.
FORM_WIDTH = 860
TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
POLICIES = ("priority_first", "interleave", "fifo")
#: "services[2].daily_quota" or "office.timezone" in a refusal.
_KEY = re.compile(r"\b([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\[\d+\])?:")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    #: text, multiline, int, float, bool, choice, optional_text, checks
    kind: str
    low: float = 0
    high: float = 0
    choices: tuple[str, ...] = ()
    label: str = ""  # text key; default admin.field.<key>


FORMS: dict[str, tuple[FieldSpec, ...]] = {
    "office": (
        FieldSpec("name", "text"),
        FieldSpec("timezone", "choice", choices=TIMEZONES),
    ),
    "queue": (
        FieldSpec("priority_policy", "choice", choices=POLICIES),
        FieldSpec("priority_every", "int", 1, 100),
        FieldSpec("recall_limit", "int", 0, 20),
    ),
    "printer": (
        FieldSpec("kind", "choice", choices=("serial", "network", "preview", "none")),
        FieldSpec("port", "optional_text"),
        FieldSpec("baudrate", "choice", choices=("9600", "19200", "38400", "57600", "115200")),
        FieldSpec("parity", "choice", choices=("N", "E", "O")),
        FieldSpec("flow", "choice", choices=("none", "xonxoff", "rtscts")),
        FieldSpec("host", "optional_text"),
        FieldSpec("tcp_port", "int", 1, 65535),
        FieldSpec("paper_mm", "choice", choices=("58", "80")),
        FieldSpec("native_qr", "bool"),
        FieldSpec("cutter", "bool"),
        FieldSpec("profile", "text"),
        FieldSpec("qr_module", "int", 1, 16),
        FieldSpec("status_query", "bool"),
        FieldSpec("footer", "text"),
        FieldSpec("preview_dir", "optional_text"),
    ),
    "kiosk": (
        FieldSpec("name", "text"),
        FieldSpec("idle_seconds", "int", 5, 600),
        FieldSpec("confirmation_seconds", "int", 3, 120),
        FieldSpec("ask_priority", "bool"),
        FieldSpec("languages", "checks", choices=("id", "en")),
        FieldSpec("exit_chord", "text"),
    ),
    "survey": (
        FieldSpec("enabled", "checks", choices=("skm", "ipk")),
        FieldSpec("walkup_cooldown_seconds", "int", 0, 3600),
        FieldSpec("idle_seconds", "int", 10, 900, label="admin.field.survey_idle_seconds"),
    ),
    "display": (
        FieldSpec("running_text", "multiline"),
        FieldSpec("last_calls", "int", 1, 12),
        FieldSpec("announce", "bool"),
        FieldSpec("chime", "bool"),
        FieldSpec("voice", "bool"),
        FieldSpec("languages", "checks", choices=("id", "en")),
        FieldSpec("template_id", "text"),
        FieldSpec("template_en", "text"),
        FieldSpec("volume", "float", 0.0, 1.0),
        FieldSpec("rate", "float", -1.0, 1.0),
        FieldSpec("flash_seconds", "float", 1.0, 60.0),
        FieldSpec("tts_engine", "text"),
    ),
}

#: Tables: (key, kind) per column; kinds: text, int, optional_int, float, bool, hours, codes.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "services": (
        ("code", "text"),
        ("name_id", "text"),
        ("name_en", "text"),
        ("daily_quota", "optional_int"),
        ("active", "bool"),
        ("service_minutes", "float"),
        ("hours", "hours"),
    ),
    "counters": (("number", "int"), ("name", "optional_text"), ("services", "codes")),
    "priority": (("code", "text"), ("name_id", "text"), ("name_en", "text")),
}
SECTIONS = (
    "office",
    "queue",
    "priority",
    "services",
    "counters",
    "printer",
    "kiosk",
    "survey",
    "display",
)


# -- opening hours as one line of text -------------------------------------------------------------
def hours_text(hours: object) -> str:
    """{"mon-fri": "08:00-15:00", "sat": ["08:00-12:00"]}
    -> "mon-fri 08:00-15:00; sat 08:00-12:00"."""
    if hours is None:
        return ""
    if not isinstance(hours, dict):
        return str(hours)
    if not hours:
        return "-"
    parts = []
    for days, ranges in hours.items():
        items = [ranges] if isinstance(ranges, str) else list(ranges)
        parts.append(f"{days} {','.join(str(r) for r in items)}")
    return "; ".join(parts)


def parse_hours(text: str) -> dict[str, str | list[str]] | None:
    """The reverse of ``hours_text``; the core checks days and times and names what is wrong."""
    text = text.strip()
    if not text:
        return None
    if text == "-":
        return {}
    out: dict[str, str | list[str]] = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        days, _, ranges = part.partition(" ")
        items = [r.strip() for r in ranges.split(",") if r.strip()]
        out[days.strip()] = items[0] if len(items) == 1 else items
    return out


def error_place(message: str, section: str) -> tuple[int | None, str | None]:
    """Where in ``section`` a refusal points: (row, key); None where it does not say."""
    best: tuple[int | None, str | None] = (None, None)
    for m in _KEY.finditer(message):
        if m.group(1) == section:
            row = int(m.group(2)) if m.group(2) is not None else None
            if m.group(3) is not None:  # the most precise mention wins
                return row, m.group(3)
            if best == (None, None):
                best = (row, None)
    return best


# -- one section's page ----------------------------------------------------------------------------
class SectionPage(QWidget):
    """A section's fields, its message and its Save button."""

    save_requested = Signal(str)  # the section

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section
        self.setObjectName(f"Settings_{section}")
        self.setProperty("page", "settings")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.original: Any = None
        self.dirty = False
        self.title = label("PanelTitle")
        self.hint = label("TabNote", wrap=True)
        self.hint.hide()
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()
        self._message: tuple[str, dict[str, object], str] | None = None
        self.save = QPushButton()
        self.save.setObjectName("SettingsSave")
        self.revert = QPushButton()
        self.revert.setObjectName("SettingsRevert")
        self.body = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.hint)
        col.addLayout(self.body, 1)
        col.addWidget(self.message)
        col.addLayout(buttons)
        self.save.clicked.connect(lambda: self.save_requested.emit(self.section))
        self.revert.clicked.connect(self.undo)

    # what a page kind says
    def fill(self, value: Any) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def show_error(self, row: int | None, key: str | None, text: str) -> None:
        """Mark the field the refusal names."""

    def clear_errors(self) -> None:
        """Unmark every field."""

    def set_editable(self, editable: bool) -> None:
        self.save.setEnabled(editable)
        self.revert.setEnabled(editable)

    # shared
    def load(self, value: Any, *, force: bool = False) -> None:
        """Show ``value`` unless the user is editing this page (``force``: regardless)."""
        if self.dirty and not force:
            return
        self.original = value
        self.fill(value)
        self.dirty = False
        self.clear_errors()

    def undo(self) -> None:
        if self.original is not None:
            self.load(self.original, force=True)
            self.say(None)

    def touched(self) -> None:
        self.dirty = True

    def say(self, key: str | None, kind: str = "", lang: str = "id", **values: object) -> None:
        self._message = (key, values, kind) if key else None
        self.message.setVisible(bool(key))
        if key:
            self.message.setText(tr(key, lang, **values))
            set_state(self.message, kind)

    def set_language(self, lang: str) -> None:
        self.title.setText(tr(f"admin.settings.section.{self.section}", lang))
        self.save.setText(tr("admin.settings.save", lang))
        self.revert.setText(tr("admin.settings.revert", lang))
        if self._message is not None:
            key, values, kind = self._message
            self.say(key, kind, lang, **values)


class FormPage(SectionPage):
    def __init__(self, section: str, specs: tuple[FieldSpec, ...]) -> None:
        super().__init__(section)
        self.specs = specs
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, Any] = {}
        self.labels: dict[str, Any] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in specs:
            widget = self._make(spec)
            widget.setObjectName(f"field_{section}_{spec.key}")
            error = label("FieldError", wrap=True)
            error.hide()
            holder = QWidget()
            holder_col = QVBoxLayout(holder)
            holder_col.setContentsMargins(0, 0, 0, 0)
            holder_col.setSpacing(2)
            holder_col.addWidget(widget)
            holder_col.addWidget(error)
            name = label("FieldLabel")
            form.addRow(name, holder)
            self.widgets[spec.key] = widget
            self.errors[spec.key] = error
            self.labels[spec.key] = name
        form_box = QWidget()
        form_box.setLayout(form)
        form_box.setMaximumWidth(FORM_WIDTH)
        self.body.addWidget(form_box)
        self.body.addStretch(1)

    def _make(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "bool":
            box = QCheckBox()
            box.toggled.connect(self.touched)
            return box
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(int(spec.low), int(spec.high))
            spin.valueChanged.connect(self.touched)
            return spin
        if spec.kind == "float":
            dspin = QDoubleSpinBox()
            dspin.setRange(spec.low, spec.high)
            dspin.setDecimals(2)
            dspin.setSingleStep(0.05 if spec.high <= 1.0 else 0.5)
            dspin.valueChanged.connect(self.touched)
            return dspin
        if spec.kind == "choice":
            combo = QComboBox()
            combo.setEditable(spec.key == "timezone")
            for choice in spec.choices:
                combo.addItem(choice, choice)
            combo.currentTextChanged.connect(self.touched)
            return combo
        if spec.kind == "checks":
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            for choice in spec.choices:
                box = QCheckBox(choice)
                box.setObjectName(f"check_{choice}")
                box.toggled.connect(self.touched)
                row.addWidget(box)
            row.addStretch(1)
            return holder
        if spec.kind == "multiline":
            text = QPlainTextEdit()
            text.setMaximumHeight(90)
            text.textChanged.connect(self.touched)
            return text
        edit = QLineEdit()
        edit.textEdited.connect(self.touched)
        return edit

    def fill(self, value: Any) -> None:
        data = value if isinstance(value, dict) else {}
        for spec in self.specs:
            widget = self.widgets[spec.key]
            v = data.get(spec.key)
            blocked = widget.blockSignals(True)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(v))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(v or 0))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(v or 0.0))
            elif isinstance(widget, QComboBox):
                text = "" if v is None else str(v)
                index = widget.findData(text)
                if index < 0:
                    widget.addItem(text, text)
                    index = widget.findData(text)
                widget.setCurrentIndex(index)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("" if v is None else str(v))
            elif isinstance(widget, QLineEdit):
                widget.setText("" if v is None else str(v))
            else:
                chosen = set(v or [])
                for box in widget.findChildren(QCheckBox):
                    b = box.blockSignals(True)
                    box.setChecked(box.text() in chosen)
                    box.blockSignals(b)
            widget.blockSignals(blocked)

    def value(self) -> Any:
        out: dict[str, Any] = dict(self.original or {})
        for spec in self.specs:
            widget = self.widgets[spec.key]
            if isinstance(widget, QCheckBox):
                out[spec.key] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                out[spec.key] = widget.value()
            elif isinstance(widget, QDoubleSpinBox):
                out[spec.key] = round(widget.value(), 4)
            elif isinstance(widget, QComboBox):
                # a typed value (the time zone), else the choice's code, never its words
                text = (
                    widget.currentText().strip()
                    if widget.isEditable()
                    else str(widget.currentData() or "")
                )
                original = (self.original or {}).get(spec.key)
                out[spec.key] = int(text) if isinstance(original, int) and text.isdigit() else text
            elif isinstance(widget, QPlainTextEdit):
                out[spec.key] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                text = widget.text().strip()
                out[spec.key] = (text or None) if spec.kind.startswith("optional") else text
            else:
                out[spec.key] = [
                    box.text() for box in widget.findChildren(QCheckBox) if box.isChecked()
                ]
        return out

    def show_error(self, row: int | None, key: str | None, text: str) -> None:
        error = self.errors.get(key or "")
        if error is not None:
            error.setText(text)
            error.show()
            set_state(self.widgets[key or ""], "error")

    def clear_errors(self) -> None:
        for key, error in self.errors.items():
            error.hide()
            set_state(self.widgets[key], "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for widget in self.widgets.values():
            widget.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for spec in self.specs:
            self.labels[spec.key].setText(tr(spec.label or f"admin.field.{spec.key}", lang))
        if self.section == "queue":
            combo = self.widgets["priority_policy"]
            assert isinstance(combo, QComboBox)
            for i in range(combo.count()):
                combo.setItemText(i, tr(f"admin.policy.{combo.itemData(i)}", lang))


class TablePage(SectionPage):
    """A list section (services, counters, priority categories) as an editable table."""

    def __init__(self, section: str, columns: tuple[tuple[str, str], ...]) -> None:
        super().__init__(section)
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(f"table_{section}")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add = QPushButton()
        self.add.setObjectName("SettingsAddRow")
        self.remove = QPushButton()
        self.remove.setObjectName("SettingsRemoveRow")
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(row)
        self.table.itemChanged.connect(lambda _i: self.touched())
        self.add.clicked.connect(self.add_row)
        self.remove.clicked.connect(self.remove_row)
        if section == "services":
            self.hint.show()
        if section == "counters":
            self.hint.show()

    def _item(self, kind: str, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if kind == "bool":
            item.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            return item
        if kind == "hours":
            text = hours_text(value)
        elif kind == "codes":
            text = ", ".join(value or [])
        elif value is None:
            text = ""
        elif kind == "float":
            text = f"{float(value):g}"
        else:
            text = str(value)
        item.setText(text)
        return item

    def fill(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for r, data in enumerate(rows):
            for c, (key, kind) in enumerate(self.columns):
                self.table.setItem(
                    r, c, self._item(kind, data.get(key) if isinstance(data, dict) else None)
                )
        self.table.blockSignals(blocked)
        self.table.resizeColumnsToContents()

    def add_row(self) -> None:
        blocked = self.table.blockSignals(True)
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, (key, kind) in enumerate(self.columns):
            default: Any = True if kind == "bool" else None
            if self.section == "services" and key == "service_minutes":
                default = 5.0
            self.table.setItem(r, c, self._item(kind, default))
        self.table.blockSignals(blocked)
        self.table.setCurrentCell(r, 0)
        self.touched()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.touched()

    def value(self) -> Any:
        originals = self.original if isinstance(self.original, list) else []
        out = []
        for r in range(self.table.rowCount()):
            base = (
                dict(originals[r]) if r < len(originals) and isinstance(originals[r], dict) else {}
            )
            for c, (key, kind) in enumerate(self.columns):
                item = self.table.item(r, c)
                if item is None:
                    continue
                text = item.text().strip()
                if kind == "bool":
                    base[key] = item.checkState() == Qt.CheckState.Checked
                elif kind == "hours":
                    base[key] = parse_hours(text)
                elif kind == "codes":
                    base[key] = [p.strip().upper() for p in text.split(",") if p.strip()]
                elif kind in ("int", "optional_int", "float"):
                    base[key] = _number(text, kind)
                elif kind == "optional_text":
                    base[key] = text or None
                else:
                    base[key] = text
            out.append(base)
        return out

    def show_error(self, row: int | None, key: str | None, text: str) -> None:
        keys = [k for k, _ in self.columns]
        if row is None or not 0 <= row < self.table.rowCount():
            return
        cols = [keys.index(key)] if key in keys else range(len(keys))
        for c in cols:
            item = self.table.item(row, c)
            if item is not None:
                item.setBackground(QBrush(QColor("#FDE8E8")))
                item.setToolTip(text)
        first = self.table.item(row, cols[0])
        if first is not None:
            self.table.scrollToItem(first)

    def clear_errors(self) -> None:
        blocked = self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip("")
        self.table.blockSignals(blocked)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.add.setEnabled(editable)
        self.remove.setEnabled(editable)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.table.setHorizontalHeaderLabels(
            [tr(f"admin.field.{key}", lang) for key, _ in self.columns]
        )
        self.add.setText(tr("admin.settings.add_row", lang))
        self.remove.setText(tr("admin.settings.remove_row", lang))
        if self.section == "services":
            self.hint.setText(tr("admin.settings.hours_hint", lang))
        if self.section == "counters":
            self.hint.setText(tr("admin.settings.services_hint", lang))


class SurveyPage(FormPage):
    """The survey's fields, plus the elements' screen order (up and down)."""

    def __init__(self) -> None:
        super().__init__("survey", FORMS["survey"])
        self.order = QListWidget()
        self.order.setObjectName("SurveyOrder")
        self.up = QPushButton()
        self.down = QPushButton()
        self.order_title = label("FieldLabel")
        self.order_hint = label("TabNote", wrap=True)
        buttons = QVBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.order, 1)
        row.addLayout(buttons)
        self.body.insertWidget(self.body.count() - 1, self.order_title)
        self.body.insertWidget(self.body.count() - 1, self.order_hint)
        self.body.insertLayout(self.body.count() - 1, row)
        self.up.clicked.connect(lambda: self.move_element(-1))
        self.down.clicked.connect(lambda: self.move_element(1))
        self.names: dict[str, str] = {}

    def set_names(self, elements: dict[str, tuple[str, str]], lang: str) -> None:
        self.names = {c: (en if lang == "en" else id_) for c, (id_, en) in elements.items()}
        for i in range(self.order.count()):
            item = self.order.item(i)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"{code}  {self.names.get(code, '')}".strip())

    def move_element(self, step: int) -> None:
        r = self.order.currentRow()
        target = r + step
        if r < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(r)
        self.order.insertItem(target, item)
        self.order.setCurrentRow(target)
        self.touched()

    def fill(self, value: Any) -> None:
        super().fill(value)
        self.order.clear()
        for code in (value or {}).get("order", []):
            item = QListWidgetItem(f"{code}  {self.names.get(code, '')}".strip())
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.order.addItem(item)

    def value(self) -> Any:
        out = super().value()
        out["order"] = [
            str(self.order.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.order.count())
        ]
        return out

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.up.setEnabled(editable)
        self.down.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.order_title.setText(tr("admin.field.order", lang))
        self.order_hint.setText(tr("admin.settings.order_hint", lang))
        self.up.setText(tr("admin.settings.up", lang))
        self.down.setText(tr("admin.settings.down", lang))


class PrinterPage(FormPage):
    """The printer's fields, a test print at a chosen kiosk, and each kiosk's last state."""

    test_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__("printer", FORMS["printer"])
        self.states_title = label("PanelTitle")
        self.states = QListWidget()
        self.states.setObjectName("PrinterStates")
        self.states.setMaximumHeight(110)
        self.kiosk = QComboBox()
        self.kiosk.setObjectName("PrinterTestKiosk")
        self.kiosk.setEditable(True)
        self.kiosk.setMaximumWidth(FORM_WIDTH // 2)
        self.test = QPushButton()
        self.test.setObjectName("PrinterTest")
        row = QHBoxLayout()
        row.addWidget(self.kiosk, 1)
        row.addWidget(self.test)
        row.addStretch(1)
        self.body.insertWidget(0, self.states_title)
        self.body.insertWidget(1, self.states)
        self.body.insertLayout(2, row)
        self.test.clicked.connect(
            lambda: self.test_requested.emit(self.kiosk.currentText().strip())
        )
        self.reports: dict[str, PrinterReport] = {}

    def show_states(
        self, reports: dict[str, PrinterReport], kiosks: list[str], ctx: Context
    ) -> None:
        self.reports = dict(reports)
        lang = ctx.lang
        self.states.clear()
        for source, report in sorted(reports.items()):
            self.states.addItem(
                tr(
                    "admin.settings.printer_state",
                    lang,
                    kiosk=source,
                    state=tx.printer_word(report.state, lang),
                    since=tx.local_datetime(report.since, ctx.tz, lang),
                )
            )
        if not reports:
            self.states.addItem(tr("admin.settings.no_reports", lang))
        names = sorted(set(kiosks) | set(reports))
        set_combo_items(self.kiosk, [(n, n) for n in names])

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.test.setEnabled(editable)
        self.kiosk.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.states_title.setText(tr("admin.settings.printer_states", lang))
        self.test.setText(tr("admin.settings.test_print", lang))


class LogoBox(QWidget):
    """The office section's logo: the one every window shows, choose another, remove it.

    Saved at once (not with the section's Save): the image goes into the database."""

    choose_requested = Signal()
    remove_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("LogoBox")
        self.title = label("FieldLabel")
        self.view = LogoView(height=LOGO_HEIGHT, object_name="SettingsLogo")
        self.none = label("TabNote", wrap=True)
        self.choose = QPushButton()
        self.choose.setObjectName("LogoChoose")
        self.remove = QPushButton()
        self.remove.setObjectName("LogoRemove")
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()
        self._message: tuple[str, dict[str, object], str] | None = None
        self.lang = "id"
        self._editable = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.view)
        col.addWidget(self.none)
        col.addLayout(buttons)
        col.addWidget(self.message)
        self.choose.clicked.connect(self.choose_requested)
        self.remove.clicked.connect(self.remove_requested)
        self.set_logo(None)

    def set_logo(self, data: bytes | None) -> None:
        self.view.set_logo(data)
        self.none.setVisible(not self.view.has_logo)
        self.remove.setEnabled(self._editable and self.view.has_logo)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.choose.setEnabled(editable)
        self.remove.setEnabled(editable and self.view.has_logo)

    def say(self, key: str | None, kind: str = "", **values: object) -> None:
        self._message = (key, values, kind) if key else None
        self.message.setVisible(bool(key))
        if key:
            self.message.setText(tr(key, self.lang, **values))
            set_state(self.message, kind)

    def say_text(self, text: str, kind: str) -> None:
        self._message = None
        self.message.setText(text)
        self.message.show()
        set_state(self.message, kind)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("admin.settings.logo", lang))
        self.none.setText(tr("admin.settings.logo_none", lang))
        self.choose.setText(tr("admin.settings.logo_choose", lang))
        self.remove.setText(tr("admin.settings.logo_remove", lang))
        if self._message is not None:
            key, values, kind = self._message
            self.say(key, kind, **values)


# -- the tab ---------------------------------------------------------------------------------------
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
        document=office.settings_document(),
        staff=tuple(office.staff()),
        printers=office.printer_states(),
        kiosk=office.settings.kiosk.name,
        elements={e.code: (e.name_id, e.name_en) for e in office.survey_definition("skm").elements},
        logo=office.logo(),
        exit_pin_set=office.exit_pin_is_set(),
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
            page: SectionPage
            if section == "survey":
                page = SurveyPage()
            elif section == "printer":
                page = PrinterPage()
                page.test_requested.connect(self.test_print)
            elif section in TABLES:
                page = TablePage(section, TABLES[section])
            else:
                page = FormPage(section, FORMS[section])
            page.save_requested.connect(self.save)
            self.pages[section] = page
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
            lambda o: o.request_printer_test(kiosk, session=session), done, failed
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

        self.ctx.backend.write(lambda o: o.set_exit_pin(pin, session=session), done, failed)
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


def _number(text: str, kind: str) -> int | float | str | None:
    if not text:
        return None
    try:
        return float(text.replace(",", ".")) if kind == "float" else int(text)
    except ValueError:
        return text  # the core names the key and what was expected
