"""Signs that participant code tried to make tests pass without the right answers.

Two independent checks, both outside the participant's kernel:

* ``scan_cells``: read the source of every participant-editable cell with ``ast`` and
  report assignments, ``setattr``/``delattr`` or deletions that touch checker objects,
  ``builtins``/``__builtins__``, ``AssertionError`` or ``sys.modules``; edited
  read-only cells are reported too (nbgrader restores them);
* ``recheck``: the values the tests graded are dumped as JSON at the end of the run and
  graded again by the trusted checker in the grading process. A test that passed in the
  kernel but fails here was passed by tampering (or by a value changed later on).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode

from asm_course.grading.notebooks import grade_id, is_editable_by_participant, is_locked
from asm_course.i18n import t

GUARDED_NAMES = {"builtins", "__builtins__", "AssertionError", "asm_course"}
VALUES_FILE = ".asm_course_values.json"
VALUES_MARK = "# asm-course: grading values (removed after grading)"
MAX_VALUES_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class GradeCall:
    """``m00.q1.grade(answer)`` in a test cell: checker alias, question, method, argument."""

    grade_id: str
    alias: str
    question: str
    method: str
    expr: str


def _python(source: str) -> ast.Module | None:
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        source = TransformerManager().transform_cell(source)
    except Exception:
        pass
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def checker_imports(nb: NotebookNode) -> dict[str, tuple[str, str]]:
    """Aliases bound by ``from <module> import <name>`` in locked cells:
    ``{"m00": ("asm_course.checks", "m00")}``."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or not is_locked(cell):
            continue
        tree = _python(cell.source)
        for node in ast.walk(tree) if tree else []:
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    found[alias.asname or alias.name] = (node.module, alias.name)
    return found


def grade_calls(source_nb: NotebookNode) -> list[GradeCall]:
    """Every ``<alias>.<question>.<method>(<expr>)`` call in the source test cells."""
    aliases = checker_imports(source_nb)
    calls = []
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        tree = _python(cell.source)
        for node in ast.walk(tree) if tree else []:
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Attribute)
                    and isinstance(node.func.value.value, ast.Name)
                    and node.func.value.value.id in aliases and len(node.args) == 1):
                calls.append(GradeCall(meta["grade_id"], node.func.value.value.id,
                                       node.func.value.attr, node.func.attr,
                                       ast.unparse(node.args[0])))
    return calls


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _touches(node: ast.AST, guarded: set[str]) -> str | None:
    """The guarded name that an assignment target modifies, if any."""
    if isinstance(node, (ast.Tuple, ast.List)):
        return next(filter(None, (_touches(e, guarded) for e in node.elts)), None)
    if isinstance(node, ast.Name):
        return node.id if node.id in guarded else None
    root = _root(node)
    if root == "sys":
        text = ast.unparse(node)
        return "sys.modules" if text.startswith("sys.modules") else None
    return root if root in guarded else None


def scan_source(source: str, guarded: set[str]) -> list[str]:
    """Names of guarded objects that ``source`` modifies (sorted, unique)."""
    tree = _python(source)
    hits: set[str] = set()
    if tree is None:
        return []
    local = set(guarded)
    for node in ast.walk(tree):  # aliases of checker modules imported in the cell
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = getattr(node, "module", None) or ""
            for alias in node.names:
                full = f"{module}.{alias.name}" if module else alias.name
                if any(full == g or full.startswith(g + ".") or alias.name in guarded
                       for g in guarded) or full in ("builtins", "sys"):
                    local.add(alias.asname or alias.name.split(".")[0])
    local.discard("sys")
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in guarded:
            hits.add(node.name)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("setattr", "delattr") and node.args):
            name = _root(node.args[0]) if not isinstance(node.args[0], ast.Name) else node.args[0].id
            if name in local or name == "sys":
                hits.add(name)
        for target in targets:
            name = _touches(target, local | {"sys"})
            if name:
                hits.add(name)
    return sorted(hits)


