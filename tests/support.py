"""Helpers shared by the robustness tests: fictional articles with unique markers, and the real CLI in a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CLI = str(Path(sys.executable).with_name("fieldbrief"))
OWN_PEAK = str(Path(__file__).with_name("own_peak.py"))  # starts the CLI from a small process (why: in that file)

# Fictional sentences, recombined into distinct articles (no real event is described).
_SENTENCES = (
    "Fictional militia fighters attacked a checkpoint outside the town of Example on Monday, a regional official said.",
    "The army said it had repelled the attack and that two soldiers were wounded in the fighting.",
    "Residents of the fictional river town told reporters that shops stayed closed for most of the day.",
    "A spokesman for the provincial council said talks with the militia would resume next week.",
    "Aid workers said roads to the northern villages were blocked by the fighting near the bridge.",
    "The interior minister promised an inquiry into the clashes and called for calm in the district.",
)


def story(number: int, sentences: int = 4) -> str:
    """A distinct fictional article carrying its marker word (`Marker0042`), so its analysis can be found."""
    picked = [_SENTENCES[(number + i) % len(_SENTENCES)] for i in range(sentences)]
    return f"Fictional report {marker(number)} from the town of Example.\n\n" + "\n\n".join(picked)


def marker(number: int) -> str:
    return f"Marker{number:05d}"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float  # of the fieldbrief process itself (wait4), not of the test


def run_cli(*args: str, timeout: float = 180, input: bytes | None = None, cwd: str | Path | None = None) -> Run:
    """Run `fieldbrief ARGS` as a real process; its peak memory is its own, measured by wait4 in own_peak.py."""
    started = time.monotonic()
    report_read, report_write = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, OWN_PEAK, str(report_write), CLI, *args],
        stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
        pass_fds=(report_write,),
        start_new_session=True,  # so a timeout kills the CLI with the process that started it
    )
    os.close(report_write)
    chunks: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda: chunks.__setitem__("out", proc.stdout.read() if proc.stdout else b"")),
        threading.Thread(target=lambda: chunks.__setitem__("err", proc.stderr.read() if proc.stderr else b"")),
    ]
    if input is not None and proc.stdin is not None:
        stdin = proc.stdin
        readers.append(threading.Thread(target=lambda: (stdin.write(input), stdin.close())))
    for thread in readers:
        thread.start()
    timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
    timer.start()
    try:
        with os.fdopen(report_read, "rb") as report:
            peak_kib, status = (int(field) for field in report.read().split() or (0, 0))
        proc.wait()
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status) if proc.returncode == 0 else proc.returncode
    for thread in readers:
        thread.join()
    seconds = time.monotonic() - started
    if seconds >= timeout:
        raise AssertionError(f"fieldbrief {' '.join(args)} ran over {timeout} s and was killed")
    return Run(
        proc.returncode,
        chunks.get("out", b"").decode("utf-8", errors="replace"),
        chunks.get("err", b"").decode("utf-8", errors="replace"),
        seconds,
        peak_kib / 1024,
    )
