"""A ticket's state in words, in Indonesian and English: the one catalogue the command line,
the counter window and the admin window read, so a ticket being served is "sedang dilayani"
everywhere.

The words are for running text ("A-001 berstatus tidak hadir"); a label (a table cell, the
ticket panel) starts with a capital: :func:`status_label`.
"""

from __future__ import annotations

from kiosk.domain.model import TicketStatus

#: TicketStatus -> (Bahasa Indonesia, English), in running text.
STATUS_WORDS: dict[TicketStatus, tuple[str, str]] = {
    TicketStatus.WAITING: ("menunggu", "waiting"),
    TicketStatus.CALLED: ("dipanggil", "called"),
    TicketStatus.SERVING: ("sedang dilayani", "being served"),
    TicketStatus.DONE: ("selesai", "done"),
    TicketStatus.NO_SHOW: ("tidak hadir", "no-show"),
    TicketStatus.CANCELLED: ("dibatalkan", "cancelled"),
    TicketStatus.TRANSFERRED: ("dialihkan", "transferred"),
}


def status_word(status: TicketStatus | str, lang: str) -> str:
    """The state in running text. ``status`` as stored ("no_show") or as an error message
    writes it ("no-show"); a state this catalogue does not know is given back as it came."""
    try:
        known = TicketStatus(str(status).replace("-", "_"))
    except ValueError:
        return str(status)
    id_word, en_word = STATUS_WORDS[known]
    return en_word if lang == "en" else id_word


def status_label(status: TicketStatus | str, lang: str) -> str:
    """The state as a label: "Sedang dilayani", "No-show"."""
    word = status_word(status, lang)
    return word[:1].upper() + word[1:]
