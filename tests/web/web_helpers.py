"""Helpers for the web app's tests."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"  # screenshots (git-ignored)

# Fictional: an article whose title, text and quotes carry script payloads; they must show as text and run nothing.
XSS_TITLE = "Fictional: <script>window.pwned='title'</script> raid on <img src=x onerror=\"window.pwned='img'\">"
XSS_OUTLET = "The </script> Herald"
XSS_TEXT = (
    "Fictional report. Fighters of the <script>window.pwned='text'</script> Front attacked the Taliban in the "
    "Panjshir Valley on Tuesday, killing 12 people, officials said.\n\n"
    "\"We will never surrender </script><script>window.pwned='quote'</script> to them,\" said Ahmad Massoud, the "
    "resistance leader, in a statement.\n\n"
    "The Taliban spokesman Zabihullah Mujahid denied that any fighting took place in "
    "<img src=x onerror=\"window.pwned='onerror'\">Panjshir, saying the province was calm."
)


def copy_store(source: Path, target_dir: Path) -> Path:
    target = target_dir / source.name
    shutil.copy(source, target)
    return target


def wait_for_job(client: TestClient, job_id: int, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    job: dict[str, Any] = {}
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s: {job}")
