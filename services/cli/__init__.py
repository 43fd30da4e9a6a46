"""The ``pursight`` command line: run the platform, one service, the gateway, migrations."""

from __future__ import annotations

from services.cli.main import main

__all__ = ["main"]
