"""The package's shape: no import cycle, one home for conventions, every variable documented."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from asm_course import layout

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "asm_course"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "_data" not in p.parts}


def module_level_imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The package modules ``path`` imports when it is imported (not inside functions and not
    under ``if TYPE_CHECKING``). ``from X import Y`` counts as importing X.Y when that is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, (ast.If, ast.Try)):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in node.names:
                    child = f"{base}.{alias.name}"
                    found.add(child if child in known else base)

    visit(tree.body)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = package_modules()
    known = set(modules)
    return {name: module_level_imports(path, name, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path ``[a, b, …, a]``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := walk(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_import_graph_sees_real_edges():
    graph = import_graph()
    assert "asm_course.checks.verdict" in graph["asm_course.checks.view"]
    assert "asm_course.layout" in graph["asm_course.answers"]


def test_the_package_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_verdict_layer_prints_nothing_and_builds_no_widgets():
    graph = import_graph()
    verdict = graph["asm_course.checks.verdict"]
    assert not {m for m in verdict if m.startswith(("asm_course.widgets", "asm_course.selfstudy"))}
    tree = ast.parse((PACKAGE / "checks" / "verdict.py").read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "print" not in calls and "display" not in calls


def test_checks_and_widgets_import_in_a_fresh_interpreter():
    done = subprocess.run([sys.executable, "-c", "import asm_course.checks, asm_course.widgets"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_every_environment_variable_is_declared_once_and_listed_in_the_readme():
    declared = {v.name for v in layout.ENVIRONMENT}
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        used.update(re.findall(r"ASM_COURSE_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert used <= declared, f"read but not declared in asm_course/layout.py: {sorted(used - declared)}"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in declared if f"`{name}`" not in readme]
    assert not missing, f"README.md's table of environment variables lacks {missing}"


def test_module_of_reads_every_kind_of_course_id():
    for text in ("m01", "m01.q3", "m01.plan2", "m01_what_is_asm", "m01_answers.json", "m01_exercises.ipynb"):
        assert layout.module_of(text) == "m01"
    for bad in ("x01", "m1.q3", "m012", ""):
        with pytest.raises(ValueError, match="does not start with a module id"):
            layout.module_of(bad)
    assert layout.answers_filename("m03_baseline") == "m03_answers.json"


def test_an_atomic_write_leaves_the_old_file_when_the_data_cannot_be_written(tmp_path):
    target = tmp_path / "answers.json"
    layout.write_json_atomic(target, {"a": 1})
    with pytest.raises(TypeError):
        layout.write_json_atomic(target, {"a": object()})
    assert target.read_text(encoding="utf-8") == '{\n "a": 1\n}'
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]