def scan_cells(submission: NotebookNode, release: NotebookNode) -> tuple[list[str], list[str]]:
    """(flags, notes) for one submission compared with its release."""
    aliases = checker_imports(release)
    guarded = GUARDED_NAMES | set(aliases) | {m.split(".")[0] for m, _ in aliases.values()}
    flags: list[str] = []
    released = {grade_id(c): c for c in release.cells if grade_id(c)}
    touched: set[str] = set()
    for cell in submission.cells:
        if cell.cell_type == "code" and is_editable_by_participant(cell):
            touched.update(scan_source(cell.source, guarded))
    if touched:
        flags.append(t("grading.flag.tamper_code", names=", ".join(sorted(touched))))
    edited = sorted(
        gid for gid, cell in ((grade_id(c), c) for c in submission.cells)
        if gid is not None and gid in released and is_locked(released[gid])
        and cell.source.strip() != released[gid].source.strip()
    )
    if edited:
        flags.append(t("grading.flag.locked_edited", ids=", ".join(edited)))
    present = {grade_id(c) for c in submission.cells}
    missing = sorted(str(gid) for gid, c in released.items()
                     if gid not in present and c.metadata["nbgrader"].get("grade"))
    notes = [t("grading.note.missing_cells", ids=", ".join(missing))] if missing else []
    return flags, notes


def values_cell_source(calls: list[GradeCall]) -> str:
    """Code appended to the submission: dump the graded values that survive JSON."""
    exprs = {f"{c.grade_id}:{c.expr}": c.expr for c in calls}
    return (
        f"{VALUES_MARK}\n"
        "def _asm_course_values(exprs, path):\n"
        "    import json\n"
        "    out = {}\n"
        "    for key, expr in exprs.items():\n"
        "        try:\n"
        "            value = eval(expr, globals())\n"
        "            if json.loads(json.dumps(value)) == value and type(json.loads(json.dumps(value))) is type(value):\n"
        "                out[key] = value\n"
        "        except BaseException:\n"
        "            pass\n"
        "    import os\n"
        "    with open(os.path.join(os.path.expanduser('~'), path), 'w') as fh:\n"
        "        json.dump(out, fh)\n"
        f"_asm_course_values({exprs!r}, {VALUES_FILE!r})\n"
        "del _asm_course_values\n"
    )


def safe_read(path: Path, limit: int) -> bytes:
    """Read a file that participant code may have planted: regular files only, no
    symlinks, no FIFOs, at most ``limit`` bytes."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise OSError("not a small regular file")
        return os.read(fd, limit + 1)[:limit]
    finally:
        os.close(fd)


def _load_checker(module: str, name: str, assignment_dir: Path, cache: dict):
    key = (module, name)
    if key not in cache:
        local = assignment_dir / (module.replace(".", "/") + ".py")
        if local.is_file():  # a checker shipped in the assignment folder (trusted copy)
            spec = importlib.util.spec_from_file_location(f"_asm_recheck_{abs(hash(local))}", local)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot load the checker {local}")
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
        else:
            mod = importlib.import_module(module)
        cache[key] = getattr(mod, name)
    return cache[key]


def recheck(values_path: Path, calls: list[GradeCall], aliases: dict[str, tuple[str, str]],
            assignment_dir: Path) -> dict[str, bool]:
    """grade_id -> whether the dumped values pass the trusted checker (only for
    grade_ids whose every value could be dumped)."""
    try:
        values = json.loads(safe_read(values_path, MAX_VALUES_BYTES).decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(values, dict):
        return {}
    cache: dict = {}
    verdict: dict[str, bool] = {}
    for call in calls:
        key = f"{call.grade_id}:{call.expr}"
        if key not in values:
            verdict.pop(call.grade_id, None)
            verdict.setdefault(f"-{call.grade_id}", False)
            continue
        try:
            checker = _load_checker(*aliases[call.alias], assignment_dir, cache)
            getattr(getattr(checker, call.question), call.method)(values[key])
            ok = True
        except AssertionError:
            ok = False
        except Exception:
            continue
        verdict[call.grade_id] = verdict.get(call.grade_id, True) and ok
    return {k: v for k, v in verdict.items()
            if not k.startswith("-") and f"-{k}" not in verdict}
