"""One table column per kind of field of a list section (services, counters, priority
categories), each made from the field's FieldSpec: how a value becomes a cell and how the
cell's text becomes the value again. A cell keeps what was typed when it does not parse
(the model names the key and what it expected), so a bound is checked in one place.

Which column a field gets is decided in one place, ``column_for``: its value type; a page
may ask for another where the words differ (service codes, written in capitals).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from kiosk.ui.admin.settings.form import FieldSpec


class Column:
    """A text cell; empty is None where the model allows None."""

    def __init__(self, spec: FieldSpec) -> None:
        self.spec = spec

    def item(self, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        item.setText("" if value is None else self.text(value))
        return item

    def text(self, value: Any) -> str:
        return str(value)

    def read(self, item: QTableWidgetItem) -> Any:
        text = item.text().strip()
        return (text or None) if self.spec.optional else text


class NumberColumn(Column):
    """A whole number or a decimal (a comma taken as the decimal point)."""

    def text(self, value: Any) -> str:
        return f"{float(value):g}" if self.spec.value_type is float else str(value)

    def read(self, item: QTableWidgetItem) -> int | float | str | None:
        text = item.text().strip()
        if not text:
            return None
        try:
            if self.spec.value_type is float:
                return float(text.replace(",", "."))
            return int(text)
        except ValueError:
            return text  # the core names the key and what was expected


class CheckColumn(Column):
    """Yes or no, as a check box in the cell."""

    def item(self, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        item.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        return item

    def read(self, item: QTableWidgetItem) -> bool:
        return item.checkState() == Qt.CheckState.Checked


class ListColumn(Column):
    """A list of words, separated by commas."""

    def text(self, value: Any) -> str:
        return ", ".join(str(v) for v in value)

    def read(self, item: QTableWidgetItem) -> list[str]:
        return [p.strip() for p in item.text().split(",") if p.strip()]


class ServiceCodesColumn(ListColumn):
    """Service codes, typed in any case (codes are capitals: "a, b" is A and B)."""

    def read(self, item: QTableWidgetItem) -> list[str]:
        return [code.upper() for code in super().read(item)]


class HoursColumn(Column):
    """Opening hours as one line: "mon-fri 08:00-12:00,13:00-15:00; sat 08:00-12:00"."""

    def item(self, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        item.setText(hours_text(value))
        return item

    def read(self, item: QTableWidgetItem) -> dict[str, str | list[str]] | None:
        return parse_hours(item.text())


#: The column of a field, by the type of its value.
BY_TYPE: dict[type, type[Column]] = {
    str: Column,
    int: NumberColumn,
    float: NumberColumn,
    bool: CheckColumn,
    list: ListColumn,
    dict: HoursColumn,  # the one table of a list section's rows: a service's opening hours
}


def column_for(spec: FieldSpec) -> type[Column]:
    """The one place a field's kind picks its column."""
    try:
        return BY_TYPE[spec.value_type]
    except KeyError:
        raise TypeError(f"{spec.path}: no table column for a {spec.value_type.__name__}") from None


# -- opening hours as one line of text -------------------------------------------------------------
def hours_text(hours: object) -> str:
    """{"mon-fri": "08:00-15:00", "sat": ["08:00-12:00"]}
    -> "mon-fri 08:00-15:00; sat 08:00-12:00"."""
    if hours is None:
        return ""
    if not isinstance(hours, dict):
        return str(hours)
    if not hours:
        return "-"
    parts = []
    for days, ranges in hours.items():
        items = [ranges] if isinstance(ranges, str) else list(ranges)
        parts.append(f"{days} {','.join(str(r) for r in items)}")
    return "; ".join(parts)


def parse_hours(text: str) -> dict[str, str | list[str]] | None:
    """The reverse of ``hours_text``; the core checks days and times and names what is wrong."""
    text = text.strip()
    if not text:
        return None
    if text == "-":
        return {}
    out: dict[str, str | list[str]] = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        days, _, ranges = part.partition(" ")
        items = [r.strip() for r in ranges.split(",") if r.strip()]
        out[days.strip()] = items[0] if len(items) == 1 else items
    return out
