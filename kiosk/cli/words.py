"""What the command line prints for people, in the run's language (``--lang``, KIOSK_LANG,
else Indonesian): one catalogue, so a run never mixes "menunggu" with "23 ahead".

JSON output, help texts and error messages are not here: JSON is for programs, and help and
errors stay in English like the options they name.
"""

from __future__ import annotations

import os

from kiosk.domain.dates import LANGUAGES

#: The languages a run may print in, the default first.
LANGS = LANGUAGES

#: Chooses the language when ``--lang`` is not given.
ENV_LANG = "KIOSK_LANG"

WORDS: dict[str, tuple[str, str]] = {
    "minutes": ("{n} mnt", "{n} min"),
    "ticket.service": ("layanan {code}", "service {code}"),
    "ticket.priority": ("prioritas {code}", "priority {code}"),
    "ticket.counter": ("-> loket {n}", "-> counter {n}"),
    "ticket.recalled": ("dipanggil ulang {n}x", "recalled {n}x"),
    "ticket.from": ("(dari layanan {code})", "(from service {code})"),
    "ticket.ahead": ("{n} di depan, sekitar {wait}", "{n} ahead, about {wait}"),
    "queue.head.service": ("layanan", "service"),
    "queue.head.waiting": ("menunggu", "waiting"),
    "queue.head.priority": ("prio", "prio"),
    "queue.head.issued": ("diambil", "issued"),
    "queue.head.wait": ("perk. tunggu", "est. wait"),
    "queue.head.state": ("keadaan", "state"),
    "queue.state.open": ("buka", "open"),
    "queue.state.inactive": ("nonaktif", "inactive"),
    "queue.state.closed": ("tutup", "closed"),
    "queue.state.quota": ("kuota habis", "quota used up"),
    "queue.issued_means": (
        "tiket yang diambil di layanan itu di anjungan; tiket yang dialihkan tetap dihitung "
        "di sana (nomornya tetap), sedangkan menunggu menghitungnya di layanan tempat ia "
        "sekarang",
        "tickets taken in the service at the kiosk; a transferred ticket still counts there "
        "(it keeps its number), while waiting counts it where it is now",
    ),
    "queue.head.counter": ("loket", "counter"),
    "queue.head.services": ("layanan", "services"),
    "queue.head.now": ("sekarang", "now"),
    "queue.head.served": ("dilayani", "served"),
    "queue.paused": ("istirahat", "paused"),
    "call.nobody": ("tidak ada yang menunggu untuk loket {n}", "nobody is waiting for counter {n}"),
    "calls.none": ("belum ada panggilan hari ini", "no calls yet today"),
    "calls.recall": (" (panggilan ulang {n})", " (recall {n})"),
    "counter.break": ("istirahat (tidak dihitung buka)", "on a break (not counted as open)"),
    "counter.open": ("buka", "open"),
    "counter.on_break": (" (istirahat)", " (on a break)"),
    "counter.serves": ("{name}{state}: melayani {services}", "{name}{state}: serves {services}"),
    "counter.now": ("  sekarang: {ticket}", "  now:     {ticket}"),
    "counter.today": ("  hari ini: {n} dilayani", "  today:   {n} served"),
    "counter.average": (", rata-rata {m} mnt", ", {m} min on average"),
    "counter.waiting": ("  menunggu: {n}", "  waiting: {n}"),
    "counter.more": ("           ... dan {n} lagi", "           ... and {n} more"),
    "counter.reprint": ("  slip dicetak ulang: {codes}", "  slips to reprint: {codes}"),
    "appt.cancelled": ("dibatalkan", "cancelled"),
    "appt.checked_in": ("sudah check-in: {ticket}", "checked in: {ticket}"),
    "appt.not_yet": ("belum", "not yet"),
    "appt.unverified": ("belum terverifikasi", "unverified"),
    "appt.none": ("tidak ada jadwal pada {day}", "no appointments on {day}"),
    "appt.import": (
        "{day}: ditambah {added}, diubah {updated}, tetap {unchanged}",
        "{day}: added {added}, updated {updated}, unchanged {unchanged}",
    ),
    "appt.import_dry": (
        "{day}: akan ditambah {added}, diubah {updated}, tetap {unchanged}",
        "{day}: would add {added}, update {updated}, unchanged {unchanged}",
    ),
    "appt.not_in_file": (
        "; {n} yang sudah terdaftar tidak ada di berkas (tetap disimpan)",
        "; {n} already listed are not in the file (kept)",
    ),
    "appt.cancel_done": (
        "jadwal {code} tanggal {day} dibatalkan",
        "appointment {code} of {day} cancelled",
    ),
    "appt.slot": ("jadwal {time}", "slot {time}"),
    "appt.again": (
        " (sudah check-in sebelumnya: tiket yang sama)",
        " (checked in before: the same ticket)",
    ),
    "counter.printer": ("  printer {source}: {state}", "  printer {source}: {state}"),
}


def run_lang(given: str | None) -> str:
    """The run's language: ``--lang``, else KIOSK_LANG when it names one, else Indonesian."""
    if given in LANGS:
        return given
    env = os.environ.get(ENV_LANG, "").strip().lower()
    return env if env in LANGS else LANGS[0]


def say(key: str, lang: str, **values: object) -> str:
    id_text, en_text = WORDS[key]
    return (en_text if lang == "en" else id_text).format(**values)
