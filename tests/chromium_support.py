"""Debian's chromium for the browser tests (the web app and the brief): where it lives and how it runs offline.

chromium and chromium-driver are part of the test set-up (`make test` installs them): their absence fails the
tests that need them, it never skips them.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Headless, with nothing but the page: no sync, updates or background requests, and a dead proxy (nothing listens
# on 127.0.0.1:9) so that any request beyond the page and the app under test fails and shows as an error.
OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
)


def require(tool: str) -> str:
    """The tool's path, or a failed test saying how to install it."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install Debian's chromium and chromium-driver (make test does)")
    return path
