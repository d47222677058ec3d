"""The settings tab's words, in Indonesian and English: the pages' own words, and each
field's label, help and choice names keyed by the field's path in the configuration
("queue.recall_limit", "services.hours").

Only words live here. What a field accepts (its bounds, its choices, its default) is the
configuration model's (kiosk.config.settings); the form reads it from there.
"""

from __future__ import annotations

from kiosk.ui.common.i18n import CATALOG, add_texts, tr

TEXTS: dict[str, tuple[str, str]] = {
    "admin.settings.section.office": ("Kantor", "Office"),
    "admin.settings.section.queue": ("Antrean", "Queue"),
    "admin.settings.section.priority": ("Kategori prioritas", "Priority categories"),
    "admin.settings.section.services": ("Layanan", "Services"),
    "admin.settings.section.counters": ("Loket", "Counters"),
    "admin.settings.section.printer": ("Printer slip", "Slip printer"),
    "admin.settings.section.kiosk": ("Anjungan", "Kiosk"),
    "admin.settings.section.survey": ("Survei", "Survey"),
    "admin.settings.section.display": ("Layar tampilan", "Display board"),
    "admin.settings.section.appointments": ("Janji temu (M-Paspor)", "Appointments (M-Paspor)"),
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
        "Uji cetak diminta; anjungan {kiosk} mencetak dalam beberapa detik.",
        "Test print asked; kiosk {kiosk} prints it within seconds.",
    ),
    "admin.settings.printer_states": ("Keadaan printer anjungan", "The kiosks' printers"),
    "admin.settings.printer_state": (
        "{kiosk}: {state} (sejak {since})",
        "{kiosk}: {state} (since {since})",
    ),
    "admin.settings.no_reports": (
        "Belum ada kiosk yang melaporkan printernya.",
        "No kiosk has reported its printer yet.",
    ),
}

#: Each field's label, by its path (a list section's fields: "services.code").
LABELS: dict[str, tuple[str, str]] = {
    "appointments.columns": ("Judul kolom berkas impor", "Import file headers"),
    "appointments.early_minutes": (
        "Datang paling awal (menit sebelum jadwal)",
        "Earliest check-in (min before the slot)",
    ),
    "appointments.late_minutes": (
        "Datang paling lambat (menit setelah jadwal)",
        "Latest check-in (min after the slot)",
    ),
    "appointments.late_policy": ("Jika terlambat", "When late"),
    "appointments.verify": ("Tanpa daftar hari ini", "Without today's list"),
    "appointments.code_pattern": ("Pola kode pemesanan", "Booking code pattern"),
    "appointments.unverified_service": (
        "Layanan untuk kode tanpa daftar",
        "Service of a code without a list",
    ),
    "office.name": ("Nama", "Name"),
    "office.timezone": ("Zona waktu", "Time zone"),
    "office.place": ("Tempat penandatanganan", "Place of signing"),
    "office.head_title": ("Jabatan kepala kantor", "Head of office's title"),
    "office.head_name": ("Nama kepala kantor", "Head of office's name"),
    "office.head_nip": ("NIP kepala kantor", "Head of office's NIP"),
    "queue.priority_policy": ("Kebijakan prioritas", "Priority policy"),
    "queue.priority_every": (
        "Satu prioritas setiap ... panggilan reguler",
        "One priority call every ... regular calls",
    ),
    "queue.recall_limit": ("Batas panggil ulang", "Recall limit"),
    "priority.code": ("Kode", "Code"),
    "priority.name_id": ("Nama (Indonesia)", "Name (Indonesian)"),
    "priority.name_en": ("Nama (Inggris)", "Name (English)"),
    "services.code": ("Kode", "Code"),
    "services.name_id": ("Nama (Indonesia)", "Name (Indonesian)"),
    "services.name_en": ("Nama (Inggris)", "Name (English)"),
    "services.daily_quota": ("Kuota harian", "Daily quota"),
    "services.active": ("Aktif", "Active"),
    "services.priority": ("Layanan prioritas", "Priority service"),
    "services.service_minutes": ("Menit layanan", "Service minutes"),
    "services.hours": ("Jam buka", "Opening hours"),
    "counters.number": ("Nomor", "Number"),
    "counters.name": ("Nama", "Name"),
    "counters.services": ("Layanan", "Services"),
    "printer.kind": ("Jenis", "Kind"),
    "printer.port": ("Port serial", "Serial port"),
    "printer.baudrate": ("Baud rate", "Baud rate"),
    "printer.parity": ("Paritas", "Parity"),
    "printer.flow": ("Kontrol aliran", "Flow control"),
    "printer.host": ("Alamat jaringan", "Network address"),
    "printer.tcp_port": ("Port TCP", "TCP port"),
    "printer.paper_mm": ("Lebar kertas (mm)", "Paper width (mm)"),
    "printer.native_qr": ("QR dari printer", "Printer-made QR"),
    "printer.cutter": ("Pemotong kertas", "Paper cutter"),
    "printer.profile": ("Profil printer", "Printer profile"),
    "printer.qr_module": ("Ukuran modul QR", "QR module size"),
    "printer.status_query": ("Tanya keadaan printer", "Ask the printer's state"),
    "printer.footer": ("Catatan kaki slip (Indonesia)", "Slip footer (Indonesian)"),
    "printer.footer_en": ("Catatan kaki slip (Inggris)", "Slip footer (English)"),
    "printer.preview_dir": ("Folder pratinjau", "Preview folder"),
    "kiosk.name": ("Nama", "Name"),
    "kiosk.idle_seconds": ("Kembali ke awal setelah (detik)", "Back to start after (s)"),
    "kiosk.confirmation_seconds": ("Nomor tampil selama (detik)", "Number shown for (s)"),
    "kiosk.ask_priority": ("Tanyakan prioritas per layanan", "Ask about priority per service"),
    "kiosk.languages": ("Bahasa", "Languages"),
    "kiosk.exit_chord": ("Tombol keluar", "Exit keys"),
    "kiosk.panel_inches": ("Ukuran layar (inci, diagonal)", "Screen size (inches, diagonal)"),
    "survey.enabled": ("Survei aktif", "Surveys run"),
    "survey.order": ("Urutan unsur", "Element order"),
    "survey.walkup_cooldown_seconds": (
        "Jeda survei tanpa tiket (detik)",
        "Walk-up survey cooldown (s)",
    ),
    "survey.idle_seconds": ("Survei dibatalkan setelah diam (detik)", "Abandoned after (s)"),
    "display.running_text": ("Teks berjalan", "Running text"),
    "display.last_calls": ("Panggilan terakhir ditampilkan", "Last calls shown"),
    "display.announce": ("Umumkan panggilan", "Announce calls"),
    "display.chime": ("Bunyi bel", "Chime"),
    "display.voice": ("Suara", "Voice"),
    "display.languages": ("Bahasa", "Languages"),
    "display.template_id": ("Kalimat panggilan (Indonesia)", "Call sentence (Indonesian)"),
    "display.template_en": ("Kalimat panggilan (Inggris)", "Call sentence (English)"),
    "display.volume": ("Volume", "Volume"),
    "display.rate": ("Kecepatan suara", "Speech rate"),
    "display.flash_seconds": ("Kedip (detik)", "Flash (s)"),
    "display.voice_engine": ("Suara papan", "The board's voice"),
    "display.voice_pack": ("Folder rekaman suara", "Voice pack folder"),
    "display.tts_engine": ("Mesin suara sistem", "System speech engine"),
}

