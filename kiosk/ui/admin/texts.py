"""The admin window's words, in Bahasa Indonesia and English, and how figures are written
(no Qt).

Added to the shared catalogue (``kiosk.ui.common.i18n``) on import, so the test that both
languages have the same keys and placeholders covers these too. The office's own words:
layanan, loket, antrean, petugas, IKM, unsur, NRR, mutu pelayanan, kinerja.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kiosk.domain.dates import decimal_text
from kiosk.domain.errors import AccountLocked, KioskError, NotAllowed, NotSignedIn, SignInRefused
from kiosk.domain.staff import SIGN_IN_ATTEMPTS
from kiosk.domain.status_words import status_label
from kiosk.ui.common.i18n import add_texts, locked_text, tr

TEXTS: dict[str, tuple[str, str]] = {
    "admin.title": ("Admin antrean · {office}", "Queue admin · {office}"),
    "admin.unavailable": (
        "Basis data antrean tidak dapat dihubungi. Mencoba tersambung kembali...",
        "The queue database cannot be reached. Trying to reconnect...",
    ),
    # sign-in
    "admin.signin.title": ("Masuk admin antrean", "Queue admin sign-in"),
    "admin.signin.subtitle": (
        "Untuk Kepala Seksi, Kepala Subseksi, dan admin. Akun petugas loket tidak dapat "
        "membuka jendela ini.",
        "For supervisors and administrators. Counter officers' accounts cannot open this window.",
    ),
    "admin.signin.username": ("Nama pengguna", "User name"),
    "admin.signin.pin": ("PIN atau kata sandi", "PIN or password"),
    "admin.signin.submit": ("Masuk", "Sign in"),
    "admin.signin.checking": ("Memeriksa...", "Checking..."),
    "admin.signin.missing": ("Isi nama pengguna dan PIN.", "Enter your user name and PIN."),
    "admin.signin.refused": (
        "Gagal masuk: nama pengguna atau PIN salah, akun dinonaktifkan, atau akun ini bukan "
        "akun supervisor/admin.",
        "Sign-in refused: wrong user name or PIN, a disabled account, or not a supervisor or "
        "admin account.",
    ),
    "admin.head.user": ("{name} · {role}", "{name} · {role}"),
    "admin.signout": ("Keluar", "Sign out"),
    "admin.role.officer": ("Petugas loket", "Counter officer"),
    "admin.role.supervisor": ("Supervisor", "Supervisor"),
    "admin.role.admin": ("Admin", "Administrator"),
    # tabs
    "admin.tab.dashboard": ("Hari ini", "Today"),
    "admin.tab.tickets": ("Tiket", "Tickets"),
    "admin.tab.survey": ("Survei (IKM)", "Survey (IKM)"),
    "admin.tab.exports": ("Ekspor", "Exports"),
    "admin.tab.settings": ("Pengaturan", "Settings"),
    "admin.tab.audit": ("Log audit", "Audit log"),
    "admin.tab.backup": ("Cadangan", "Backup"),
    # common words
    "admin.all": ("Semua", "All"),
    "admin.none": ("–", "–"),
    "admin.loading": ("Memuat...", "Loading..."),
    "admin.from": ("Dari", "From"),
    "admin.to": ("Sampai", "To"),
    "admin.service": ("Layanan", "Service"),
    "admin.counter": ("Loket", "Counter"),
    "admin.status": ("Status", "Status"),
    "admin.minutes": ("{m} mnt", "{m} min"),
    "admin.error.other": ("Ditolak: {message}", "Refused: {message}"),
    "admin.error.not_allowed": (
        "Akun {username} tidak berhak melakukannya; hanya akun admin yang dapat.",
        "The account {username} may not do this; only an admin account may.",
    ),
    "admin.error.not_signed_in": (
        "Sesi masuk Anda sudah berakhir: keluar, lalu masuk lagi.",
        "Your sign-in has ended: sign out, then sign in again.",
    ),
    "admin.error.database": (
        "Basis data tidak dapat dihubungi; coba lagi sebentar lagi.",
        "The database cannot be reached; try again in a moment.",
    ),
    # dashboard
    "admin.dash.title": ("Antrean hari ini · {day}", "Today's queue · {day}"),
    "admin.dash.updated": ("Diperbarui {t}", "Updated {t}"),
    "admin.dash.issued": ("Tiket diambil", "Tickets issued"),
    "admin.dash.waiting": ("Menunggu", "Waiting"),
    "admin.dash.at_counter": ("Dilayani", "At a counter"),
    "admin.dash.done": ("Selesai", "Done"),
    "admin.dash.no_show": ("Tidak hadir", "No-show"),
    "admin.dash.wait": ("Waktu tunggu", "Waiting time"),
    "admin.dash.service_time": ("Waktu layanan", "Service time"),
    "admin.dash.mean_p90": ("rata-rata · P90 {p90}", "average · P90 {p90}"),
    "admin.dash.ikm_today": ("IKM hari ini", "IKM today"),
    "admin.dash.ikm_month": ("IKM bulan ini", "IKM this month"),
    "admin.dash.ikm_none": ("belum ada responden", "no respondents yet"),
    "admin.dash.ikm_detail": (
        "{grade} · {label} · {n} responden",
        "{grade} · {label} · {n} respondents",
    ),
    "admin.dash.per_hour": ("Tiket diambil per jam", "Tickets issued per hour"),
    "admin.dash.per_service": ("Per layanan", "Per service"),
    "admin.dash.counters": ("Loket", "Counters"),
    "admin.dash.printers": ("Printer slip", "Slip printers"),
    "admin.dash.printers_ok": ("Tidak ada peringatan printer.", "No printer alerts."),
    "admin.dash.printer_alert": ("{at} · {source}: {state}", "{at} · {source}: {state}"),
    "admin.dash.col.service": ("Layanan", "Service"),
    "admin.dash.col.issued": ("Diambil", "Issued"),
    "admin.dash.col.issued_hint": (
        "Diambil di layanan ini (di layanan awal: tiket yang dialihkan tetap dihitung di sini)",
        "Issued in this service (the first service: a transferred ticket still counts here)",
    ),
    "admin.dash.col.waiting": ("Menunggu", "Waiting"),
    "admin.dash.col.at_counter": ("Dilayani", "Serving"),
    "admin.dash.col.done": ("Selesai", "Done"),
    "admin.dash.col.no_show": ("Tidak hadir", "No-show"),
    "admin.dash.col.cancelled": ("Batal", "Cancelled"),
    "admin.dash.col.counter": ("Loket", "Counter"),
    "admin.dash.col.state": ("Keadaan", "State"),
    "admin.dash.col.served": ("Dilayani", "Served"),
    "admin.dash.col.mean": ("Rata-rata layanan", "Average service"),
    "admin.dash.state.paused": ("Istirahat", "On a break"),
    "admin.dash.state.serving": ("Melayani {code}", "Serving {code}"),
    "admin.dash.state.idle": ("Siap", "Free"),
    "admin.dash.hour": ("{h}.00", "{h}:00"),
    "admin.printer.paper_near_end": ("kertas hampir habis", "paper near end"),
    "admin.printer.paper_out": ("kertas habis", "paper out"),
    "admin.printer.cover_open": ("penutup terbuka", "cover open"),
    "admin.printer.offline": ("tidak siap (offline)", "offline"),
    "admin.printer.no_answer": ("tidak menjawab", "not answering"),
    "admin.printer.ok": ("siap", "ready"),
    # tickets
    "admin.tickets.code": ("Nomor", "Number"),
    "admin.tickets.code_placeholder": ("Cari nomor, mis. A-01", "Find a number, e.g. A-01"),
    "admin.tickets.count": ("{n} tiket", "{n} tickets"),
    "admin.tickets.counting": ("Menghitung...", "Counting..."),
    "admin.tickets.col.day": ("Tanggal", "Date"),
    "admin.tickets.col.code": ("Nomor", "Number"),
    "admin.tickets.col.service": ("Layanan", "Service"),
    "admin.tickets.col.priority": ("Prioritas", "Priority"),
    "admin.tickets.col.status": ("Status", "Status"),
    "admin.tickets.col.counter": ("Loket", "Counter"),
    "admin.tickets.col.issued": ("Diambil", "Issued"),
    "admin.tickets.col.called": ("Dipanggil", "Called"),
    "admin.tickets.col.finished": ("Selesai", "Finished"),
    "admin.tickets.col.wait": ("Tunggu", "Wait"),
    "admin.tickets.col.service_time": ("Durasi", "Duration"),
    "admin.tickets.col.recalls": ("Ulang", "Recalls"),
    "admin.tickets.history": ("Riwayat tiket", "Ticket history"),
    "admin.tickets.history_hint": (
        "Pilih tiket untuk melihat riwayatnya.",
        "Choose a ticket to see its history.",
    ),
    "admin.tickets.history_of": ("Riwayat {code} · {day}", "History of {code} · {day}"),
    "admin.tickets.origin": ("Semula layanan {service}", "Issued for service {service}"),
    "admin.tickets.col.at": ("Waktu", "Time"),
    "admin.tickets.col.event": ("Kejadian", "Event"),
    "admin.tickets.col.where": ("Loket", "Counter"),
    "admin.tickets.col.detail": ("Keterangan", "Detail"),
    "admin.event.issued": ("Diambil", "Issued"),
    "admin.event.called": ("Dipanggil", "Called"),
    "admin.event.recalled": ("Dipanggil ulang", "Recalled"),
    "admin.event.serving": ("Mulai dilayani", "Service started"),
    "admin.event.started": ("Mulai dilayani", "Service started"),
    "admin.event.done": ("Selesai", "Done"),
    "admin.event.finished": ("Selesai", "Done"),
    "admin.event.no_show": ("Tidak hadir", "No-show"),
    "admin.event.cancelled": ("Dibatalkan", "Cancelled"),
    "admin.event.transferred": ("Dialihkan", "Transferred"),
    "admin.event.called_out_of_order": ("Dipanggil di luar urutan", "Called out of order"),
    # survey
    "admin.survey.period": ("Periode", "Period"),
    "admin.survey.preset.this_month": ("Bulan ini", "This month"),
    "admin.survey.preset.last_month": ("Bulan lalu", "Last month"),
    "admin.survey.preset.today": ("Hari ini", "Today"),
    "admin.survey.preset.this_year": ("Tahun ini", "This year"),
    "admin.survey.preset.custom": ("Pilih tanggal", "Choose dates"),
    "admin.survey.gender": ("Jenis kelamin", "Gender"),
    "admin.survey.education": ("Pendidikan", "Education"),
    "admin.survey.occupation": ("Pekerjaan", "Occupation"),
    "admin.survey.age": ("Usia", "Age"),
    "admin.survey.age_any": ("Semua usia", "Any age"),
    "admin.survey.ikm": ("Indeks Kepuasan Masyarakat", "Public Satisfaction Index"),
    "admin.survey.no_data": (
        "Belum ada responden pada periode ini.",
        "No respondents in this period.",
    ),
    "admin.survey.grade": (
        "Mutu pelayanan {grade} · kinerja {label}",
        "Service quality {grade} · {label}",
    ),
    "admin.survey.raw": ("Nilai IKM {raw} (skala 1–4)", "IKM {raw} (1–4 scale)"),
    "admin.survey.respondents": ("{n} responden", "{n} respondents"),
    "admin.survey.sample_met": (
        "Sampel memadai: {n} dari minimal {req} (Krejcie-Morgan, {pop} pemohon dilayani)",
        "Sample adequate: {n} of at least {req} (Krejcie-Morgan, {pop} applicants served)",
    ),
    "admin.survey.sample_short": (
        "Sampel belum memadai: {n} dari minimal {req} (Krejcie-Morgan, {pop} pemohon dilayani)",
        "Sample not yet adequate: {n} of at least {req} (Krejcie-Morgan, {pop} applicants served)",
    ),
    "admin.survey.sample_na": (
        "Kecukupan sampel tidak berlaku: tidak ada pemohon yang dilayani pada periode ini",
        "Sample adequacy does not apply: nobody was served in this period",
    ),
    "admin.survey.nrr_chart": ("NRR per unsur", "NRR per element"),
    "admin.survey.col.element": ("Unsur", "Element"),
    "admin.survey.col.answered": ("Dijawab", "Answered"),
    "admin.survey.col.sum": ("Jumlah nilai", "Sum"),
    "admin.survey.col.nrr": ("NRR", "NRR"),
    "admin.survey.col.weighted": ("NRR tertimbang", "Weighted NRR"),
    "admin.survey.profile": ("Profil responden", "Respondents' profile"),
    "admin.survey.col.group": ("Kelompok", "Group"),
    "admin.survey.col.value": ("Nilai", "Value"),
    "admin.survey.col.count": ("Responden", "Respondents"),
    "admin.survey.suggestions": ("Saran ({n})", "Suggestions ({n})"),
    "admin.survey.no_suggestions": ("Tidak ada saran.", "No suggestions."),
    "admin.survey.suggestions_some": (
        "Saran ({n}; {shown} terbaru ditampilkan)",
        "Suggestions ({n}; the latest {shown} shown)",
    ),
    "admin.survey.by.gender": ("Jenis kelamin", "Gender"),
    "admin.survey.by.age_band": ("Usia", "Age"),
    "admin.survey.by.education": ("Pendidikan", "Education"),
    "admin.survey.by.occupation": ("Pekerjaan", "Occupation"),
    "admin.survey.by.service": ("Layanan", "Service"),
    "admin.grade.A": ("Sangat Baik", "Very good"),
    "admin.grade.B": ("Baik", "Good"),
    "admin.grade.C": ("Kurang Baik", "Poor"),
    "admin.grade.D": ("Tidak Baik", "Very poor"),
    # exports
    "admin.exports.survey_day": ("Ekspor survei harian", "Daily survey export"),
    "admin.exports.survey_day_hint": (
        "Satu baris per responden: waktu, tiket, layanan, loket, profil, U1–U9, saran.",
        "One row per response: time, ticket, service, counter, profile, U1–U9, suggestion.",
    ),
    "admin.exports.recap": ("Rekap IKM", "IKM recap"),
    "admin.exports.recap_hint": (
        "Rekap bulanan: NRR per unsur, IKM, mutu dan kinerja, profil responden, saran.",
        "The monthly recap: NRR per element, IKM, grade, respondents' profile, suggestions.",
    ),
    "admin.exports.tickets": ("Ekspor tiket", "Tickets export"),
    "admin.exports.tickets_hint": (
        "Semua tiket pada periode dengan waktu-waktunya (dibaca per halaman).",
        "Every ticket of the period with its times (read a page at a time).",
    ),
    "admin.exports.day": ("Tanggal", "Date"),
    "admin.exports.format": ("Format", "Format"),
    "admin.exports.save": ("Simpan ke berkas...", "Save to a file..."),
    "admin.exports.cancel": ("Batalkan", "Cancel"),
    "admin.exports.idle": ("Belum ada ekspor berjalan.", "No export running."),
    "admin.exports.running": ("Menyiapkan {what}...", "Preparing the {what}..."),
    "admin.exports.progress": (
        "{what}: {done} dari {total} baris",
        "{what}: {done} of {total} rows",
    ),
    "admin.exports.written": ("Tersimpan: {path}", "Saved: {path}"),
    "admin.exports.cancelled": (
        "Ekspor dibatalkan; tidak ada berkas yang ditulis.",
        "The export was cancelled; no file was written.",
    ),
    "admin.exports.failed": ("Ekspor gagal: {message}", "The export failed: {message}"),
    "admin.exports.busy": (
        "Tunggu ekspor yang sedang berjalan selesai.",
        "Wait for the export under way to finish.",
    ),
    "admin.exports.dialog": ("Simpan {what}", "Save the {what}"),
    "admin.exports.replace_title": ("Berkas sudah ada", "The file exists"),
    "admin.exports.replace_question": (
        "{path} sudah ada. Timpa dengan ekspor ini?",
        "{path} already exists. Replace it with this export?",
    ),
    "admin.exports.replace_yes": ("Timpa", "Replace"),
    "admin.exports.replace_no": ("Jangan timpa", "Keep the old file"),
    "admin.exports.kept": (
        "Tidak disimpan: {path} tetap seperti semula.",
        "Not saved: {path} is kept as it was.",
    ),
    "admin.exports.refused.own": (
        "{path} adalah berkas milik kantor (basis data, cadangan, atau konfigurasi); "
        "pilih berkas lain.",
        "{path} is one of the office's own files (database, backup or configuration); "
        "choose another file.",
    ),
    "admin.exports.refused.database": (
        "{path} adalah berkas basis data; pilih berkas lain.",
        "{path} is a database file; choose another file.",
    ),
    "admin.exports.refused.folder": (
        "{path} adalah folder; tulis nama berkas di dalamnya.",
        "{path} is a folder; name a file in it.",
    ),
    "admin.exports.refused.exists": (
        "{path} muncul saat ekspor disiapkan dan tidak ditimpa; simpan lagi.",
        "{path} appeared while the export was made and was not replaced; save again.",
    ),
    # audit
    "admin.audit.action": ("Tindakan", "Action"),
    "admin.audit.actor": ("Pelaku", "By"),
    "admin.audit.actor_placeholder": ("nama pengguna", "user name"),
    "admin.audit.col.at": ("Waktu", "Time"),
    "admin.audit.col.action": ("Tindakan", "Action"),
    "admin.audit.col.actor": ("Pelaku", "By"),
    "admin.audit.col.ticket": ("Tiket", "Ticket"),
    "admin.audit.col.counter": ("Loket", "Counter"),
    "admin.audit.col.reason": ("Alasan", "Reason"),
    "admin.audit.col.detail": ("Rincian", "Detail"),
    "admin.audit.shown": ("{n} catatan ditampilkan", "{n} entries shown"),
    "admin.action.call_out_of_order": ("Panggil di luar urutan", "Called out of order"),
    "admin.action.sign_in": ("Masuk", "Signed in"),
    "admin.action.sign_in_refused": ("Gagal masuk", "Sign-in refused"),
    "admin.action.sign_out": ("Keluar", "Signed out"),
    "admin.action.account_locked": ("Akun terkunci sementara", "Account locked for a while"),
    "admin.action.account_unlocked": ("Kunci akun dibuka", "Account unlocked"),
    "admin.action.logo_changed": ("Logo diubah", "Logo changed"),
    "admin.action.settings_changed": ("Pengaturan diubah", "Settings changed"),
    "admin.action.counter_paused": ("Loket istirahat", "Counter paused"),
    "admin.action.counter_resumed": ("Loket kembali", "Counter resumed"),
    "admin.action.reprint_requested": ("Cetak ulang slip", "Slip reprint asked"),
    "admin.action.staff_added": ("Akun ditambahkan", "Account added"),
    "admin.action.staff_disabled": ("Akun dinonaktifkan", "Account disabled"),
    "admin.action.staff_enabled": ("Akun diaktifkan", "Account enabled"),
    "admin.action.staff_pin_reset": ("PIN diganti", "PIN reset"),
    "admin.action.printer_test_requested": ("Uji cetak diminta", "Test print asked"),
    "admin.action.exit_pin_set": ("PIN keluar anjungan diatur", "Kiosk exit PIN set"),
    "admin.action.kiosk_exit": ("Anjungan ditutup dengan PIN", "Kiosk closed with the PIN"),
    "admin.action.exit_pin_locked": (
        "PIN keluar anjungan terkunci sementara",
        "Kiosk exit PIN locked for a while",
    ),
    "admin.action.appointments_imported": ("Daftar jadwal diimpor", "Appointment list imported"),
    "admin.action.appointment_added": ("Jadwal ditambahkan", "Appointment added"),
    "admin.action.appointment_cancelled": ("Jadwal dibatalkan", "Appointment cancelled"),
    "admin.audit.chain_holds": (
        "Rantai log audit utuh ({n} entri).",
        "The audit log's hash chain holds ({n} entries).",
    ),
    "admin.audit.chain_broken": (
        "Log audit TIDAK utuh mulai entri {entry}: entri itu atau yang sebelumnya telah "
        "diubah, dihapus, atau disisipkan di luar program.",
        "The audit log does NOT hold from entry {entry} on: that entry, or one before it, "
        "was changed, removed or inserted outside the program.",
    ),
    "admin.audit.chain_broken_nowhere": (
        "Log audit TIDAK utuh: entri terbaru telah dihapus atau kepala rantainya diubah.",
        "The audit log does NOT hold: its newest entries were removed or the chain's head "
        "was changed.",
    ),
    # backup
    "admin.backup.title": ("Cadangan basis data", "Database backup"),
    "admin.backup.postgres": (
        "Basis data ini berada di server PostgreSQL. Cadangkan di server dengan pg_dump "
        "(misalnya: pg_dump -Fc -f antrean.dump nama_basis_data), terjadwal setiap hari "
        "oleh petugas TI.",
        "This database lives on a PostgreSQL server. Back it up on the server with pg_dump "
        "(for example: pg_dump -Fc -f queue.dump database_name), scheduled daily by IT.",
    ),
    "admin.backup.folder": ("Folder cadangan", "Backup folder"),
    "admin.backup.keep": ("Disimpan", "Kept"),
    "admin.backup.keep_value": ("{n} cadangan terbaru", "the newest {n} backups"),
    "admin.backup.last": ("Cadangan terakhir", "Last backup"),
    "admin.backup.last_value": ("{when} · {name} · {size}", "{when} · {name} · {size}"),
    "admin.backup.last_none": ("Belum ada cadangan di folder ini.", "None in this folder yet."),
    "admin.backup.schedule": ("Jadwal", "Schedule"),
    "admin.backup.schedule_note": (
        "Setiap hari oleh penjadwal sistem komputer ini (Linux: kiosk-backup.timer; Windows: "
        "tugas Kiosk\\backup), juga saat jendela ini tertutup. Folder dan jumlah yang "
        "disimpan diatur di bagian [backup] berkas konfigurasi.",
        "Every day by this computer's own scheduler (Linux: kiosk-backup.timer; Windows: the "
        "task Kiosk\\backup), also while this window is closed. The folder and how many are "
        "kept are set in the [backup] section of the configuration file.",
    ),
    "admin.backup.now": ("Cadangkan sekarang", "Back up now"),
    "admin.backup.running": ("Mencadangkan...", "Backing up..."),
    "admin.backup.done": (
        "Cadangan dibuat: {path} ({size}); {removed} salinan lama dihapus.",
        "Backup written: {path} ({size}); {removed} older copies removed.",
    ),
    "admin.backup.failed": ("Cadangan gagal: {message}", "The backup failed: {message}"),
    "admin.backup.list": ("Cadangan di folder ini ({n})", "Backups in this folder ({n})"),
}

add_texts(TEXTS)

SURVEY_PRESETS = ("this_month", "last_month", "today", "this_year", "custom")


def error_text(error: Exception, lang: str) -> str:
    """A refusal in the window's language; other KioskErrors keep the core's own message
    (it names the key and what was expected)."""
    if isinstance(error, AccountLocked):
        return locked_text(error.minutes, SIGN_IN_ATTEMPTS, lang)
    if isinstance(error, SignInRefused):
        return tr("admin.signin.refused", lang)
    if isinstance(error, NotAllowed):
        return tr("admin.error.not_allowed", lang, username=error.username)
    if isinstance(error, NotSignedIn):
        return tr("admin.error.not_signed_in", lang)
    if isinstance(error, KioskError):
        return tr("admin.error.other", lang, message=str(error))
    return tr("admin.error.database", lang)


def number(value: float | None, lang: str, places: int = 2) -> str:
    """ "88,31" in Indonesian, "88.31" in English; "–" for nothing."""
    if value is None:
        return tr("admin.none", lang)
    return decimal_text(value, lang, places)


def count(value: int, lang: str) -> str:
    """ "1.234" in Indonesian, "1,234" in English."""
    return number(value, lang, 0)


def minutes(seconds: float | None, lang: str) -> str:
    """A duration in minutes with one decimal: "4,5 mnt"; "–" for nothing."""
    if seconds is None:
        return tr("admin.none", lang)
    return tr("admin.minutes", lang, m=number(seconds / 60.0, lang, 1))


def local_time(
    moment: dt.datetime | None, tz: ZoneInfo, lang: str, *, seconds: bool = False
) -> str:
    """A UTC moment as the office's clock shows it: 13.05 (id), 13:05 (en)."""
    if moment is None:
        return tr("admin.none", lang)
    local = moment.astimezone(tz)
    sep = ":" if lang == "en" else "."
    text = f"{local:%H}{sep}{local:%M}"
    return f"{text}{sep}{local:%S}" if seconds else text


