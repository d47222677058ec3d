"""Every slip line fits the paper (issue 15, item 2): wrapped in cells at word boundaries,
with the longest names and numbers the configuration allows, decoded from the bytes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from pydantic import BaseModel

from kiosk.config.model import OfficeSection, PrioritySection, ServiceSection
from kiosk.domain.numbering import ticket_code
from kiosk.printing.escpos import PrinterModel, encode_slip, encode_test_page
from kiosk.printing.slip import PAPER, Slip, cells, wrap
from tests.escpos_decode import Decoded, decode

WORDS = "Kantor Imigrasi Kelas I Tempat Pemeriksaan Imigrasi Soekarno-Hatta Tangerang Banten "


def bound(model: type[BaseModel], name: str, key: str) -> Any:
    """A field's bound as the configuration model states it (max_length, le, ...)."""
    field = model.model_fields[name]
    for item in field.metadata:
        if getattr(item, key, None) is not None:
            return getattr(item, key)
    raise LookupError(f"{model.__name__}.{name} has no {key}")


def name_of(length: int) -> str:
    """Words up to ``length`` characters (no trailing space, as the model strips it)."""
    return (WORDS * (length // len(WORDS) + 1))[:length].rstrip()


OFFICE_MAX = bound(OfficeSection, "name", "max_length")
SERVICE_NAME_MAX = bound(ServiceSection, "name_id", "max_length")
PRIORITY_NAME_MAX = bound(PrioritySection, "name_id", "max_length")
QUOTA_MAX = bound(ServiceSection, "daily_quota", "le")
MINUTES_MAX = bound(ServiceSection, "service_minutes", "le")
#: The longest ticket prefix the model's pattern allows (^[A-Z]{1,3}$ -> 3).
PREFIX_MAX = int(
    re.search(r"\{1,(\d+)\}", bound(ServiceSection, "code", "pattern")).group(1)  # type: ignore[union-attr]
)


def longest(lang: str) -> Slip:
    ahead = QUOTA_MAX - 1
    return Slip(
        office_name=name_of(OFFICE_MAX),
        service_name=name_of(SERVICE_NAME_MAX),
        ticket_code=ticket_code("Z" * PREFIX_MAX, QUOTA_MAX),
        issued_local=dt.datetime(2026, 9, 30, 23, 59),
        people_ahead=ahead,
        estimated_wait_minutes=int(ahead * MINUTES_MAX),
        qr_payload="K1.ZZZ-9999.20260930.ABCDEFGHIJ",
        footer=name_of(OFFICE_MAX),
        priority_label=name_of(PRIORITY_NAME_MAX),
        lang=lang,
    )


def joined(got: Decoded, width: int, bold: bool) -> str:
    return " ".join(ln.text for ln in got.lines if ln.text and (ln.width, ln.bold) == (width, bold))


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("paper_mm", [58, 80])
def test_the_longest_slip_the_config_allows_fits_the_paper(paper_mm: int, lang: str) -> None:
    slip = longest(lang)
    got = decode(encode_slip(slip, PrinterModel(paper_mm=paper_mm)))
    chars = PAPER[paper_mm].chars
    for ln in got.lines:
        assert cells(ln.text) * ln.width <= chars, ln
    # Wrapped at word boundaries, nothing lost: each name reads back whole in its size.
    assert joined(got, 2, True) == slip.service_name
    normal_bold = joined(got, 1, True)
    assert normal_bold.startswith(slip.office_name)
    assert normal_bold.endswith(slip.priority_label or "")
    assert slip.footer in joined(got, 1, False)
    assert slip.ticket_code in got.texts(), "the number on one line, in the largest size"
    assert got.line(slip.ticket_code).width == 4
    assert str(slip.people_ahead) in joined(got, 1, False)
    assert str(slip.estimated_wait_minutes) in joined(got, 1, False)
    assert got.qr_payloads == [slip.qr_payload]


def test_58_mm_wraps_the_lines_that_were_one_cell_too_long() -> None:
    slip = Slip(
        office_name="Kantor Imigrasi",
        service_name="Paspor Baru",
        ticket_code="A-012",
        issued_local=dt.datetime(2026, 11, 24, 13, 45),
        people_ahead=40,
        estimated_wait_minutes=120,
        qr_payload="K1.A-012.20261124.ABCDEFGHIJ",
        priority_label="Penyandang Disabilitas",
    )
    texts = decode(encode_slip(slip, PrinterModel(paper_mm=58))).texts()
    assert texts[5:7] == ["Prioritas: Penyandang", "Disabilitas"]
    i = texts.index("Perkiraan waktu tunggu: 120")
    assert texts[i + 1] == "menit"
    assert "24 November 2026  13.45" in texts, "Indonesian times with a full stop"
    # On 80 mm (48 cells) the same lines stay whole.
    wide = decode(encode_slip(slip, PrinterModel(paper_mm=80))).texts()
    assert "Prioritas: Penyandang Disabilitas" in wide
    assert "Perkiraan waktu tunggu: 120 menit" in wide


def test_english_times_keep_the_colon() -> None:
    slip = longest("en")
    texts = decode(encode_slip(slip, PrinterModel(paper_mm=80))).texts()
    assert "30 September 2026  23:59" in texts


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_the_test_page_wraps_the_longest_office_name(paper_mm: int) -> None:
    office = name_of(OFFICE_MAX)
    got = decode(encode_test_page(PrinterModel(paper_mm=paper_mm), office))
    for ln in got.lines:
        assert cells(ln.text) * ln.width <= PAPER[paper_mm].chars, ln
    assert joined(got, 1, True).startswith(office)


def test_wide_characters_count_two_cells() -> None:
    text = "東京 出入国在留管理局 " * 4
    lines = wrap(text, 16)
    assert all(cells(ln) <= 16 for ln in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert cells("東京") == 4 and cells("Jakarta") == 7
