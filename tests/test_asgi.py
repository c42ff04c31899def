"""The served app (``learning.asgi``): built from the environment, with what it made at
start-up frozen out of the cyclic garbage collector's walks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import gc
before = gc.get_freeze_count()
import learning.asgi
print(before, gc.get_freeze_count(), type(learning.asgi.app).__name__)
"""


def test_the_served_app_freezes_what_it_made_at_start_up(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LEARNING_DATABASE_URL": f"sqlite:///{tmp_path}/learning.db",
        "LEARNING_DEMO": "true",
        "LEARNING_COOKIE_SECURE": "false",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    before, after, app = done.stdout.split()
    assert int(before) == 0
    assert int(after) > 100_000  # the modules, mappers and templates of the whole app
    assert app == "FastAPI"
