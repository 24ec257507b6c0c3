"""Running the command line as a user does: a separate process in the repository."""

from __future__ import annotations

import os
import subprocess
import sys

from dashboard.store import db


def run(
    *args: str, env: dict | None = None, timeout: int = 120, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """``python -m dashboard ARGS``; ``prefix`` runs it through another command (another user)."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        cwd=db.REPO_ROOT,
        timeout=timeout,
        env=env or os.environ,
    )
