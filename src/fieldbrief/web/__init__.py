"""The web app over the store: `fieldbrief serve` (see fieldbrief.web.app)."""

from __future__ import annotations

from fieldbrief.web.app import create_app

__all__ = ["create_app"]
