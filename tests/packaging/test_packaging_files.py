"""The packaging files that are not code run by the tests: the Windows start-up task and the
PyInstaller spec (checked for what would break them on another OS)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.cli import build_parser

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def _task() -> ET.Element:
    return ET.parse(PACKAGING / "windows" / "kiosk-task.xml").getroot()


def _text(root: ET.Element, path: str) -> str:
    found = root.find(path, NS)
    assert found is not None, path
    return (found.text or "").strip()


def test_the_task_starts_kioskw_run_kiosk_and_keeps_it_running() -> None:
    task = _task()
    assert _text(task, "t:Actions/t:Exec/t:Command") == r"C:\Kiosk\kioskw.exe"
    arguments = _text(task, "t:Actions/t:Exec/t:Arguments").split()
    assert arguments == ["run", "kiosk"]
    assert build_parser().parse_args(arguments).window == "kiosk"
    settings = "t:Settings/"
    assert _text(task, settings + "t:MultipleInstancesPolicy") == "IgnoreNew"
    assert _text(task, settings + "t:ExecutionTimeLimit") == "PT0S"
    assert _text(task, settings + "t:RestartOnFailure/t:Interval") == "PT1M"
    assert 1 <= int(_text(task, settings + "t:RestartOnFailure/t:Count")) <= 255
    assert _text(task, settings + "t:DisallowStartIfOnBatteries") == "false"
    assert _text(task, "t:Principals/t:Principal/t:LogonType") == "InteractiveToken"
    assert _text(task, "t:Principals/t:Principal/t:RunLevel") == "LeastPrivilege"


def test_the_logon_trigger_repeats_and_follows_the_schema_order() -> None:
    trigger = _task().find("t:Triggers/t:LogonTrigger", NS)
    assert trigger is not None
    # triggerBaseType is a sequence (Enabled, ..., Repetition), then UserId and Delay.
    names = [child.tag.split("}")[1] for child in trigger]
    assert names == ["Enabled", "Repetition", "UserId", "Delay"]
    assert _text(trigger, "t:Repetition/t:Interval") == "PT1M"
    assert _text(trigger, "t:UserId") == _text(_task(), "t:Principals/t:Principal/t:UserId")


def test_the_spec_has_no_platform_paths_or_shell_commands() -> None:
    spec = (PACKAGING / "kiosk.spec").read_text(encoding="utf-8")
    code = "\n".join(line.split("#")[0] for line in spec.splitlines())
    for needle in ("/usr", "/opt", "C:\\", "subprocess", "os.system", '"/', "'/"):
        assert needle not in code, needle
    assert "SPECPATH" in code
