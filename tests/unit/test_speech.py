"""Number words for announcements, against a table written from the language's rules."""

from __future__ import annotations

import pytest

from kiosk.domain.speech import call_text, words_en, words_id

# Indonesian: 11 is "sebelas", 100 "seratus", 1000 "seribu" (se- = one); teens are
# "<unit> belas", tens "<unit> puluh", hundreds "<unit> ratus", thousands "<unit> ribu".
ID_TABLE = {
    0: "nol",
    1: "satu",
    4: "empat",
    7: "tujuh",
    8: "delapan",
    9: "sembilan",
    10: "sepuluh",
    11: "sebelas",
    12: "dua belas",
    15: "lima belas",
    19: "sembilan belas",
    20: "dua puluh",
    21: "dua puluh satu",
    37: "tiga puluh tujuh",
    99: "sembilan puluh sembilan",
    100: "seratus",
    101: "seratus satu",
    110: "seratus sepuluh",
    111: "seratus sebelas",
    112: "seratus dua belas",
    120: "seratus dua puluh",
    199: "seratus sembilan puluh sembilan",
    200: "dua ratus",
    305: "tiga ratus lima",
    418: "empat ratus delapan belas",
    999: "sembilan ratus sembilan puluh sembilan",
    1000: "seribu",
    1001: "seribu satu",
    1011: "seribu sebelas",
    1100: "seribu seratus",
    2000: "dua ribu",
    2024: "dua ribu dua puluh empat",
    11000: "sebelas ribu",
    100000: "seratus ribu",
    1000000: "satu juta",
}


@pytest.mark.parametrize(("n", "words"), sorted(ID_TABLE.items()))
def test_indonesian_table(n: int, words: str) -> None:
    assert words_id(n) == words


def test_indonesian_0_to_999_follow_the_rules() -> None:
    units = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    for n in range(1000):
        h, rest = divmod(n, 100)
        t, u = divmod(rest, 10)
        parts = []
        if h:
            parts.append("seratus" if h == 1 else f"{units[h]} ratus")
        if rest == 10:
            parts.append("sepuluh")
        elif rest == 11:
            parts.append("sebelas")
        elif 12 <= rest <= 19:
            parts.append(f"{units[u]} belas")
        elif t >= 2:
            parts.append(f"{units[t]} puluh" + (f" {units[u]}" if u else ""))
        elif rest or not h:
            parts.append(units[rest])
        assert words_id(n) == " ".join(parts), n
        assert "satu ratus" not in words_id(n)
        assert "satu belas" not in words_id(n)


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (12, "twelve"), (21, "twenty-one"), (100, "one hundred"),
     (112, "one hundred twelve"), (999, "nine hundred ninety-nine"), (1000, "one thousand")],
)  # fmt: skip
def test_english(n: int, words: str) -> None:
    assert words_en(n) == words


def test_call_text_reads_as_the_office_says_it() -> None:
    assert (
        call_text("A-112", "Loket 3")
        == "Nomor antrean A seratus dua belas, silakan menuju loket tiga."
    )
    assert (
        call_text("B-007", "Loket 11", lang="en")
        == "Queue number B seven, please go to counter eleven."
    )
    assert call_text("P-001", "Loket Prioritas") == (
        "Nomor antrean P satu, silakan menuju loket prioritas."
    )
    custom = "{letter} {number} ke {counter}"
    assert call_text("C-020", "Loket 4", template=custom) == "C dua puluh ke loket empat"
    with pytest.raises(ValueError, match="ticket code"):
        call_text("hello", "Loket 1")
