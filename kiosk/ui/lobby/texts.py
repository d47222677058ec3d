"""What a service tile and the confirmation say, from plain queue data (no Qt), and the
appointment check-in's words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.config.settings import Settings
from kiosk.domain.dates import time_of_day
from kiosk.domain.errors import KioskError, QuotaReached, ServiceClosed, ServiceInactive
from kiosk.domain.model import Service, ServiceQueue
from kiosk.ui.common.i18n import add_texts, duration, tr

#: The appointment check-in's words (EYD V; times 09.30). A refusal's own words are the
#: service's (an AppointmentError's ``words``), not repeated here.
CHECK_IN_TEXTS: dict[str, tuple[str, str]] = {
    "home.check_in": (
        "Sudah punya jadwal? Pindai kode QR",
        "Have an appointment? Scan the QR code",
    ),
    "check_in.title": ("Check-in jadwal kedatangan", "Appointment check-in"),
    "check_in.subtitle": (
        "Pindai kode QR bukti jadwal Anda, atau ketik nomor permohonan Anda",
        "Scan the QR code of your booking, or type your application number",
    ),
    "check_in.placeholder": ("Nomor permohonan", "Application number"),
    "check_in.ok": ("Check-in", "Check in"),
    "check_in.checking": ("Memeriksa jadwal Anda...", "Checking your appointment..."),
    "check_in.refused": (
        "Maaf, nomor antrean tidak dapat diambil saat ini. Silakan hubungi petugas.",
        "Sorry, a queue number cannot be taken now. Please ask an officer.",
    ),
    "check_in.again": (
        "Anda sudah check-in sebelumnya. Ini nomor antrean Anda; slip tidak dicetak lagi.",
        "You have already checked in. This is your queue number; no new slip is printed.",
    ),
}
add_texts(CHECK_IN_TEXTS)

#: Show "n numbers left" on a tile when the quota is this close to used up.
QUOTA_HINT_BELOW = 10


@dataclass(frozen=True, slots=True)
class TileText:
    code: str
    name: str
    available: bool
    waiting: str  # "12 menunggu" / "Tidak ada antrean"
    wait: str  # "sekitar 25 menit"; empty when nobody waits
    reason: str  # why it cannot be chosen; empty when available
    note: str  # "sisa kuota 4"; usually empty


def service_name(service: Service, lang: str) -> str:
    return service.name_en if lang == "en" else service.name_id


def closed_reason(service: Service, local_now: dt.datetime, lang: str) -> str:
    """Closed now: opens later today, already closed for today, or closed all day."""
    if service.hours is None:
        return tr("reason.closed_today", lang)
    today = service.hours.weekly[local_now.weekday()]
    later = [r.start for r in today if r.start > local_now.time()]
    if later:
        return tr("reason.closed_opens", lang, t=time_of_day(min(later), lang))
    if today:
        return tr("reason.closed_done", lang)
    return tr("reason.closed_today", lang)


def unavailable_reason(q: ServiceQueue, local_now: dt.datetime, lang: str) -> str:
    """Empty if the service can be chosen now, else the reason in words."""
    if not q.service.active:
        return tr("reason.inactive", lang)
    if not q.open_now:
        return closed_reason(q.service, local_now, lang)
    if q.quota_left == 0:
        return tr("reason.quota", lang)
    return ""


def refused_reason(
    error: KioskError, service: Service | None, local_now: dt.datetime, lang: str
) -> str:
    """The tile's reason after the office refused a ticket for it."""
    if isinstance(error, QuotaReached):
        return tr("reason.quota", lang)
    if isinstance(error, ServiceInactive):
        return tr("reason.inactive", lang)
    if isinstance(error, ServiceClosed) and service is not None:
        return closed_reason(service, local_now, lang)
    name = service_name(service, lang) if service else ""
    return tr("services.refused", lang, name=name)


def tile_text(q: ServiceQueue, local_now: dt.datetime, lang: str) -> TileText:
    reason = unavailable_reason(q, local_now, lang)
    if q.waiting:
        waiting = tr("services.waiting", lang, n=q.waiting)
        wait = (
            tr("services.wait", lang, t=duration(q.estimated_wait_seconds, lang))
            if q.estimated_wait_seconds > 0
            else tr("services.wait_soon", lang)
        )
    else:
        waiting, wait = tr("services.none_waiting", lang), ""
    note = ""
    if not reason and q.quota_left is not None and q.quota_left <= QUOTA_HINT_BELOW:
        note = tr("services.quota_left", lang, n=q.quota_left)
    return TileText(
        code=q.service.code,
        name=service_name(q.service, lang),
        available=not reason,
        waiting=waiting,
        wait=wait,
        reason=reason,
        note=note,
    )


def visible_queues(queues: tuple[ServiceQueue, ...], settings: Settings) -> list[ServiceQueue]:
    """The services this kiosk offers, in the configuration's order. Services only in the
    database (dropped from the file, kept for their history) are not shown."""
    by_code = {q.service.code: q for q in queues}
    return [by_code[s.code] for s in settings.services if s.code in by_code]


def priority_services(settings: Settings) -> list[str]:
    """Where the Prioritas button's tickets go: the services marked ``priority``, or any
    service when none is (the applicant then chooses, as at home)."""
    marked = [s.code for s in settings.services if s.priority]
    return marked or [s.code for s in settings.services]


def regular_services(settings: Settings) -> list[str]:
    """The home screen's tiles: every service but the priority ones, which the Prioritas
    button reaches (with no priority categories there is no such button: all of them)."""
    if not settings.priority:
        return [s.code for s in settings.services]
    return [s.code for s in settings.services if not s.priority]


def wait_text(seconds: int | None, lang: str) -> str:
    if seconds is None or seconds <= 0:
        return tr("confirm.wait_soon", lang)
    return tr("services.wait", lang, t=duration(seconds, lang))


def priority_name(settings: Settings, code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    for p in settings.priority:
        if p.code == code:
            return p.name_en if lang == "en" else p.name_id
    return code
