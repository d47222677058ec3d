"""No button hands its ``checked`` flag to a slot that takes it for something else.

``clicked``, ``toggled`` and ``triggered`` carry a bool. PySide passes it to a connected
Python method whenever the method has a positional parameter to receive it, default or not:
``button.clicked.connect(self.export)`` with ``def export(self, path=None)`` calls
``export(False)``, and the button does nothing a person can see. This scan reads every
module under ``kiosk/ui`` (the source, not the running widgets, so a window no test builds
is covered too) and names each such connection by file and line. Connect a zero-argument
method, a lambda, or a slot whose parameter really is the flag (``toggled`` to
``setVisible`` is fine: that is a Qt method, not ours).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import kiosk

UI = Path(kiosk.__file__).parent / "ui"
ROOT = UI.parent.parent
#: Signals that send a bool to whoever is connected.
FLAG_SIGNALS = frozenset({"clicked", "toggled", "triggered"})


@dataclass(frozen=True, slots=True)
class Module:
    path: Path
    tree: ast.Module
    classes: dict[str, ast.ClassDef]


@dataclass(frozen=True, slots=True)
class Connection:
    path: Path
    line: int
    signal: str
    target: str  # "self.export" as written
    method: str
    receiver_is_self: bool
    enclosing: ast.ClassDef | None


def modules(root: Path = UI) -> list[Module]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        classes = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
        found.append(Module(path, tree, classes))
    return found


def _methods(cls: ast.ClassDef) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}


def _base_names(cls: ast.ClassDef) -> list[str]:
    names = []
    for base in cls.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
        elif isinstance(base, ast.Subscript):  # Generic[T], RowsModel[Ticket]
            value = base.value
            if isinstance(value, ast.Name):
                names.append(value.id)
            elif isinstance(value, ast.Attribute):
                names.append(value.attr)
    return names


def connections(module: Module) -> Iterator[Connection]:
    """Every ``<x>.clicked|toggled|triggered.connect(<receiver>.<method>)``, with the class
    it is written in."""

    def visit(node: ast.AST, enclosing: ast.ClassDef | None) -> Iterator[Connection]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.ClassDef) else enclosing
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "connect"
                and isinstance(child.func.value, ast.Attribute)
                and child.func.value.attr in FLAG_SIGNALS
                and child.args
                and isinstance(child.args[0], ast.Attribute)
            ):
                slot = child.args[0]
                receiver = slot.value
                yield Connection(
                    module.path,
                    child.lineno,
                    child.func.value.attr,
                    ast.unparse(slot),
                    slot.attr,
                    isinstance(receiver, ast.Name) and receiver.id == "self",
                    enclosing,
                )
            yield from visit(child, inner)

    yield from visit(module.tree, None)


class Index:
    """Classes by name over all of ``kiosk/ui`` (bases are often in ``ui/common``)."""

    def __init__(self, mods: list[Module]) -> None:
        self.by_name: dict[str, list[ast.ClassDef]] = {}
        for m in mods:
            for name, cls in m.classes.items():
                self.by_name.setdefault(name, []).append(cls)

    def lookup(
        self, cls: ast.ClassDef, method: str, seen: frozenset[str] = frozenset()
    ) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        """The method as the class has it: its own, else the nearest base's (ours only;
        a Qt method is not found, and is not ours to check)."""
        own = _methods(cls).get(method)
        if own is not None:
            return [own]
        for base in _base_names(cls):
            if base in seen:
                continue
            for base_cls in self.by_name.get(base, []):
                found = self.lookup(base_cls, method, seen | {cls.name})
                if found:
                    return found
        return []


def flag_catchers(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The positional parameters (beyond self/cls) that a signal's bool would land in."""
    positional = [*fn.args.posonlyargs, *fn.args.args]
    decorators = {d.id for d in fn.decorator_list if isinstance(d, ast.Name)}
    if "staticmethod" not in decorators:
        positional = positional[1:]
    return [a.arg for a in positional]


