"""The settings form follows the configuration model: every editor's bounds, choices and
suggestions are the model's (checked against its JSON schema, a second reading of the same
model), every field of an editable section is shown, and a bound added to the model
reaches its editor with no change to the form. Then what a person sees and saves: a page
shows the saved values in either language, and a choice keeps its type."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from kiosk.config.settings import EDITABLE_SECTIONS, QueueSection, Settings, editable_document
from kiosk.office import Office
from kiosk.ui.admin.settings import form
from kiosk.ui.admin.settings.columns import CheckColumn, HoursColumn, ListColumn, NumberColumn
from kiosk.ui.admin.settings.editors import (
    INT_MAX,
    INT_MIN,
    CheckEditor,
    ChecksEditor,
    ChoiceEditor,
    DecimalEditor,
    Editor,
    LineEditor,
    ParagraphEditor,
    SuggestionEditor,
    WholeNumberEditor,
)
from kiosk.ui.admin.settings.pages import FORMS, OWN_WIDGETS, TABLES, FormPage, TablePage
from kiosk.ui.admin.settings.tab import make_page
from kiosk.ui.admin.settings.texts import field_label
from kiosk.ui.common.i18n import CATALOG
from tests.staff import admin_session

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    ADMIN,
    AdminFactory,
    click,
    open_section,
    pick,
    shown,
    sign_in,
    switch_language,
    type_into,
)

admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other

SCHEMA = Settings.model_json_schema()
#: A QLineEdit without a length of its own.
QT_MAX_LENGTH = 32767


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its $ref followed and a ``X | None`` taken as X."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = {**SCHEMA["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}
    if "anyOf" in schema:
        (kept,) = [s for s in schema["anyOf"] if s.get("type") != "null"]
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        schema = {**_resolve(kept), **rest}
    return schema


def field_schema(section: str, key: str) -> dict[str, Any]:
    section_schema = _resolve(SCHEMA["properties"][section])
    if section_schema.get("type") == "array":
        section_schema = _resolve(section_schema["items"])
    return _resolve(section_schema["properties"][key])


def _low(prop: dict[str, Any], unbounded: float) -> float:
    if "minimum" in prop:
        return float(prop["minimum"])
    if "exclusiveMinimum" in prop:
        return float(prop["exclusiveMinimum"]) + 1
    return unbounded


def _high(prop: dict[str, Any], unbounded: float) -> float:
    if "maximum" in prop:
        return float(prop["maximum"])
    if "exclusiveMaximum" in prop:
        return float(prop["exclusiveMaximum"]) - 1
    return unbounded


def _items(combo: QComboBox) -> list[Any]:
    return [combo.itemData(i) for i in range(combo.count())]


def _agrees(editor: Editor, prop: dict[str, Any]) -> None:
    """The editor offers what the schema allows, neither more nor less."""
    where = editor.spec.path
    if "enum" in prop:
        assert isinstance(editor, ChoiceEditor), where
        assert _items(editor.combo) == prop["enum"], where
    elif prop.get("type") == "array":
        choices = _resolve(prop["items"]).get("enum") or prop.get("choices")
        assert choices, f"{where}: a list without choices has no form editor"
        assert isinstance(editor, ChecksEditor), where
        assert list(editor.boxes) == choices, where
    elif "examples" in prop:
        assert isinstance(editor, SuggestionEditor), where
        assert _items(editor.combo) == prop["examples"], where
        for example in prop["examples"]:  # no suggestion the model would refuse
            if prop.get("type") == "integer":
                assert _low(prop, example) <= example <= _high(prop, example), where
    elif prop.get("type") == "integer":
        assert isinstance(editor, WholeNumberEditor), where
        assert editor.spin.minimum() == _low(prop, INT_MIN), where
        assert editor.spin.maximum() == _high(prop, INT_MAX), where
    elif prop.get("type") == "number":
        assert isinstance(editor, DecimalEditor), where
        assert editor.spin.minimum() == pytest.approx(_low(prop, -1e9)), where
        assert editor.spin.maximum() == pytest.approx(_high(prop, 1e9)), where
    elif prop.get("type") == "boolean":
        assert isinstance(editor, CheckEditor), where
    else:
        assert prop.get("type") == "string", where
        assert isinstance(editor, LineEditor | ParagraphEditor), where
        if isinstance(editor, LineEditor):
            assert editor.line.maxLength() == prop.get("maxLength", QT_MAX_LENGTH), where
    if "default" in prop:
        assert editor.spec.default == prop["default"], where


def test_every_editor_offers_what_the_model_allows(qtbot: QtBot) -> None:
    checked = 0
    for section in FORMS:
        page = make_page(section)
        qtbot.addWidget(page)
        assert isinstance(page, FormPage)
        for key, editor in page.editors.items():
            _agrees(editor, field_schema(section, key))
            checked += 1
    assert checked == sum(len(keys) for keys in FORMS.values())


def test_every_table_column_reads_the_models_type(qtbot: QtBot) -> None:
    by_type = {
        "integer": NumberColumn,
        "number": NumberColumn,
        "boolean": CheckColumn,
        "array": ListColumn,
        "object": HoursColumn,
    }
    for section in TABLES:
        page = TablePage(section)
        qtbot.addWidget(page)
        for key, column in page.columns:
            prop = field_schema(section, key)
            expected = by_type.get(prop.get("type", ""))
            if expected is None:
                assert prop.get("type") == "string" and type(column).__name__ == "Column", key
            else:
                assert isinstance(column, expected), f"{section}.{key}"
            assert column.spec.default == prop.get("default"), f"{section}.{key}"


def test_every_field_of_an_editable_section_is_shown_with_a_label_in_both_languages() -> None:
    for section in EDITABLE_SECTIONS:
        shown_keys = {f"{section}.{key}" for key in FORMS.get(section, TABLES.get(section, ()))}
        model_keys = {f"{section}.{key}" for key in form.section_model(section).model_fields}
        assert model_keys == shown_keys | (OWN_WIDGETS & model_keys), section
        for path in model_keys:
            assert f"admin.field.{path}" in CATALOG, path
            assert field_label(path, "id") and field_label(path, "en"), path


def test_a_bound_or_a_choice_added_to_the_model_reaches_the_editor_without_editing_the_form(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    class TunedQueue(QueueSection):
        recall_limit: int = Field(3, ge=1, le=7)
        priority_policy: Literal["priority_first", "fifo"] = "fifo"  # type: ignore[assignment]

    model_of = form.section_model

    def section_model(section: str) -> type[BaseModel]:
        return TunedQueue if section == "queue" else model_of(section)

    monkeypatch.setattr(form, "section_model", section_model)
    page = FormPage("queue")
    qtbot.addWidget(page)
    recall = page.widgets["recall_limit"]
    assert isinstance(recall, QSpinBox)
    assert (recall.minimum(), recall.maximum()) == (1, 7)
    policy = page.widgets["priority_policy"]
    assert isinstance(policy, QComboBox)
    assert _items(policy) == ["priority_first", "fifo"]
    page.load({})  # a document without the section: the model's defaults
    assert recall.value() == 3 and policy.currentData() == "fifo"


# -- what a person sees and saves -------------------------------------------------------------
def being_edited(page: FormPage) -> bool:
    """Whether the page holds changes not saved (and so takes up no change made elsewhere)."""
    return page.dirty


def test_the_queue_page_in_english_takes_up_a_change_saved_elsewhere_and_keeps_it(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    """Putting the policy's names into the window's language once marked the page as being
    edited: it no longer took up what another PC saved, and its Save put back the old
    values over it."""
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    page = open_section(qtbot, window, "queue")
    assert isinstance(page, FormPage)
    every, recall = page.widgets["priority_every"], page.widgets["recall_limit"]
    assert isinstance(every, QSpinBox) and isinstance(recall, QSpinBox)
    saved = other.settings.queue
    assert (every.value(), recall.value()) == (saved.priority_every, saved.recall_limit) == (3, 3)

    switch_language(qtbot, window, "en")
    policy = page.widgets["priority_policy"]
    assert isinstance(policy, QComboBox)
    assert policy.currentText() == "Priority first"
    assert not being_edited(page)
    document = editable_document(other.settings)
    other.update_settings(
        "queue", {**document["queue"], "recall_limit": 5}, session=admin_session(other)
    )
    qtbot.waitUntil(lambda: recall.value() == 5, timeout=10_000)

    pick(qtbot, policy, "interleave")
    assert being_edited(page)
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, page.save)
    assert blocker.args == ["queue"]
    other.reload_settings()
    queue = other.settings.queue
    assert queue.priority_policy.value == "interleave"
    assert (queue.priority_every, queue.recall_limit) == (3, 5)


def test_a_choice_keeps_its_type_and_a_suggested_value_may_be_typed_over(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    page = open_section(qtbot, window, "printer")
    assert isinstance(page, FormPage)
    paper = page.widgets["paper_mm"]
    assert isinstance(paper, QComboBox)
    assert _items(paper) == [58, 80]
    pick(qtbot, paper, 58)
    baud = page.widgets["baudrate"]
    assert isinstance(baud, QComboBox) and baud.currentText() == "9600"
    line = baud.lineEdit()
    assert isinstance(line, QLineEdit)
    type_into(qtbot, line, "4800")  # a speed the model allows, not among the usual ones
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, page.save)
    assert blocker.args == ["printer"]
    other.reload_settings()
    assert other.settings.printer.paper_mm == 58
    assert other.settings.printer.baudrate == 4800


def test_the_english_footer_typed_on_the_printer_page_is_saved_in_the_database(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    page = open_section(qtbot, window, "printer")
    assert isinstance(page, FormPage)
    footer_en = page.widgets["footer_en"]
    assert isinstance(footer_en, QLineEdit)
    assert footer_en.text() == "Thank you. Keep this slip until your number is called."
    type_into(qtbot, footer_en, "Thank you. Please wait for your number.")
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, page.save)
    assert blocker.args == ["printer"]
    other.reload_settings()  # another PC's office, reading the database
    printer = other.settings.printer
    assert printer.footer_en == "Thank you. Please wait for your number."
    assert printer.footer == "Terima kasih. Simpan slip ini sampai nomor Anda dipanggil."


def test_the_appointments_page_saves_the_late_policy_and_the_offices_headers(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    page = open_section(qtbot, window, "appointments")
    assert isinstance(page, FormPage)
    policy = page.widgets["late_policy"]
    assert isinstance(policy, QComboBox)
    pick(qtbot, policy, "walk_in")
    columns = page.widgets["columns"]
    assert isinstance(columns, QLineEdit)
    type_into(qtbot, columns, "code = Nomor Permohonan; time = Jam")
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, page.save)
    assert blocker.args == ["appointments"]
    other.reload_settings()  # another PC's office, reading the database
    booking = other.settings.appointments
    assert booking.late_policy.value == "walk_in"
    assert booking.column_map() == {"code": "Nomor Permohonan", "time": "Jam"}
