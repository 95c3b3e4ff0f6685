"""The rules of the house (docs/architecture.md), checked on the import graph of src/eventwire.

Imports made inside functions count too: a lazy import is still a dependency."""

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "eventwire"
LONGEST_MODULE = 400
SHELL_ONLY = {"click", "rich", "fastapi", "starlette", "uvicorn", "jinja2", "dask", "distributed"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> tuple[set[str], set[str]]:
    """(eventwire modules, third-party top-level packages) that module `name` imports."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    ours, theirs = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                ours.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
        elif isinstance(node, ast.ImportFrom) and node.module:
            (ours if node.module.startswith("eventwire") else theirs).add(
                node.module if node.module.startswith("eventwire") else node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                (ours if alias.name.startswith("eventwire") else theirs).add(
                    alias.name if alias.name.startswith("eventwire") else alias.name.split(".")[0])
    return {m for m in ours if m in MODULES and m != name}, theirs


GRAPH = {name: _imports(name) for name in MODULES}


def _room(name: str) -> str:
    """The room a module lives in: eventwire.stages.events.roles -> stages.events; eventwire.record -> record."""
    parts = name.split(".")[1:]
    if not parts:
        return ""
    if parts[0] == "stages" and len(parts) > 1:
        return "stages." + parts[1]
    return parts[0]


def _violations(where, forbidden) -> list[str]:
    return [f"{name} imports {dep}" for name in MODULES if where(name)
            for dep in GRAPH[name][0] if forbidden(name, dep)]


def test_layout_has_no_import_cycle():
    graph = {name: ours for name, (ours, _) in GRAPH.items()}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        pytest.fail("import cycle: " + " imports ".join(reversed(err.args[1])))


def test_layout_no_stage_imports_another_stage():
    def other_stage(name, dep):
        return (_room(dep).startswith("stages.") and _room(dep) not in ("stages.base", _room(name)))
    assert _violations(lambda n: _room(n).startswith("stages."), other_stage) == []


def test_layout_knowledge_and_the_document_model_import_no_stage():
    below = ("knowledge", "document", "nlp")
    assert _violations(lambda n: _room(n) in below, lambda n, dep: _room(dep).startswith(("stages", "core", "shells"))) == []
    assert _violations(lambda n: _room(n) == "knowledge",
                       lambda n, dep: _room(dep) not in ("knowledge", "errors", "settings")) == []


@pytest.mark.parametrize("room", ["record", "render", "store"])
def test_layout_records_side_imports_no_spacy_and_no_stage(room):
    names = [n for n in MODULES if _room(n) == room]
    if room != "store":
        assert names, f"no module in {room}"
    core = ("stages", "nlp", "core", "knowledge", "document", "evaluate")
    for name in names:
        ours, theirs = GRAPH[name]
        assert not theirs & {"spacy", "thinc"}, f"{name} imports spaCy"
        assert not [dep for dep in ours if _room(dep).startswith(core)], f"{name} imports {ours}"


def test_layout_only_shells_and_renderers_import_interface_packages():
    for name, (_, theirs) in GRAPH.items():
        if _room(name) not in ("shells", "render"):
            assert not theirs & SHELL_ONLY, f"{name} imports {theirs & SHELL_ONLY}"


def test_layout_shells_call_the_core_not_the_stages():
    assert _violations(lambda n: _room(n) == "shells",
                       lambda n, dep: _room(dep).startswith(("stages", "nlp"))) == []


_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _strings(tree: ast.AST):
    """String constants that are not docstrings."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_layout_no_library_message_names_a_cli_flag():
    found = []
    for name, path in MODULES.items():
        if _room(name) == "shells":
            continue
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if _FLAG.search(node.value):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert found == [], "a library message names a command-line flag (name the setting instead)"


def test_layout_modules_are_small_and_none_is_an_empty_placeholder():
    for name, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) <= LONGEST_MODULE, f"{name} has {len(lines)} lines; split it by the questions it answers"
        tree = ast.parse("\n".join(lines))
        body = [node for node in tree.body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
        if path.name != "__init__.py":
            assert body, f"{name} is empty: do not add a module for work not yet done"
        else:
            assert ast.get_docstring(tree), f"package {name} needs a docstring saying what the room is for"


def test_layout_the_analyzer_refuses_stages_out_of_order():
    from eventwire.core.analyzer import STAGES
    from eventwire.errors import ConfigError
    from eventwire.stages.base import check_order

    check_order(STAGES)  # the declared order stands
    names = [stage.name for stage in STAGES]
    events = STAGES[names.index("events")]
    with pytest.raises(ConfigError, match="the events stage needs the .*quotes"):
        check_order([s for s in STAGES if s is not events][:2] + [events])
    swapped = list(STAGES)
    actors = names.index("actors")
    swapped[0], swapped[actors] = swapped[actors], swapped[0]
    with pytest.raises(ConfigError, match="the actors stage needs the entities layer"):
        check_order(swapped)
