"""`fieldbrief serve`: binds this machine only unless told otherwise, and says so when told; then really serves."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fieldbrief.cli import app

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    calls: dict[str, Any] = {}

    def fake_run(web_app: Any, host: str, port: int, **kwargs: Any) -> None:
        calls.update(app=web_app, host=host, port=port)

    monkeypatch.setattr("uvicorn.run", fake_run)
    return calls


def test_serve_binds_loopback_by_default(served: dict[str, Any], tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "new.db")])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    assert "http://127.0.0.1:8000/" in result.output and "warning" not in result.output
    assert (tmp_path / "new.db").exists()  # an empty store, created and migrated


def test_serve_warns_when_told_to_listen_beyond_this_machine(served: dict[str, Any], tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "0.0.0.0" and served["port"] == 9001
    assert "warning: serving on 0.0.0.0" in result.output and "anyone who can reach it" in result.output


def test_serve_refuses_a_bad_port(served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2 and not served


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_answers_on_loopback(seeds_copy: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "fieldbrief.cli", "serve", "--db", str(seeds_copy), "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/summary", timeout=5) as response:
                    assert response.status == 200 and b'"articles":2' in response.read()
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/summary", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 400  # answers to its own names only
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert f"at http://127.0.0.1:{port}/" in stderr
