"""What the suggestions of a period talk about most: words and two-word phrases, counted.

A year holds tens of thousands of suggestions, too many for paper. The printed recap shows
the most recent ones in full and, above them, the words and phrases most suggestions
contain. This is plain counting, on purpose: a supervisor can check it by searching the
XLSX, and it claims nothing it did not count (no sentiment, no model).

- A phrase counts once per suggestion that contains it (how many people said it, not how
  often one person repeated it).
- Function words, pronouns and polite formulas ("yang", "dan", "mohon", "terima kasih")
  are not counted; common chat spellings are read as the standard word ("yg", "antrian").
- "tidak", "kurang", "belum" are kept inside phrases ("kurang ramah" is a theme) but never
  listed alone, and a phrase does not end with one ("tunggu kurang" is not a theme).
- A word is left out when a listed phrase holds most of its uses ("ruang tunggu" rather
  than "ruang" and "tunggu").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

#: Themes the printed recap lists.
THEMES_LISTED = 10
#: A phrase said by fewer suggestions than this is not a theme.
MIN_SUGGESTIONS = 2
#: A word is left out when a listed phrase with it has at least this share of its uses.
_COVERED = 0.6

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Phrases never span these ("cepat. Petugas" is not "cepat petugas").
_CLAUSE = re.compile(r"[.,;:!?()\n]+")

#: Informal and old spellings, read as the standard (KBBI) word.
_SPELLING = {
    "antrian": "antrean",
    "antri": "antre",
    "mengantri": "mengantre",
    "ngantri": "mengantre",
    "tdk": "tidak",
    "gak": "tidak",
    "ga": "tidak",
    "nggak": "tidak",
    "enggak": "tidak",
    "blm": "belum",
    "krg": "kurang",
    "yg": "yang",
    "dgn": "dengan",
    "utk": "untuk",
    "sdh": "sudah",
    "udah": "sudah",
    "krn": "karena",
    "tlg": "tolong",
    "jg": "juga",
    "bgt": "banget",
    "pelayananya": "pelayanannya",
}

#: Kept inside a phrase, never a theme alone, never a phrase's last word.
_QUALIFIERS = frozenset({"tidak", "kurang", "belum", "tak", "tanpa", "perlu"})

_STOP_WORDS = """
    ada adalah agak agar akan aku anda apa apakah atas atau bagi bahwa banget banyak
    baru beberapa begitu berapa bisa boleh buat bukan dalam dan dapat dari demi
    dengan di dia dll dong hal hanya harap harus ini itu jadi jika juga kalau kami kamu
    kan karena kasih ke kembali kepada ketika kita lagi lah lain lebih maka masih mau
    melalui menjadi mereka mohon mungkin nya oleh pada para pun saat saja sampai sangat
    saya sebagai sebaiknya sebelum secara sedang sehingga sekali selalu semoga semua
    sering serta setelah sih silakan sudah supaya tapi telah tentang terhadap terima
    terimakasih terlalu tersebut tetap tetapi tolong untuk yaitu yang ya ok oke pak bu
    bapak ibu
"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True, slots=True)
class Theme:
    phrase: str
    #: How many suggestions contain it.
    suggestions: int


def _tokens(text: str) -> list[str]:
    words = (_SPELLING.get(w, w) for w in _WORD.findall(text.casefold()))
    return [w for w in words if len(w) > 1 and w not in _STOP]


def frequent_themes(texts: Iterable[str], limit: int = THEMES_LISTED) -> list[Theme]:
    """The ``limit`` words or two-word phrases most suggestions contain, most first (ties
    alphabetical)."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for text in texts:
        clauses = [_tokens(part) for part in _CLAUSE.split(text)]
        words.update({w for c in clauses for w in c if w not in _QUALIFIERS and len(w) > 2})
        pairs.update({f"{a} {b}" for c in clauses for a, b in pairwise(c) if b not in _QUALIFIERS})
    phrases = [(p, n) for p, n in pairs.items() if n >= MIN_SUGGESTIONS]
    phrases.sort(key=lambda item: (-item[1], item[0]))
    phrases = phrases[: limit * 3]  # enough to decide which words a phrase covers

    def covered(word: str, n: int) -> bool:
        return any(word in p.split() and m >= _COVERED * n for p, m in phrases)

    singles = [(w, n) for w, n in words.items() if n >= MIN_SUGGESTIONS and not covered(w, n)]
    ranked = sorted([*phrases, *singles], key=lambda item: (-item[1], item[0]))
    return [Theme(p, n) for p, n in ranked[:limit]]
