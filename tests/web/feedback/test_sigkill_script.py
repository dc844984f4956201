"""A short run of benchmarks/feedback_sigkill.py: the production server killed (SIGKILL) five
times, a worker at a time and once whole, while clients submit and retry; every acknowledged
response is stored exactly once. The issue's run (200 kills) is the same script, by hand."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT


@pytest.mark.slow
def test_no_acknowledged_response_is_lost_or_stored_twice_when_the_server_is_killed():
    finished = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "feedback_sigkill.py"), "--kills", "5",
         "--whole-every", "5", "--clients", "3", "--seed", "13", "--time-limit", "300"],
        capture_output=True, text=True, timeout=900, check=False)
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert (result["lost"], result["duplicated"]) == (0, 0), finished.stderr[-3000:]
    assert result["kills"] == 5 and result["whole_server_kills"] == 1
    assert result["acknowledged"] > 0
    assert finished.returncode == 0