#: Help shown with a field, by its path (a table shows its columns' help above it).
HELP: dict[str, tuple[str, str]] = {
    "appointments.columns": (
        'Pasangan kolom = judul dipisah ";", mis. "code = Nomor Permohonan; time = Jam". '
        "Kolom: code, service, time, end, category. Kosong: judul bawaan (nama kolomnya).",
        'Field = header pairs separated by ";", e.g. "code = Nomor Permohonan; time = Jam". '
        "Fields: code, service, time, end, category. Empty: the default headers (their names).",
    ),
    "appointments.code_pattern": (
        "Ekspresi reguler yang harus cocok dengan seluruh kode (hanya bila tanpa daftar).",
        "A regular expression the whole code must match (only without a list).",
    ),
    "office.head_nip": (
        "18 angka; spasi boleh, mis. 19750101 200003 1 001. Dicetak di bawah tanda tangan "
        "laporan survei.",
        "18 digits; spaces allowed, e.g. 19750101 200003 1 001. Printed under the survey "
        "report's signature.",
    ),
    "services.hours": (
        'Jam buka: mis. "mon-fri 08:00-12:00,13:00-15:00; sat 08:00-12:00". Kosong: buka '
        'kapan saja; "-": tutup sepanjang minggu.',
        'Opening hours: e.g. "mon-fri 08:00-12:00,13:00-15:00; sat 08:00-12:00". Empty: '
        'open at any hour; "-": closed all week.',
    ),
    "counters.services": (
        'Layanan yang dilayani: kode dipisah koma, mis. "A, B".',
        'Services served: codes separated by commas, e.g. "A, B".',
    ),
    "survey.order": (
        "Urutan unsur di layar kiosk (jawaban tetap disimpan menurut kodenya).",
        "The order of the elements on the kiosk's screen (answers stay stored by code).",
    ),
}

#: The words for a field's choices where the stored code says too little to a person,
#: by the field's path and the choice's value (the values themselves are the model's).
CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "appointments.late_policy": {
        "refuse": ("Tolak, dengan alasannya", "Refuse, saying why"),
        "walk_in": ("Beri nomor biasa (dicatat)", "A normal ticket (noted)"),
    },
    "appointments.verify": {
        "list": ("Tolak semua kode", "Refuse every code"),
        "format": ("Terima kode yang sesuai pola", "Accept a code matching the pattern"),
    },
    "queue.priority_policy": {
        "priority_first": ("Prioritas lebih dulu", "Priority first"),
        "interleave": ("Selang-seling", "Interleave"),
        "fifo": ("Urut waktu ambil", "In issue order"),
    },
}


def field_label(path: str, lang: str) -> str:
    return tr(f"admin.field.{path}", lang)


def field_help(path: str, lang: str) -> str:
    """The field's help; "" where it has none."""
    return tr(f"admin.help.{path}", lang) if path in HELP else ""


def choice_label(path: str, value: object, lang: str) -> str:
    """What one of the field's choices is called; the value itself where it says enough."""
    key = f"admin.choice.{path}.{value}"
    return tr(key, lang) if key in CATALOG else str(value)


add_texts(
    {
        **TEXTS,
        **{f"admin.field.{path}": words for path, words in LABELS.items()},
        **{f"admin.help.{path}": words for path, words in HELP.items()},
        **{
            f"admin.choice.{path}.{value}": words
            for path, choices in CHOICES.items()
            for value, words in choices.items()
        },
    }
)
