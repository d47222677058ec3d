"""Slip layout and ESC/POS encoding, checked by decoding the bytes back into meaning."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.printing.escpos import PrinterModel, encode_slip, encode_test_page
from kiosk.printing.preview import render_slip
from kiosk.printing.slip import PAPER, Slip, wrap
from kiosk.printing.status import REPLIES, PrinterState, combine, valid_reply
from tests.escpos_decode import DecodeError, decode

SLIP = Slip(
    office_name="Kantor Imigrasi Kelas I TPI Jakarta Selatan",
    service_name="Penggantian Paspor",
    ticket_code="B-107",
    issued_local=dt.datetime(2026, 11, 24, 13, 45),
    people_ahead=12,
    estimated_wait_minutes=36,
    qr_payload="K1.B-107.20261124.ZXCVBNMASD",
    footer="Simpan slip ini sampai dipanggil.",
    priority_label="Ibu Hamil",
)


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_slip_says_everything_in_the_right_size(paper_mm: int) -> None:
    got = decode(encode_slip(SLIP, PrinterModel(paper_mm=paper_mm)))
    assert got.initialised
    texts = got.texts()
    number = got.line("B-107")
    assert (number.width, number.height, number.bold, number.align) == (4, 4, True, "center")
    assert max(ln.width for ln in got.lines) == 4, "the number is the largest thing on the slip"
    # The service name is large; on 58 mm it wraps onto two lines instead of overflowing.
    service_lines = [ln for ln in got.lines if ln.width == 2]
    assert " ".join(ln.text for ln in service_lines) == "Penggantian Paspor"
    # Indonesian writes the time with a full stop (EYD V; it printed 13:45 before issue 15).
    assert "24 November 2026  13.45" in texts
    assert "Antrean di depan Anda: 12" in texts
    assert "Perkiraan waktu tunggu: 36 menit" in texts
    assert "Prioritas: Ibu Hamil" in texts
    assert got.qr_payloads == [SLIP.qr_payload]
    assert got.cuts == 1
    assert not got.unknown
    # Nothing runs past the paper's edge.
    chars = PAPER[paper_mm].chars
    for ln in got.lines:
        assert len(ln.text) * ln.width <= chars, ln


def test_english_slip() -> None:
    slip = Slip(
        office_name="Office",
        service_name="New Passport",
        ticket_code="A-001",
        issued_local=dt.datetime(2026, 11, 24, 8, 0),
        people_ahead=0,
        estimated_wait_minutes=0,
        qr_payload="K1.A-001.20261124.AAAAAAAAAA",
        lang="en",
    )
    texts = decode(encode_slip(slip, PrinterModel())).texts()
    assert "QUEUE NUMBER" in texts
    # The month's name from the program's own table, not strftime's (the locale's); the
    # time as English writes it.
    assert "24 November 2026  08:00" in texts
    assert "People ahead of you: 0" in texts
    assert "Estimated wait: soon" in texts


def test_native_qr_is_small_and_raster_fallback_is_not_padded() -> None:
    native = encode_slip(SLIP, PrinterModel(paper_mm=80, native_qr=True))
    raster = encode_slip(SLIP, PrinterModel(paper_mm=80, native_qr=False, qr_module=4))
    assert len(native) < 700, "native QR slip should be a few hundred bytes (0.5 s at 9600)"
    got = decode(raster)
    assert got.raster_images == 1 and got.qr_payloads == []
    # A QR image padded to the 576-dot width would be ~15 kB; ours stays small.
    assert got.raster_bytes < 4000
    assert len(raster) < 5000


def test_no_cutter_feeds_instead() -> None:
    got = decode(encode_slip(SLIP, PrinterModel(cutter=False)))
    assert got.cuts == 0
    assert got.texts()[-1] == ""


def test_test_page_decodes() -> None:
    got = decode(encode_test_page(PrinterModel(paper_mm=58), "Kantor Uji"))
    assert "TEST PRINT / CETAK UJI" in got.texts()
    # é and ü (and the office's name) show a code page that does not match the bytes.
    assert "é ü  Kantor Uji" in got.texts()
    assert got.line("left / kiri").align == "left"
    assert got.line("right / kanan").align == "right"
    assert got.qr_payloads == ["KIOSK TEST"]


def test_decoder_refuses_truncated_and_realtime_bytes() -> None:
    with pytest.raises(DecodeError):
        decode(b"\x1d(k\x10\x00")
    with pytest.raises(DecodeError):
        decode(b"hello\x10\x04\x01")


def test_wrap_never_loses_text() -> None:
    text = "Kantor Imigrasi Kelas I Tempat Pemeriksaan Imigrasi Soekarno-Hatta"
    lines = wrap(text, 20)
    assert all(len(ln) <= 20 for ln in lines)
    assert " ".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap("x" * 45, 20) == ["x" * 20, "x" * 20, "x" * 5]


@pytest.mark.parametrize("state", list(REPLIES))
def test_status_replies_round_trip(state: PrinterState) -> None:
    first, cause, paper = REPLIES[state]
    assert all(valid_reply(b) for b in (first, cause, paper))
    assert combine(first, cause, paper) is state


def test_status_without_valid_answer_is_unknown() -> None:
    assert combine(None, None, None) is PrinterState.NO_ANSWER
    assert combine(0xFF, 0x12, 0x12) is PrinterState.NO_ANSWER  # pattern 0xx1xx10 broken
    assert not PrinterState.NO_ANSWER.can_print
    assert PrinterState.PAPER_NEAR_END.can_print and PrinterState.PAPER_NEAR_END.is_alert


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_preview_is_paper_wide(paper_mm: int) -> None:
    img = render_slip(SLIP, PrinterModel(paper_mm=paper_mm))
    assert img.width == PAPER[paper_mm].dots + 32
    assert img.height > 500
    # Something dark was drawn (text and QR), on a white slip.
    hist = img.histogram()
    assert hist[0] > 1000 and hist[255] > img.width * img.height // 2


def test_test_page_prints_the_office_name_in_its_own_letters() -> None:
    # "é" and "ü" are in code page 437, which ESC @ selects: no code page command for them.
    data = encode_test_page(PrinterModel(), "Kantor Imigrasi Kelas I Denpasar")
    assert "é ü".encode("cp437") in data and b"\x1bt" not in data
    # A name with a letter outside it gets the code page it needs (python-escpos's
    # encoder) and reads back in that code page.
    office = "Kantor Imigrasi – Ngurah Raï"
    data = encode_test_page(PrinterModel(), office)
    assert b"\x1bt\x10" in data, "CP1252 (16) has the en dash"
    texts = decode(data).texts()
    assert texts[0] == office
    assert f"é ü  {office}" in texts
