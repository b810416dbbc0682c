"""The architecture of ARCHITECTURE.md, checked: the import layers, no import cycle, no
eventwire import hidden in a function below the top layers, stage files of a size one
reads in one sitting."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

import eventwire

SRC = Path(eventwire.__file__).parent
ROOT = Path(__file__).resolve().parents[1]

# The layers whose modules import every eventwire module at the top: an import inside a
# function there would only hide a cycle.  The top layers (commands, api, evaluate…) keep
# some imports inside functions so that the command line starts without loading spaCy.
LOWER_LAYERS = ("model", "errors", "timeout", "version", "knowledge", "text", "findings")
LOWER_LAYERS += ("syntax", "stages", "pipeline")


def _modules(*names: str) -> list[Path]:
    paths: list[Path] = []
    for name in names:
        path = SRC / name
        paths += sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    return paths


def test_architecture_layers_contract_is_kept():
    """`lint-imports` (import-linter) on the contract in pyproject.toml, in a process of its
    own (it reconfigures logging, which would silence eventwire's loggers here)."""
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_architecture_no_import_cycle():
    graph = grimp.build_graph("eventwire", exclude_type_checking_imports=True)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    assert not cycles


def test_architecture_no_eventwire_import_inside_functions_of_the_lower_layers():
    hidden = []
    for path in _modules(*LOWER_LAYERS):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "eventwire"
                ):
                    hidden.append(f"{path.relative_to(SRC)}:{inner.lineno}")
    assert not hidden


def test_architecture_stage_files_are_read_in_one_sitting():
    """No module of stages/ over 500 lines (the issue's "about 500")."""
    long = {
        str(path.relative_to(SRC)): n
        for path in _modules("stages")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long
