"""What the display board says when it calls a ticket, in words a voice can read.

"Nomor antrean A seratus dua belas, silakan menuju loket tiga." Numbers are spelled out
here rather than left to the voice: text-to-speech engines read "A-112" as a date, a
subtraction or "a one one two", and some have no Indonesian number rules at all.
"""

from __future__ import annotations

from kiosk.domain.numbering import parse_ticket_code

_ID_UNITS = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
)  # fmt: skip
_EN_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

DEFAULT_TEMPLATES = {
    "id": "Nomor antrean {letter} {number}, silakan menuju {counter}.",
    "en": "Queue number {letter} {number}, please go to {counter}.",
}


def words_id(n: int) -> str:
    """Indonesian number words: sebelas, seratus, seribu use the se- forms."""
    if n < 0:
        raise ValueError("no negative ticket numbers")
    if n < 10:
        return _ID_UNITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ID_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ID_UNITS[tens]} puluh" + (f" {_ID_UNITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_ID_UNITS[hundreds]} ratus"
        return head + (f" {words_id(rest)}" if rest else "")
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = "seribu" if thousands == 1 else f"{words_id(thousands)} ribu"
        return head + (f" {words_id(rest)}" if rest else "")
    millions, rest = divmod(n, 1_000_000)
    return f"{words_id(millions)} juta" + (f" {words_id(rest)}" if rest else "")


def words_en(n: int) -> str:
    if n < 0:
        raise ValueError("no negative ticket numbers")
    if n < 20:
        return _EN_UNITS[n]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_EN_UNITS[hundreds]} hundred" + (f" {words_en(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{words_en(thousands)} thousand" + (f" {words_en(rest)}" if rest else "")


def number_words(n: int, lang: str) -> str:
    return words_id(n) if lang == "id" else words_en(n)


#: The office's word for a counter in its names ("Loket 3"), and how English says it.
COUNTER_WORD_ID, COUNTER_WORD_EN = "loket", "counter"


def call_text(
    ticket_code: str,
    counter_name: str,
    lang: str = "id",
    template: str | None = None,
) -> str:
    """The sentence announcing ``ticket_code`` at ``counter_name`` ("Loket 3").

    A counter name that ends in a number has the number spelled out too ("loket tiga").
    """
    parsed = parse_ticket_code(ticket_code)
    if parsed is None:
        raise ValueError(f"not a ticket code: {ticket_code!r}")
    letter, number = parsed
    words = counter_name.strip().split()
    if lang == "en" and words and words[0].lower() == COUNTER_WORD_ID:
        words[0] = COUNTER_WORD_EN  # "counter one", not "Loket one"
    if words and words[-1].isdecimal():
        words[-1] = number_words(int(words[-1]), lang)
    counter = " ".join(words).lower() if lang == "id" else " ".join(words)
    return (template or DEFAULT_TEMPLATES.get(lang, DEFAULT_TEMPLATES["id"])).format(
        letter=letter, number=number_words(number, lang), counter=counter
    )
