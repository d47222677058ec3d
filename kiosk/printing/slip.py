"""What a slip says, laid out once as lines; encoded as ESC/POS or drawn as a preview."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from kiosk.domain.dates import day_month_year, time_of_day
from kiosk.domain.model import Ticket


class Size(IntEnum):
    """Character magnification (width = height), as GS ! gives it."""

    NORMAL = 1
    LARGE = 2
    HUGE = 4  # the ticket number; 8 overflows a 58 mm line for "A-123"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    size: Size = Size.NORMAL
    bold: bool = False
    align: str = "center"  # left | center | right


@dataclass(frozen=True, slots=True)
class Slip:
    office_name: str
    service_name: str
    ticket_code: str
    issued_local: dt.datetime  # office-local time, for the printed date
    people_ahead: int | None
    estimated_wait_minutes: int | None
    qr_payload: str
    footer: str = ""
    priority_label: str | None = None
    lang: str = "id"  # id | en
    #: An appointment's slot as written on the slip ("10.00"); None for a walk-in.
    appointment_time: str | None = None


@dataclass(frozen=True, slots=True)
class PaperWidth:
    mm: int
    chars: int  # Font A cells per line at normal size (the one statement of it)
    dots: int  # printable width in dots (203 dpi)

    def cells_for(self, size: Size) -> int:
        """Cells a line of ``size`` may fill: a magnified character takes ``size`` cells."""
        return self.chars // int(size)


PAPER = {58: PaperWidth(58, 32, 384), 80: PaperWidth(80, 48, 576)}

#: Under the QR code, on the slip and on the kiosk's confirmation screen (which reads it
#: from here). The code holds the survey's token, not a web address: a phone shows nonsense,
#: so the words send people to the kiosk's scanner, after they have been served.
QR_CAPTION = {
    "id": "Setelah dilayani, pindai kode QR slip ini di anjungan untuk mengisi survei",
    "en": "After being served, scan this slip's QR code at the kiosk to fill in the survey",
}

_WORDS = {
    "id": {
        "number": "NOMOR ANTREAN",
        "ahead": "Antrean di depan Anda: {n}",
        "wait": "Perkiraan waktu tunggu: {m} menit",
        "wait_none": "Perkiraan waktu tunggu: segera",
        "priority": "Prioritas: {p}",
        "appointment": "Jadwal: pukul {t}",
        "scan": QR_CAPTION["id"],
    },
    "en": {
        "number": "QUEUE NUMBER",
        "ahead": "People ahead of you: {n}",
        "wait": "Estimated wait: {m} min",
        "wait_none": "Estimated wait: soon",
        "priority": "Priority: {p}",
        "appointment": "Appointment: {t}",
        "scan": QR_CAPTION["en"],
    },
}


def format_date(moment: dt.datetime, lang: str) -> str:
    # The month from our own table in both languages: strftime's %b follows the process's
    # locale, which Qt sets from the PC's, so an English slip could read "24 Des 2026".
    # The time as each language writes it: 13.45 in Indonesian (EYD V), 13:45 in English.
    return f"{day_month_year(moment.date(), lang)}  {time_of_day(moment.time(), lang)}"


def cells(text: str) -> int:
    """Font A cells ``text`` takes at normal size: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(word: str, width: int) -> list[str]:
    """A word longer than the line, cut into pieces of at most ``width`` cells."""
    pieces, piece = [], ""
    for ch in word:
        if piece and cells(piece + ch) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return [*pieces, piece]


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap to ``width`` cells (see :func:`cells`); long words are cut, never lost."""
    out: list[str] = []
    for para in text.splitlines() or [""]:
        if cells(para) <= width:
            out.append(para)  # fits as written (spacing kept)
            continue
        line = ""
        for whole in para.split():
            for word in _cut(whole, width) if cells(whole) > width else [whole]:
                if not line:
                    line = word
                elif cells(line) + 1 + cells(word) <= width:
                    line += " " + word
                else:
                    out.append(line)
                    line = word
        out.append(line)
    return out


def fit(lines: list[Line], paper: PaperWidth) -> list[Line]:
    """Every line wrapped to the paper in its own size, so nothing runs past the edge."""
    return [
        Line(text, ln.size, ln.bold, ln.align)
        for ln in lines
        for text in wrap(ln.text, paper.cells_for(ln.size))
    ]


def layout(slip: Slip, paper: PaperWidth) -> tuple[list[Line], list[Line]]:
    """The lines above and below the QR code, each wrapped to ``paper``."""
    words = _WORDS.get(slip.lang, _WORDS["id"])
    top: list[Line] = []
    top.append(Line(slip.office_name, bold=True))
    top.append(Line(""))
    top.append(Line(slip.service_name, Size.LARGE, bold=True))
    top.append(Line(words["number"]))
    top.append(Line(slip.ticket_code, Size.HUGE, bold=True))
    if slip.priority_label:
        top.append(Line(words["priority"].format(p=slip.priority_label), bold=True))
    if slip.appointment_time:
        top.append(Line(words["appointment"].format(t=slip.appointment_time), bold=True))
    top.append(Line(format_date(slip.issued_local, slip.lang)))
    if slip.people_ahead is not None:
        top.append(Line(words["ahead"].format(n=slip.people_ahead)))
    if slip.estimated_wait_minutes is not None:
        top.append(
            Line(
                words["wait"].format(m=slip.estimated_wait_minutes)
                if slip.estimated_wait_minutes > 0
                else words["wait_none"]
            )
        )
    bottom = [Line(words["scan"])]
    if slip.footer:
        bottom.append(Line(slip.footer))
    return fit(top, paper), fit(bottom, paper)


def slip_for(
    ticket: Ticket,
    token: str,
    *,
    office_name: str,
    service_name: str,
    timezone: dt.tzinfo,
    footer: str = "",
    priority_label: str | None = None,
    lang: str = "id",
    appointment_time: str | None = None,
) -> Slip:
    """The slip for ``ticket`` in the applicant's language (the names already in it) and the
    office's local time; ``token`` is what the QR code carries."""
    wait = ticket.estimated_wait_seconds
    return Slip(
        office_name=office_name,
        service_name=service_name,
        ticket_code=ticket.code,
        issued_local=ticket.issued_at.astimezone(timezone).replace(tzinfo=None),
        people_ahead=ticket.people_ahead,
        estimated_wait_minutes=None if wait is None else round(wait / 60),
        qr_payload=token,
        footer=footer,
        priority_label=priority_label,
        lang=lang,
        appointment_time=appointment_time,
    )
