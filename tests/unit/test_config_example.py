"""`kiosk config example` as printed: read back by the real loader it is the defaults, and
it names every section and field of the settings model (it once had no [printer] or
[kiosk]); its commented values, switched on, are the defaults too (or the field's sample,
where there is no default), so every value it shows is one the loader accepts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from kiosk.cli import main
from kiosk.config.settings import Settings, load_settings, settings_from_dict

#: A commented-out value or table header: "#key = value", "#[[services]]".
VALUE_LINE = re.compile(r"^#(?=\[|[a-z_]+ = )")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)


def printed_example(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["config", "example"]) == 0
    return capsys.readouterr().out


def sections() -> dict[str, tuple[type[BaseModel], bool]]:
    """Each section of the file: its model and whether it is a list of rows."""
    out: dict[str, tuple[type[BaseModel], bool]] = {}
    for name, info in Settings.model_fields.items():
        if info.exclude:
            continue
        annotation, is_list = info.annotation, get_origin(info.annotation) is list
        if is_list:
            (annotation,) = get_args(annotation)
        assert isinstance(annotation, type) and issubclass(annotation, BaseModel)
        out[name] = (annotation, is_list)
    return out


def switched_on(text: str) -> str:
    return "\n".join(VALUE_LINE.sub("", line) for line in text.splitlines()) + "\n"


def document(settings: Settings) -> dict[str, Any]:
    return settings.model_dump(mode="json")


def test_the_printed_example_read_back_is_the_defaults(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "kiosk.toml"
    file.write_text(printed_example(capsys), encoding="utf-8")
    assert document(load_settings(file)) == document(settings_from_dict({}))


def test_the_printed_example_names_every_section_and_field_with_values_the_loader_takes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = printed_example(capsys)
    file = tmp_path / "kiosk.toml"
    file.write_text(switched_on(text), encoding="utf-8")
    settings = load_settings(file)  # every value shown, switched on, is accepted

    expected = document(settings_from_dict({}))
    shown = document(settings)
    for name, (model, is_list) in sections().items():
        header = f"#[[{name}]]" if is_list else f"[{name}]"
        assert header in text.splitlines(), f"{name}: no section in the example"
        first = shown[name][0] if is_list else shown[name]
        rows = expected[name][:1] if is_list else [expected[name]]
        for key, info in model.model_fields.items():
            assert re.search(rf"^#{key} = ", text, re.M), f"{name}.{key}: not in the example"
            assert info.description, f"{name}.{key}: no description to print"
            want = rows[0][key]
            if want is None:  # no default: the example shows the field's sample
                extra = info.json_schema_extra
                assert isinstance(extra, dict) and "sample" in extra, f"{name}.{key}"
                want = extra["sample"]
            assert first[key] == want, f"{name}.{key}"
        if is_list:  # the other rows are the default rows
            assert shown[name][1:] == expected[name][1:], name


def test_the_example_states_bounds_and_choices_from_the_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = printed_example(capsys).splitlines()

    def line_of(section: str, key: str) -> str:
        start = lines.index(f"[{section}]")
        return next(x for x in lines[start:] if x.startswith(f"#{key} = "))

    assert line_of("queue", "recall_limit").endswith("# 0..20")
    assert '"priority_first" | "interleave" | "fifo"' in line_of("queue", "priority_policy")
    assert line_of("printer", "paper_mm").endswith("# one of: 58 | 80")
    assert line_of("printer", "footer_en") == (
        '#footer_en = "Thank you. Keep this slip until your number is called."'
    )
    assert 'any of: "id", "en"' in line_of("kiosk", "languages")
