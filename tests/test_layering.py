"""The architecture holds: data flows one way, only the parse module imports stanza, only the CLI prints."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "quotes"
ORDER = [
    "models", "errors", "memory", "outputs", "records", "reading", "marks", "dates", "manifest", "cache", "lexicon", "spanning", "parallel", "parse",
    "attribution", "speakers", "extraction", "wording", "grouping", "verification", "digests", "checks", "store", "distributed", "render",
    "engine", "web", "cli", "__init__", "__main__",
]
"""The units of the engine in the order data flows through them: a module (``quotes/parse.py``) or a package
(``quotes/lexicon/``) each; a unit may import only units before it. First the shipped model files (data,
imports nothing), last the package's face (``__init__`` re-exports the public names, ``__main__`` runs the CLI)."""


def _unit_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    """The units of quotes a file imports (``ext:NAME`` for other packages), its own unit left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = list(path.relative_to(PACKAGE).parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                names.update([target[0]] if target else [a.name for a in node.names])
            elif node.module and node.module.split(".")[0] == "quotes":
                parts = node.module.split(".")
                names.update([parts[1]] if len(parts) > 1 else [a.name for a in node.names])
            elif node.module:
                names.add("ext:" + node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                names.add(parts[1] if parts[0] == "quotes" and len(parts) > 1 else "ext:" + parts[0])
    return names - {_unit_of(path)}


def _files():
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_place_in_the_flow():
    """Each module or package of the engine is listed in the flow order (a new one must be placed deliberately)."""
    units = {_unit_of(p) for p in _files()}
    assert units <= set(ORDER), units - set(ORDER)


def test_no_module_reaches_back_up():
    """A unit imports only units that come before it in the flow."""
    for path in _files():
        unit = _unit_of(path)
        for name in _imports(path):
            if name.startswith("ext:") or name not in ORDER:
                continue
            assert ORDER.index(name) < ORDER.index(unit), f"{path.relative_to(PACKAGE)} imports {name}, which comes after it"


def test_only_parse_imports_stanza():
    """stanza is imported by quotes.parse alone; torch by the units that run models (parse, the role tagger in
    attribution) and by the one that shares their work among threads (parallel)."""
    for path in _files():
        unit = _unit_of(path)
        if unit == "parse":
            continue
        allowed = {"ext:torch"} if unit in ("attribution", "parallel") else set()
        bad = ({"ext:stanza", "ext:torch"} - allowed) & _imports(path)
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_only_the_cli_prints_or_exits():
    """No engine module but the CLI calls print() or sys.exit() (``python -m quotes`` is the CLI too)."""
    for path in _files():
        if _unit_of(path) in ("cli", "__main__"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id in ("print", "exit", "quit"):
                    raise AssertionError(f"{path.relative_to(PACKAGE)} calls {f.id}()")
                if isinstance(f, ast.Attribute) and f.attr == "exit" and isinstance(f.value, ast.Name) and f.value.id == "sys":
                    raise AssertionError(f"{path.relative_to(PACKAGE)} calls sys.exit()")


def test_no_engine_module_imports_a_training_tool():
    """The training tools live in training/ beside the package, outside the wheel: the engine never imports
    them (they import stanza and torch freely, and read ../shared)."""
    for path in PACKAGE.rglob("*.py"):
        assert "ext:training" not in _imports(path), f"{path.relative_to(PACKAGE)} imports a training tool"


def test_the_layering_test_reads_relative_imports_right():
    """The reader of imports resolves a package's relative imports to units: ``..records`` from inside a
    package is the records unit, ``.tagger`` stays inside the package."""
    rules = PACKAGE / "attribution" / "rules.py"
    names = _imports(rules)
    assert "records" in names and "parse" in names and "attribution" not in names