def local_datetime(moment: dt.datetime | None, tz: ZoneInfo, lang: str) -> str:
    if moment is None:
        return tr("admin.none", lang)
    local = moment.astimezone(tz)
    return f"{local:%Y-%m-%d} {local_time(moment, tz, lang, seconds=True)}"


def status_word(status: str, lang: str) -> str:
    """A ticket's state as the tables and filters label it (kiosk.domain.status_words)."""
    return status_label(status, lang)


def action_word(action: str, lang: str) -> str:
    key = f"admin.action.{action}"
    return tr(key, lang) if _known(key) else action


def event_word(kind: str, lang: str) -> str:
    key = f"admin.event.{kind}"
    return tr(key, lang) if _known(key) else kind


def printer_word(state: str, lang: str) -> str:
    key = f"admin.printer.{state}"
    return tr(key, lang) if _known(key) else state


def role_word(role: str, lang: str) -> str:
    key = f"admin.role.{role}"
    return tr(key, lang) if _known(key) else role


def grade_word(grade: str | None, label: str | None, lang: str) -> str:
    if grade is None:
        return tr("admin.none", lang)
    key = f"admin.grade.{grade}"
    return tr(key, lang) if _known(key) else (label or grade)


def size_text(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        return f"{number(size / 1024 / 1024, lang, 1)} MB"
    return f"{number(size / 1024, lang, 0)} KB"


def _known(key: str) -> bool:
    from kiosk.ui.common.i18n import CATALOG

    return key in CATALOG
