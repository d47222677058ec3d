"""Dates, times and numbers as people read them, in Indonesian and English: the one table of
month and day names and the one decimal writing, used by the windows, the slips, the command
line and the survey recap alike.

Indonesian writes the day before the month with no comma ("17 Agustus 2025") and the time
with a full stop ("13.30", EYD V); English here keeps the same day-month-year order.
"""

from __future__ import annotations

import datetime as dt

#: The languages people read, Indonesian first (the default).
LANGUAGES = ("id", "en")

MONTHS: dict[str, tuple[str, ...]] = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
#: Monday first, as ``date.weekday()`` counts.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _lang(lang: str) -> str:
    # Unknown languages read Indonesian, as the text catalogue does.
    return "en" if lang == "en" else "id"


def month_name(month: int, lang: str) -> str:
    """1 -> "Januari" / "January"."""
    return MONTHS[_lang(lang)][month - 1]


def day_month_year(day: dt.date, lang: str) -> str:
    """ "17 Agustus 2025" / "17 August 2025"."""
    return f"{day.day} {month_name(day.month, lang)} {day.year}"


def long_date(day: dt.date, lang: str) -> str:
    """ "Minggu, 17 Agustus 2025" / "Sunday, 17 August 2025"."""
    return f"{WEEKDAYS[_lang(lang)][day.weekday()]}, {day_month_year(day, lang)}"


def time_of_day(moment: dt.time | dt.datetime, lang: str, *, seconds: bool = False) -> str:
    """A time in running text: Indonesian writes 13.30 (EYD V), English 13:30."""
    sep = ":" if lang == "en" else "."
    shown = f"{moment:%H}{sep}{moment:%M}"
    return f"{shown}{sep}{moment:%S}" if seconds else shown


def decimal_text(value: float, lang: str, places: int = 2) -> str:
    """ "1.234,56" in Indonesian (decimal comma, thousands with a dot), "1,234.56" in English."""
    text = f"{value:,.{places}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
