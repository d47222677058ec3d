"""The counter window's words, in Bahasa Indonesia and English, and how results and
refusals are put into them (no Qt).

Added to the shared catalogue (``kiosk.ui.common.i18n``) on import, so the test that both
languages have the same keys and placeholders covers these too. The officer's own words:
loket, antrean, nomor antrean, layanan, petugas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kiosk.config.settings import Settings
from kiosk.domain.dates import time_of_day
from kiosk.domain.errors import (
    AccountLocked,
    IllegalTransition,
    InvalidToken,
    KioskError,
    NoSuchTicket,
    NothingToReprint,
    ReasonRequired,
    SameService,
    SignInRefused,
    UnknownCounter,
)
from kiosk.domain.model import Service, Ticket, TicketStatus
from kiosk.domain.staff import SIGN_IN_ATTEMPTS
from kiosk.domain.status_words import status_word
from kiosk.ui.common.i18n import add_texts, locked_text, tr

TEXTS: dict[str, tuple[str, str]] = {
    "counter.title": ("Loket petugas · {office}", "Counter · {office}"),
    "counter.unavailable": (
        "Basis data antrean tidak dapat dihubungi. Mencoba tersambung kembali...",
        "The queue database cannot be reached. Trying to reconnect...",
    ),
    # sign-in
    "counter.signin.title": ("Masuk petugas loket", "Counter sign-in"),
    "counter.signin.subtitle": (
        "Masuk dengan akun petugas Anda, lalu pilih loket tempat Anda bertugas.",
        "Sign in with your staff account and choose the counter you work at.",
    ),
    "counter.signin.username": ("Nama pengguna", "User name"),
    "counter.signin.pin": ("PIN atau kata sandi", "PIN or password"),
    "counter.signin.counter": ("Loket", "Counter"),
    "counter.signin.loading": ("Memuat daftar loket...", "Loading the counters..."),
    "counter.signin.no_counters": (
        "Belum ada loket dalam konfigurasi kantor.",
        "No counters are configured for this office.",
    ),
    "counter.signin.submit": ("Masuk", "Sign in"),
    "counter.signin.checking": ("Memeriksa...", "Checking..."),
    "counter.signin.missing": (
        "Isi nama pengguna dan PIN, lalu pilih loket.",
        "Enter your user name and PIN, and choose a counter.",
    ),
    "counter.signin.refused": (
        "Gagal masuk: nama pengguna atau PIN salah, atau akun dinonaktifkan.",
        "Sign-in refused: wrong user name or PIN, or the account is disabled.",
    ),
    "counter.option": ("{name} · layanan {services}", "{name} · services {services}"),
    # the desk's head
    "counter.desk.officer": ("{name} · {role}", "{name} · {role}"),
    "counter.desk.services": ("Layanan {services}", "Services {services}"),
    "counter.desk.sign_out": ("Keluar", "Sign out"),
    "counter.role.officer": ("petugas", "officer"),
    "counter.role.supervisor": ("supervisor", "supervisor"),
    "counter.role.admin": ("admin", "admin"),
    "counter.paused.title": ("ISTIRAHAT", "ON A BREAK"),
    "counter.paused.detail": (
        "Loket ini tidak dihitung buka dalam perkiraan waktu tunggu. "
        "Panggil berikutnya juga melanjutkan.",
        "This counter is not counted as open in wait estimates. Call next also resumes.",
    ),
    # the current ticket
    "counter.ticket.none": ("Tidak ada nomor antrean di loket", "No ticket at the counter"),
    "counter.ticket.last_done": (
        "Terakhir dilayani: {code} (selesai {t})",
        "Last served: {code} (done {t})",
    ),
    "counter.ticket.last_no_show": (
        "Terakhir dipanggil: {code} (tidak hadir {t})",
        "Last called: {code} (no-show {t})",
    ),
    "counter.ticket.last_cancelled": (
        "Terakhir dipanggil: {code} (dibatalkan {t})",
        "Last called: {code} (cancelled {t})",
    ),
    "counter.ticket.none_hint": (
        "Tekan F1 untuk memanggil nomor antrean berikutnya.",
        "Press F1 to call the next ticket.",
    ),
    "counter.ticket.regular": ("Reguler", "Regular"),
    "counter.ticket.priority": ("Prioritas: {name}", "Priority: {name}"),
    "counter.ticket.from": ("dialihkan dari {name}", "transferred from {name}"),
    "counter.ticket.waited": ("Menunggu {t}", "Waited {t}"),
    "counter.ticket.since_called": ("dipanggil {t} lalu", "called {t} ago"),
    "counter.ticket.since_started": ("dilayani {t}", "served for {t}"),
    "counter.ticket.recalls": ("Panggil ulang {n} / {limit}", "Recalls {n} / {limit}"),
    # actions
    "counter.action.call_next": ("Panggil berikutnya", "Call next"),
    "counter.action.recall": ("Panggil ulang", "Recall"),
    "counter.action.start": ("Mulai melayani", "Start"),
    "counter.action.finish": ("Selesai", "Finish"),
    "counter.action.no_show": ("Tidak hadir", "No-show"),
    "counter.action.transfer": ("Alihkan", "Transfer"),
    "counter.action.call_specific": ("Panggil nomor tertentu", "Call a specific ticket"),
    "counter.action.pause": ("Istirahat", "Pause"),
    "counter.action.resume": ("Lanjutkan", "Resume"),
    "counter.action.reprint": ("Cetak ulang", "Reprint"),
    # results
    "counter.done.called": ("{code} dipanggil ke {counter}.", "{code} called to {counter}."),
    "counter.done.nobody": (
        "Tidak ada antrean untuk loket ini.",
        "Nobody is waiting for this counter.",
    ),
    "counter.done.recalled": (
        "{code} dipanggil ulang ({n} / {limit}).",
        "{code} recalled ({n} / {limit}).",
    ),
    "counter.done.recall_no_show": (
        "{code} dicatat tidak hadir setelah {n} kali panggil ulang.",
        "{code} marked no-show after {n} recalls.",
    ),
    "counter.done.started": ("{code} mulai dilayani.", "Serving {code}."),
    "counter.done.finished": ("{code} selesai dilayani.", "{code} finished."),
    "counter.done.no_show": ("{code} dicatat tidak hadir.", "{code} marked no-show."),
    "counter.done.transferred": (
        "{code} dialihkan ke layanan {service}.",
        "{code} transferred to {service}.",
    ),
    "counter.done.called_specific": (
        "{code} dipanggil di luar urutan (tercatat di log audit).",
        "{code} called out of order (written to the audit log).",
    ),
    "counter.done.paused": (
        "Loket istirahat. Tekan F8 untuk melanjutkan.",
        "The counter is on a break. Press F8 to resume.",
    ),
    "counter.done.resumed": ("Loket dibuka kembali.", "The counter is open again."),
    "counter.done.reprint": (
        "Permintaan cetak ulang slip {code} dikirim ke anjungan.",
        "Reprint of {code}'s slip sent to the kiosk.",
    ),
    # refusals
    "counter.error.no_such_ticket": (
        "Nomor antrean {ref} tidak ditemukan hari ini.",
        "Ticket {ref} was not found today.",
    ),
    "counter.error.illegal": (
        "{code} berstatus {status}; tindakan ini tidak dapat dilakukan.",
        "{code} is {status}; this cannot be done.",
    ),
    "counter.error.reason": (
        "Alasan wajib diisi untuk memanggil di luar urutan.",
        "A reason is required to call a ticket out of order.",
    ),
    "counter.error.same_service": (
        "{code} sudah berada di layanan itu.",
        "{code} is already in that service.",
    ),
    "counter.error.nothing_to_reprint": (
        "Slip {code} tidak perlu dicetak ulang (hanya slip yang gagal).",
        "{code}'s slip needs no reprint (only a failed slip can be reprinted).",
    ),
    "counter.error.invalid_token": (
        "Kode QR slip tidak dapat diverifikasi.",
        "The slip's QR code could not be verified.",
    ),
    "counter.error.unknown_counter": ("Loket {n} tidak dikenal.", "Unknown counter {n}."),
    "counter.error.other": ("Ditolak: {message}", "Refused: {message}"),
    "counter.error.database": (
        "Basis data tidak dapat dihubungi; tidak ada yang diubah. Coba lagi.",
        "The database cannot be reached; nothing was changed. Try again.",
    ),
    # the waiting list
    "counter.list.title": ("Antrean loket ini", "Queue for this counter"),
    "counter.list.count": ("{n} menunggu", "{n} waiting"),
    "counter.list.shown": ("{shown} dari {n} menunggu", "{shown} of {n} waiting"),
    "counter.list.empty": ("Tidak ada antrean", "Nobody waiting"),
    "counter.list.order": ("Urutan", "Order"),
    "counter.list.next": ("Berikutnya", "Next"),
    "counter.list.next_tip": (
        "F1 memanggil {code} berikutnya.",
        "F1 calls {code} next.",
    ),
    "counter.list.code": ("Nomor", "Number"),
    "counter.list.service": ("Layanan", "Service"),
    "counter.list.waited": ("Menunggu", "Waiting"),
    "counter.list.transferred": ("{name} (dialihkan)", "{name} (transferred)"),
    # the day
    "counter.stats.served": ("Dilayani hari ini", "Served today"),
    "counter.stats.average": ("Rata-rata layanan", "Average service"),
    "counter.stats.waiting": ("Menunggu", "Waiting"),
    "counter.stats.none": ("–", "–"),
    # printers and slips
    "counter.alerts.title": ("Printer anjungan", "Kiosk printers"),
    "counter.alerts.none": ("Semua printer anjungan normal.", "All kiosk printers are fine."),
    "counter.alerts.line": ("{source}: {what} (sejak {t})", "{source}: {what} (since {t})"),
    "counter.alert.paper_near_end": ("kertas hampir habis", "paper near end"),
    "counter.alert.paper_out": ("kertas habis", "paper out"),
    "counter.alert.cover_open": ("penutup terbuka", "cover open"),
    "counter.alert.offline": ("printer tidak tersambung", "printer offline"),
    "counter.alert.no_answer": ("printer tidak menjawab", "printer not answering"),
    "counter.alert.other": ("masalah printer ({state})", "printer problem ({state})"),
    "counter.slips.title": ("Slip gagal dicetak", "Slips not printed"),
    "counter.slips.line": ("{code} · {service}", "{code} · {service}"),
    # dialogs
    "counter.dialog.cancel": ("Batal", "Cancel"),
    "counter.transfer.title": ("Alihkan nomor antrean", "Transfer a ticket"),
    "counter.transfer.subtitle": (
        "Alihkan {code} ke layanan lain. Nomor tetap, urutan tetap menurut waktu ambil.",
        "Move {code} to another service. It keeps its number and its place by issue time.",
    ),
    "counter.transfer.submit": ("Alihkan", "Transfer"),
    "counter.call.title": ("Panggil nomor tertentu", "Call a specific ticket"),
    "counter.call.subtitle": (
        "Memanggil di luar urutan tercatat di log audit beserta alasannya dan nama Anda.",
        "Calling out of order is written to the audit log with the reason and your name.",
    ),
    "counter.call.code": ("Nomor antrean (atau pindai QR slip)", "Ticket number (or scan the QR)"),
    "counter.call.code_placeholder": ("Contoh: A-012", "For example: A-012"),
    "counter.call.reason": ("Alasan (wajib)", "Reason (required)"),
    "counter.call.reason_placeholder": (
        "Contoh: pemohon kembali membawa dokumen susulan",
        "For example: applicant returned with the missing document",
    ),
    "counter.call.submit": ("Panggil", "Call"),
    "counter.call.code_missing": ("Isi nomor antrean.", "Enter a ticket number."),
}

add_texts(TEXTS)

#: Printer states the kiosk reports (kiosk.printing.status.PrinterState values).
_ALERT_STATES = ("paper_near_end", "paper_out", "cover_open", "offline", "no_answer")


def alert_word(state: str, lang: str) -> str:
    if state in _ALERT_STATES:
        return tr(f"counter.alert.{state}", lang)
    return tr("counter.alert.other", lang, state=state)


def role_word(role: str, lang: str) -> str:
    key = f"counter.role.{role}"
    return tr(key, lang) if key in TEXTS else role


def error_text(error: Exception, lang: str, *, ticket_code: str = "") -> str:
    """A refusal in the window's language; an error this window does not know by name
    falls back to the core's own (English) message. ``ticket_code``: the ticket acted on,
    for errors that do not carry it."""
    if isinstance(error, AccountLocked):
        return locked_text(error.minutes, SIGN_IN_ATTEMPTS, lang)
    if isinstance(error, SignInRefused):
        return tr("counter.signin.refused", lang)
    if isinstance(error, NoSuchTicket):
        return tr("counter.error.no_such_ticket", lang, ref=error.ref)
    if isinstance(error, IllegalTransition):
        return tr(
            "counter.error.illegal", lang, code=error.code, status=status_word(error.status, lang)
        )
    if isinstance(error, ReasonRequired):
        return tr("counter.error.reason", lang)
    if isinstance(error, SameService):
        return tr("counter.error.same_service", lang, code=ticket_code)
    if isinstance(error, NothingToReprint):
        return tr("counter.error.nothing_to_reprint", lang, code=error.code)
    if isinstance(error, InvalidToken):
        return tr("counter.error.invalid_token", lang)
    if isinstance(error, UnknownCounter):
        return tr("counter.error.unknown_counter", lang, n=error.number)
    if isinstance(error, KioskError):
        return tr("counter.error.other", lang, message=str(error))
    return tr("counter.error.database", lang)


#: How the ticket a counter closed last is worded, by its final status.
_LAST_CLOSED = {
    TicketStatus.DONE: "counter.ticket.last_done",
    TicketStatus.NO_SHOW: "counter.ticket.last_no_show",
    TicketStatus.CANCELLED: "counter.ticket.last_cancelled",
}


def last_closed_text(ticket: Ticket, timezone: ZoneInfo, lang: str) -> str:
    """ "Terakhir dilayani: A-012 (selesai 09.41)"; "" for a ticket not closed."""
    key = _LAST_CLOSED.get(ticket.status)
    if key is None or ticket.finished_at is None:
        return ""
    at = time_of_day(ticket.finished_at.astimezone(timezone).time(), lang)
    return tr(key, lang, code=ticket.code, t=at)


def clock_text(seconds: float) -> str:
    """A running time as a clock shows it: "0:45", "12:03", "1:02:03"."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class Names:
    """Service and priority-category names by code, in both languages."""

    services: Mapping[str, tuple[str, str]]
    priorities: Mapping[str, tuple[str, str]]

    @classmethod
    def of(cls, settings: Settings, services: Iterable[Service] = ()) -> Names:
        """From the configuration, overridden by the services the database holds."""
        by_code = {s.code: (s.name_id, s.name_en) for s in settings.services}
        by_code.update({s.code: (s.name_id, s.name_en) for s in services})
        return cls(by_code, {p.code: (p.name_id, p.name_en) for p in settings.priority})

    def service(self, code: str, lang: str) -> str:
        pair = self.services.get(code)
        return code if pair is None else (pair[1] if lang == "en" else pair[0])

    def priority(self, code: str | None, lang: str) -> str:
        """The category's name; "" for a regular ticket."""
        if code is None:
            return ""
        pair = self.priorities.get(code)
        return code if pair is None else (pair[1] if lang == "en" else pair[0])
