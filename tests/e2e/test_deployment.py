"""The README's several-process deployment, run as it is written: nginx with
deploy/nginx.conf in front of two reader processes and one writer, through the load test
(scripts/loadtest.py --processer 2) with websocket visitors and an import on the page Data."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.e2e.conftest import REPO


def test_two_readers_behind_nginx_serve_one_version_at_a_time_and_follow_the_import():
    done = subprocess.run(
        [
            sys.executable,
            "scripts/loadtest.py",
            "--processer",
            "2",
            "--klient",
            "websocket",
            "--sessions",
            "4",
            "--visits",
            "4",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == [] and report["error_count"] == 0, report
    # 001 section 6 before the import, the imported file after it; never one figure of each.
    assert report["mixed"] == 0, report["mixed_examples"]
    assert report["before"] > 0 and report["after"] > 0, report
    # Every visit begun after the editor saw "Import 1 sparad" shows it, whichever reader
    # served it: the writer published a copy and the readers moved to it.
    assert report["visits_begun_after_import"] >= 4
    assert report["stale_after_import"] == 0
    # Each websocket visit is a new browser to nginx: both readers served some.
    assert set(report["visits_per_process"]) == {"finsam_reader_1", "finsam_reader_2"}, report
    assert done.returncode == 0, done.stderr[-2000:]