def violations(mods: list[Module], root: Path = ROOT) -> list[str]:
    index = Index(mods)
    found = []
    for module in mods:
        for c in connections(module):
            if c.receiver_is_self and c.enclosing is not None:
                candidates = index.lookup(c.enclosing, c.method)
            else:
                # obj.method: whichever class of this module defines it
                candidates = [
                    fn for cls in module.classes.values() for fn in index.lookup(cls, c.method)
                ]
            for fn in candidates:
                caught = flag_catchers(fn)
                if caught:
                    where = c.path.relative_to(root).as_posix()
                    found.append(
                        f"{where}:{c.line}: {c.signal}.connect({c.target}) — "
                        f"{fn.name}() (line {fn.lineno}) would take the signal's bool "
                        f"as {caught[0]!r}"
                    )
                    break
    return found


# -- the scan ---------------------------------------------------------------------------------
def test_no_flag_signal_reaches_a_parameter_of_ours() -> None:
    mods = modules()
    assert len(mods) > 20  # the scan really read the windows
    found = violations(mods)
    assert found == [], "\n" + "\n".join(found)


# -- the scan itself catches what it should and nothing else ----------------------------------
SAMPLE = """\
from PySide6.QtWidgets import QPushButton, QWidget

class Base(QWidget):
    def inherited(self, path=None): ...

class Tab(Base):
    def __init__(self, page):
        super().__init__()
        self.button = QPushButton()
        self.button.clicked.connect(self.export)           # 10: a default catches it
        self.button.clicked.connect(self.go)               # fine
        self.button.toggled.connect(self.need)             # 12: no default, still the bool
        self.button.clicked.connect(lambda: self.export())  # fine
        self.button.clicked.connect(self.inherited)        # 14: from the base class
        self.button.clicked.connect(self.keyword_only)     # fine
        self.button.clicked.connect(self.close)            # fine: Qt's, not ours
        page.action.triggered.connect(page.open_it)        # 17: another object's method
        self.button.clicked.connect(self.many)             # fine: *args
        self.button.pressed.connect(self.export)           # fine: pressed sends nothing

    def export(self, path=None): ...
    def go(self): ...
    def need(self, on): ...
    def keyword_only(self, *, automatic=False): ...
    def many(self, *args): ...

class Page(QWidget):
    def open_it(self, which="a"): ...

    @staticmethod
    def helper(which): ...
"""


@pytest.fixture
def sample(tmp_path: Path) -> list[Module]:
    path = tmp_path / "ui" / "sample.py"
    path.parent.mkdir()
    path.write_text(SAMPLE, encoding="utf-8")
    return modules(tmp_path / "ui")


def test_the_scan_sees_every_flag_signal_connected_to_a_method(sample: list[Module]) -> None:
    # line 13 connects a lambda, line 19 a signal that sends nothing
    assert [c.line for m in sample for c in connections(m)] == [10, 11, 12, 14, 15, 16, 17, 18]
    index = Index(sample)
    tab, page = sample[0].classes["Tab"], sample[0].classes["Page"]
    assert [flag_catchers(f) for f in index.lookup(tab, "export")] == [["path"]]
    assert [flag_catchers(f) for f in index.lookup(tab, "inherited")] == [["path"]]
    assert index.lookup(tab, "close") == []
    assert [flag_catchers(f) for f in index.lookup(page, "helper")] == [["which"]]


def test_a_violation_names_the_file_line_and_parameter(
    sample: list[Module], tmp_path: Path
) -> None:
    found = violations(sample, root=tmp_path)
    assert [f.split(": ")[0] for f in found] == [
        "ui/sample.py:10", "ui/sample.py:12", "ui/sample.py:14", "ui/sample.py:17",
    ]  # fmt: skip
    assert "clicked.connect(self.export)" in found[0] and "as 'path'" in found[0]
    assert "as 'on'" in found[1]
    assert "inherited() (line 4)" in found[2]
    assert "as 'which'" in found[3]
