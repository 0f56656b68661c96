"""The architecture holds: data flows one way, only the parse module imports stanza, only the CLI prints."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"
ORDER = [
    "errors", "records", "reading", "marks", "dates", "lexicon", "cache", "spanning", "parallel", "parse", "attribution", "roles", "speakers",
    "extraction", "grouping", "verification", "digests", "checks", "render", "cli",
]
TOOLS = {"__init__", "__main__"}  # not part of the flow


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                names.add(node.module.split(".")[0])
            elif node.level == 1:
                names.update(a.name for a in node.names)
            elif node.module and node.module.startswith("quotes."):
                names.add(node.module.split(".")[1])
            elif node.module:
                names.add("ext:" + node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("quotes."):
                    names.add(a.name.split(".")[1])
                else:
                    names.add("ext:" + a.name.split(".")[0])
    return names


def _modules():
    return [p for p in sorted(PACKAGE.glob("*.py")) if p.stem not in TOOLS]


def test_every_module_has_a_place_in_the_flow():
    """Each engine module is listed in the flow order (a new module must be placed deliberately)."""
    assert {p.stem for p in _modules()} <= set(ORDER)


def test_no_module_reaches_back_up():
    """A module imports only modules that come before it in the flow."""
    for path in _modules():
        rank = ORDER.index(path.stem)
        for name in _imports(path):
            if name.startswith("ext:") or name not in ORDER:
                continue
            assert ORDER.index(name) < rank, f"{path.stem} imports {name}, which comes after it"


def test_only_parse_imports_stanza():
    """stanza is imported by quotes.parse alone; torch by the modules that run models (parse, roles) and by
    the one that shares their work among threads (parallel)."""
    for path in _modules():
        if path.stem == "parse":
            continue
        bad = ({"ext:stanza"} if path.stem in ("roles", "parallel") else {"ext:stanza", "ext:torch"}) & _imports(path)
        assert not bad, f"{path.stem} imports {bad}"


def test_only_the_cli_prints_or_exits():
    """No engine module but the CLI calls print() or sys.exit()."""
    for path in _modules():
        if path.stem == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id in ("print", "exit", "quit"):
                    raise AssertionError(f"{path.stem} calls {f.id}()")
                if isinstance(f, ast.Attribute) and f.attr == "exit" and isinstance(f.value, ast.Name) and f.value.id == "sys":
                    raise AssertionError(f"{path.stem} calls sys.exit()")


def test_no_engine_module_imports_a_training_tool():
    """The training tools live in training/ beside the package, outside the wheel: the engine never imports
    them (they import stanza and torch freely, and read ../shared)."""
    for path in _modules():
        assert "ext:training" not in _imports(path), f"{path.stem} imports a training tool"
