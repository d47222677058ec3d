"""One editor per kind of form field, each made from the field's FieldSpec alone: it sets
its widget's bounds, choices and lengths from the spec, shows a value without marking the
page changed, reads the value back as the document holds it, and calls ``changed`` only
when a person changes it.

Which editor a field gets is decided in one place, ``editor_for``: the spec's choices,
its suggestions, else its value type. A page may ask for another editor where only the
presentation differs (a paragraph for the board's running text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from kiosk.ui.admin.settings.form import FieldSpec
from kiosk.ui.admin.settings.texts import choice_label

#: A spin box without a bound in the model still has one in Qt: its int's.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
#: The same for a decimal without a bound.
FLOAT_LIMIT = 1e9
#: Lines a paragraph shows before it scrolls.
PARAGRAPH_HEIGHT = 90


@contextmanager
def quiet(*widgets: QWidget) -> Iterator[None]:
    """Change ``widgets`` without their signals (showing a value is not an edit)."""
    before = [w.blockSignals(True) for w in widgets]
    try:
        yield
    finally:
        for widget, blocked in zip(widgets, before, strict=True):
            widget.blockSignals(blocked)


class Editor:
    """A field's widget and how its value goes in and out."""

    widget: QWidget

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        self.spec = spec
        self.changed = changed

    def write(self, value: Any) -> None:
        raise NotImplementedError

    def read(self) -> Any:
        raise NotImplementedError

    def set_language(self, lang: str) -> None:
        """Words inside the editor (its choices' names), where it has any."""


class CheckEditor(Editor):
    """Yes or no."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.box = self.widget = QCheckBox()
        self.box.toggled.connect(lambda _on: changed())

    def write(self, value: Any) -> None:
        with quiet(self.box):
            self.box.setChecked(bool(value))

    def read(self) -> bool:
        return self.box.isChecked()


class WholeNumberEditor(Editor):
    """A whole number within the model's bounds."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.spin = self.widget = QSpinBox()
        low = INT_MIN if spec.low is None else int(spec.low) + (1 if spec.low_open else 0)
        high = INT_MAX if spec.high is None else int(spec.high) - (1 if spec.high_open else 0)
        self.spin.setRange(low, high)
        self.spin.valueChanged.connect(lambda _v: changed())

    def write(self, value: Any) -> None:
        with quiet(self.spin):
            self.spin.setValue(int(value or 0))

    def read(self) -> int:
        return self.spin.value()


class DecimalEditor(Editor):
    """A decimal within the model's bounds, in steps that suit its range."""

    DECIMALS: ClassVar[int] = 2

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.spin = self.widget = QDoubleSpinBox()
        low = -FLOAT_LIMIT if spec.low is None else float(spec.low)
        high = FLOAT_LIMIT if spec.high is None else float(spec.high)
        self.spin.setRange(low, high)
        self.spin.setDecimals(self.DECIMALS)
        self.spin.setSingleStep(0.05 if high <= 1.0 else 0.5)  # a volume, or seconds
        self.spin.valueChanged.connect(lambda _v: changed())

    def write(self, value: Any) -> None:
        with quiet(self.spin):
            self.spin.setValue(float(value or 0.0))

    def read(self) -> float:
        return round(self.spin.value(), 4)


class LineEditor(Editor):
    """A line of text; empty is None where the model allows None."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.line = self.widget = QLineEdit()
        if spec.max_length is not None:
            self.line.setMaxLength(spec.max_length)
        self.line.textEdited.connect(lambda _t: changed())

    def write(self, value: Any) -> None:
        with quiet(self.line):
            self.line.setText("" if value is None else str(value))

    def read(self) -> str | None:
        text = self.line.text().strip()
        return (text or None) if self.spec.optional else text


class ParagraphEditor(Editor):
    """Text of several lines (kept as typed)."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.text = self.widget = QPlainTextEdit()
        self.text.setMaximumHeight(PARAGRAPH_HEIGHT)
        self.text.textChanged.connect(changed)

    def write(self, value: Any) -> None:
        with quiet(self.text):
            self.text.setPlainText("" if value is None else str(value))

    def read(self) -> str:
        return self.text.toPlainText()


class ChoiceEditor(Editor):
    """One of the model's choices; shows the choice's words where the catalogue has them,
    keeps the value itself (58, not "58")."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.combo = self.widget = QComboBox()
        for value in spec.choices:
            self.combo.addItem(str(value), value)
        # The index, not the text: renaming the choices in another language is no edit.
        self.combo.currentIndexChanged.connect(lambda _i: changed())

    def write(self, value: Any) -> None:
        with quiet(self.combo):
            index = self.combo.findData(value)
            if index < 0:  # not a choice (the model refuses it on Save): shown as it is
                self.combo.addItem(str(value), value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)

    def read(self) -> Any:
        return self.combo.currentData()

    def set_language(self, lang: str) -> None:
        with quiet(self.combo):
            for i in range(self.combo.count()):
                value = self.combo.itemData(i)
                self.combo.setItemText(i, choice_label(self.spec.path, value, lang))


class SuggestionEditor(Editor):
    """A value typed or picked from the model's examples (any time zone, the usual ones
    offered); a number stays a number."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.combo = self.widget = QComboBox()
        self.combo.setEditable(True)
        for value in spec.suggestions:
            self.combo.addItem(str(value), value)
        self.combo.currentTextChanged.connect(lambda _t: changed())

    def write(self, value: Any) -> None:
        text = "" if value is None else str(value)
        with quiet(self.combo):
            index = self.combo.findText(text)
            if index < 0:
                self.combo.addItem(text, value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)

    def read(self) -> Any:
        text = self.combo.currentText().strip()
        if self.spec.value_type is int and text.isdigit():
            return int(text)
        return text  # anything else as typed: the model names what it expected


class ChecksEditor(Editor):
    """Any of the model's choices (a list of them), one box each."""

    def __init__(self, spec: FieldSpec, changed: Callable[[], None]) -> None:
        super().__init__(spec, changed)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Any, QCheckBox] = {}
        for value in spec.choices:
            box = QCheckBox(str(value))
            box.setObjectName(f"check_{value}")
            box.toggled.connect(lambda _on: changed())
            row.addWidget(box)
            self.boxes[value] = box
        row.addStretch(1)

    def write(self, value: Any) -> None:
        chosen = list(value or [])
        with quiet(*self.boxes.values()):
            for choice, box in self.boxes.items():
                box.setChecked(choice in chosen)

    def read(self) -> list[Any]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]


#: The editor of a field without choices or suggestions, by the type of its value.
BY_TYPE: dict[type, type[Editor]] = {
    bool: CheckEditor,
    int: WholeNumberEditor,
    float: DecimalEditor,
    str: LineEditor,
}


def editor_for(spec: FieldSpec) -> type[Editor]:
    """The one place a field's kind picks its editor."""
    if spec.choices:
        return ChecksEditor if spec.value_type is list else ChoiceEditor
    if spec.suggestions:
        return SuggestionEditor
    try:
        return BY_TYPE[spec.value_type]
    except KeyError:
        raise TypeError(f"{spec.path}: no form editor for a {spec.value_type.__name__}") from None
