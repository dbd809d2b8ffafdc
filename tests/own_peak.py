"""Run a command as the child of this small interpreter and report that child's own peak memory.

Why: Linux records a process's peak resident memory across `exec`, starting from the memory of the process it was
forked (or vforked) from. A command started straight from the test run, which has loaded models and grown to
gigabytes by the end of the suite, would report the test run's peak, not its own. Started from this script
(a few MB), the child's figure is its own.

Usage: python own_peak.py REPORT_FD COMMAND [ARGS...]; writes "<peak KiB> <wait status>" to REPORT_FD and exits
0; the command's own exit status travels in the report.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    report = int(sys.argv[1])
    command = sys.argv[2:]
    child = os.fork()
    if child == 0:
        os.close(report)
        try:
            os.execv(command[0], command)
        finally:
            os._exit(127)  # exec failed: the usual "command not found" status
    _, status, usage = os.wait4(child, 0)
    os.write(report, f"{usage.ru_maxrss} {status}".encode())


if __name__ == "__main__":
    main()
