"""The appointments tab's words, in Indonesian (EYD V: times 09.30) and English, added to
the admin window's catalogue on import."""

from __future__ import annotations

from kiosk.ui.common.i18n import add_texts

TEXTS: dict[str, tuple[str, str]] = {
    "admin.tab.appointments": ("Jadwal", "Appointments"),
    "admin.appt.day": ("Tanggal", "Day"),
    "admin.appt.count": (
        "{n} jadwal · {checked_in} sudah check-in · {missed} terlewat",
        "{n} appointments · {checked_in} checked in · {missed} missed",
    ),
    "admin.appt.none": (
        "Belum ada jadwal pada tanggal ini. Impor daftar dari M-Paspor atau tambahkan satu "
        "per satu.",
        "No appointments on this day. Import the list from M-Paspor or add them one by one.",
    ),
    "admin.appt.col.slot": ("Jam", "Time"),
    "admin.appt.col.code": ("Kode pemesanan", "Booking code"),
    "admin.appt.col.service": ("Layanan", "Service"),
    "admin.appt.col.category": ("Kategori", "Category"),
    "admin.appt.col.state": ("Keadaan", "State"),
    "admin.appt.col.change": ("Perubahan", "Change"),
    "admin.appt.col.line": ("Baris", "Line"),
    "admin.appt.col.reason": ("Alasan", "Reason"),
    "admin.appt.state.checked_in": ("sudah check-in ({ticket})", "checked in ({ticket})"),
    "admin.appt.state.not_yet": ("belum", "not yet"),
    "admin.appt.state.missed": ("terlewat", "missed"),
    "admin.appt.state.cancelled": ("dibatalkan", "cancelled"),
    "admin.appt.unverified": (" · belum terverifikasi", " · unverified"),
    # import
    "admin.appt.import": ("Impor...", "Import..."),
    "admin.appt.import_choose": (
        "Pilih daftar jadwal (CSV atau XLSX)",
        "Choose the list (CSV or XLSX)",
    ),
    "admin.appt.import_filter": (
        "Daftar jadwal (*.csv *.xlsx);;Semua berkas (*)",
        "Appointment lists (*.csv *.xlsx);;All files (*)",
    ),
    "admin.appt.preview_title": (
        "Pratinjau impor {file} untuk {day}",
        "Import preview of {file} for {day}",
    ),
    "admin.appt.preview_reading": ("Membaca {file}...", "Reading {file}..."),
    "admin.appt.preview_summary": (
        "Akan ditambah {added}, diubah {updated}, tetap {unchanged}.",
        "Would add {added}, update {updated}; {unchanged} unchanged.",
    ),
    "admin.appt.preview_not_in_file": (
        " {n} jadwal yang sudah terdaftar tidak ada di berkas (tetap disimpan; batalkan "
        "sendiri bila perlu).",
        " {n} already listed are not in the file (kept; cancel them yourself if needed).",
    ),
    "admin.appt.preview_same": (
        "Tidak ada yang berubah: daftar ini sudah diimpor.",
        "Nothing changes: this list was already imported.",
    ),
    "admin.appt.preview_refused": (
        "Berkas ditolak, tidak ada yang diimpor: {n} baris bermasalah. Perbaiki baris "
        "berikut, lalu impor lagi.",
        "The file is refused, nothing is imported: {n} rows have problems. Fix these rows, "
        "then import again.",
    ),
    "admin.appt.preview_unreadable": (
        "Berkas tidak dapat dibaca sebagai daftar jadwal: {message}",
        "The file cannot be read as an appointment list: {message}",
    ),
    "admin.appt.confirm_import": ("Impor sekarang", "Import now"),
    "admin.appt.close_preview": ("Tutup", "Close"),
    "admin.appt.imported": (
        "{file} diimpor untuk {day}: ditambah {added}, diubah {updated}, tetap {unchanged}.",
        "{file} imported for {day}: {added} added, {updated} updated, {unchanged} unchanged.",
    ),
    "admin.appt.change.added": ("ditambah", "added"),
    "admin.appt.change.updated": ("diubah", "updated"),
    "admin.appt.change.not_in_file": ("tidak ada di berkas (tetap)", "not in the file (kept)"),
    "admin.appt.change.refused": ("ditolak", "refused"),
    # add and cancel
    "admin.appt.add_title": ("Tambah jadwal", "Add an appointment"),
    "admin.appt.add_code": ("Kode", "Code"),
    "admin.appt.add_time": ("Jam", "Time"),
    "admin.appt.add_service": ("Layanan", "Service"),
    "admin.appt.add_category": ("Kategori", "Category"),
    "admin.appt.add_code_placeholder": ("nomor permohonan", "application number"),
    "admin.appt.add_category_placeholder": ("(boleh kosong)", "(optional)"),
    "admin.appt.add": ("Tambah", "Add"),
    "admin.appt.added": (
        "Jadwal {code} pukul {time} ditambahkan.",
        "Appointment {code} at {time} added.",
    ),
    "admin.appt.add_missing": ("Isi kode pemesanan.", "Enter the booking code."),
    "admin.appt.cancel": ("Batalkan jadwal...", "Cancel appointment..."),
    "admin.appt.cancel_question": (
        "Batalkan jadwal {code} pukul {time}? Pemohon tidak dapat check-in dengan kode ini.",
        "Cancel appointment {code} at {time}? The applicant cannot check in with this code.",
    ),
    "admin.appt.cancel_yes": ("Ya, batalkan", "Yes, cancel it"),
    "admin.appt.cancel_no": ("Tidak", "No"),
    "admin.appt.cancelled": ("Jadwal {code} dibatalkan.", "Appointment {code} cancelled."),
    "admin.appt.refused": ("Ditolak: {message}", "Refused: {message}"),
}

add_texts(TEXTS)
