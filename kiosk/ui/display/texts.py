"""The display board's words, Bahasa Indonesia and English (the office's own terms)."""

from __future__ import annotations

from kiosk.ui.common.i18n import add_texts

TEXTS: dict[str, tuple[str, str]] = {
    "display.number": ("Nomor antrean", "Queue number"),
    "display.go_to": ("Silakan menuju", "Please go to"),
    "display.none_yet": ("Belum ada panggilan", "No calls yet"),
    "display.last_calls": ("Panggilan terakhir", "Last calls"),
    "display.waiting": ("Menunggu", "Waiting"),
    "display.counter_free": ("—", "—"),
    "display.counter_paused": ("Istirahat", "On break"),
    "display.recall": ("ulang", "again"),
    "display.unavailable": (
        "Sistem antrean sedang tidak tersedia. Mencoba tersambung kembali...",
        "The queue system is not available right now. Trying to reconnect...",
    ),
}

add_texts(TEXTS)
