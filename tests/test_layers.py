"""The layers' contract (pyproject.toml, import-linter) holds, and it refuses an import that
runs up a layer: the check CI runs is one that can fail."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")
LAYERS = "Layers: view, exchange, domain, store"
FORBIDDEN = "No Streamlit, Plotly or view in the domain or the store"


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "dashboard", root / "dashboard", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_four_rooms_are_the_only_modules_at_the_top():
    top = sorted(p.name for p in (REPO / "dashboard").iterdir() if p.name != "__pycache__")
    assert top == ["__init__.py", "__main__.py", "domain", "exchange", "store", "view"]


def test_the_contracts_are_kept():
    done = _lint(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contracts"),
    [
        ("domain", "from dashboard.view import tables", {LAYERS, FORBIDDEN}),
        ("domain", "from dashboard.exchange import fmt", {LAYERS}),
        ("store", "from dashboard.domain import budget", {LAYERS}),
        ("exchange", "from dashboard.view import ui", {LAYERS}),
        ("domain", "import streamlit", {FORBIDDEN}),
        ("store", "import plotly.graph_objects", {FORBIDDEN}),
    ],
)
def test_an_import_up_a_layer_is_refused(tmp_path, module, line, contracts):
    root = _copy(tmp_path)
    (root / "dashboard" / module / "upward.py").write_text(f'"""A probe."""\n\n{line}\n', encoding="utf-8")
    done = _lint(root)
    assert done.returncode != 0
    broken = {row.split(" BROKEN")[0] for row in done.stdout.splitlines() if " BROKEN" in row}
    assert broken == contracts, done.stdout
    assert f"dashboard.{module}.upward ->" in done.stdout
