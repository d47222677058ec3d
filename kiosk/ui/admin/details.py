"""An audit entry's or a ticket event's detail in the supervisor's words (no Qt).

The services record details as plain keys ({"where": "admin", "role": "admin"}); the audit
tab and a ticket's history show them as "Di jendela admin · peran Admin". A key that has no
words here yet is shown as it is stored (key=value), so nothing recorded is ever hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.ui.admin import texts as tx
from kiosk.ui.common.i18n import CATALOG, add_texts, tr

#: Longest value shown in the table; the rest is in the cell's tip.
VALUE_MAX_CHARS = 80

TEXTS: dict[str, tuple[str, str]] = {
    # "label {value}" for each detail key
    "admin.detail.where": ("di {value}", "at {value}"),
    "admin.detail.role": ("peran {value}", "role {value}"),
    "admin.detail.why": ("sebab: {value}", "why: {value}"),
    "admin.detail.minutes": ("terkunci {value} menit", "locked {value} min"),
    "admin.detail.lockouts": ("penguncian ke-{value}", "lockout {value}"),
    "admin.detail.section": ("bagian {value}", "section {value}"),
    "admin.detail.changed": ("diubah: {value}", "changed: {value}"),
    "admin.detail.bytes": ("ukuran {value}", "size {value}"),
    "admin.detail.source": ("dari {value}", "from {value}"),
    "admin.detail.priority": ("prioritas {value}", "priority {value}"),
    "admin.detail.actor": ("oleh {value}", "by {value}"),
    "admin.detail.reason": ("alasan: {value}", "reason: {value}"),
    "admin.detail.code": ("nomor {value}", "number {value}"),
    "admin.detail.service": ("layanan {value}", "service {value}"),
    "admin.detail.recall": ("panggilan ulang ke-{value}", "recall {value}"),
    "admin.detail.after_recalls": ("setelah {value} kali dipanggil ulang", "after {value} recalls"),
    "admin.detail.from": ("dari layanan {value}", "from service {value}"),
    "admin.detail.to": ("ke layanan {value}", "to service {value}"),
    "admin.detail.username": ("akun {value}", "account {value}"),
    "admin.detail.station": ("anjungan {value}", "kiosk {value}"),
    "admin.detail.backup": ("cadangan {value}", "backup {value}"),
    "admin.detail.safety_copy": ("salinan pengaman {value}", "safety copy {value}"),
    "admin.detail.state": ("keadaan {value}", "state {value}"),
    "admin.detail.message": ("pesan: {value}", "message: {value}"),
    # an appointment list imported, a booking added or cancelled
    "admin.detail.date": ("tanggal {value}", "day {value}"),
    "admin.detail.file": ("berkas {value}", "file {value}"),
    "admin.detail.added": ("ditambah {value}", "added {value}"),
    "admin.detail.updated": ("diubah {value}", "updated {value}"),
    "admin.detail.unchanged": ("tetap {value}", "unchanged {value}"),
    # keys whose value says it all when true
    "admin.detail.removed": ("dihapus", "removed"),
    "admin.detail.out_of_order": ("di luar urutan", "out of order"),
    "admin.detail.counter_serves_service.yes": (
        "loket melayani layanan ini",
        "the counter serves this service",
    ),
    "admin.detail.counter_serves_service.no": (
        "loket tidak melayani layanan ini",
        "the counter does not serve this service",
    ),
    "admin.detail.auto": ("otomatis saat panggilan berikutnya", "automatic at the next call"),
    # where a sign-in happened
    "admin.where.admin": ("jendela admin", "the admin window"),
    "admin.where.counter": ("jendela loket {number}", "counter window {number}"),
    "admin.where.cli": ("baris perintah", "the command line"),
    "admin.where.demo": ("demo", "the demo"),
    # why a sign-in was refused
    "admin.why.locked": ("akun terkunci", "account locked"),
    "admin.why.disabled": ("akun dinonaktifkan", "account disabled"),
    "admin.why.role": ("peran tidak diizinkan di sini", "role not allowed here"),
    "admin.why.pin": ("PIN salah", "wrong PIN"),
}
add_texts(TEXTS)

#: Keys not shown: before/after become "changed", "at" repeats the row's time.
_HIDDEN = frozenset({"before", "after", "at"})
#: Keys whose true value is the whole phrase (False and None say nothing).
_FLAGS = frozenset({"removed", "out_of_order"})


def detail_text(detail: Mapping[str, object], lang: str) -> str:
    """The detail as one short line in ``lang``: "akun rina.kasubsi · peran Admin"."""
    parts = []
    for key, value in detail.items():
        if value is None or value == "" or key in _HIDDEN:
            continue
        parts.append(_part(key, value, lang))
    changed = _changed_keys(detail.get("before"), detail.get("after"))
    if changed:
        parts.append(tr("admin.detail.changed", lang, value=", ".join(changed)))
    return " · ".join(p for p in parts if p)


def _part(key: str, value: object, lang: str) -> str:
    if key in _FLAGS:
        return tr(f"admin.detail.{key}", lang) if value is True else ""
    if key == "counter_serves_service" and isinstance(value, bool):
        return tr(f"admin.detail.counter_serves_service.{'yes' if value else 'no'}", lang)
    if key == "auto":
        return tr("admin.detail.auto", lang)
    words = _VALUES.get(key)
    text = words(value, lang) if words is not None else _plain(value)
    if len(text) > VALUE_MAX_CHARS:
        text = text[: VALUE_MAX_CHARS - 3] + "..."
    label = f"admin.detail.{key}"
    return tr(label, lang, value=text) if label in TEXTS else f"{key}={text}"


def _plain(value: object) -> str:
    return value if isinstance(value, str) else repr(value)


def _where(value: object, lang: str) -> str:
    text = str(value)
    kind, _, number = text.partition(" ")
    if kind == "counter" and number:
        return tr("admin.where.counter", lang, number=number)
    key = f"admin.where.{text}"
    return tr(key, lang) if key in TEXTS else text


def _why(value: object, lang: str) -> str:
    key = f"admin.why.{value}"
    return tr(key, lang) if key in TEXTS else str(value)


def _section(value: object, lang: str) -> str:
    key = f"admin.settings.section.{value}"  # the settings tab's own section names
    return tr(key, lang) if key in CATALOG else str(value)


def _changed_keys(before: object, after: object) -> list[str]:
    """The fields a settings change touched (a list section: the whole list)."""
    if not isinstance(after, Mapping):
        return [] if after is None or before == after else ["*"]
    old = before if isinstance(before, Mapping) else {}
    return [k for k in after if old.get(k) != after[k]] + [k for k in old if k not in after]


_VALUES: dict[str, Callable[[object, str], str]] = {
    "where": _where,
    "role": lambda v, lang: tx.role_word(str(v), lang),
    "why": _why,
    "section": _section,
    "bytes": lambda v, lang: tx.size_text(int(str(v)), lang),
    "minutes": lambda v, lang: tx.number(float(str(v)), lang, 0),
}
