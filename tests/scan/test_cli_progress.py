"""The command line's live scan progress, as ``pursight demo`` shows it."""

from __future__ import annotations

import io

from rich.console import Console

from pursight.scan.v1 import scan_pb2
from services.cli.scan_progress import ensure_scan, run_with_progress, summary
from tests.scan.conftest import Env, SourceDb


async def test_a_scan_runs_with_live_progress_and_a_summary(env: Env, source_db: SourceDb) -> None:
    source = await env.postgres_source(source_db)
    spec = scan_pb2.Scan(display_name="Demo shop")
    scan = await ensure_scan(env.scans, source, "demo-shop", spec, env.md)
    again = await ensure_scan(env.scans, source, "demo-shop", spec, env.md)
    assert again.name == scan.name
    out = io.StringIO()
    console = Console(file=out, width=120, force_terminal=False)
    run = await run_with_progress(env.scans, scan.name, env.md, console, "shop")
    assert run.state == scan_pb2.ScanRun.State.STATE_SUCCEEDED
    assert "shop" in out.getvalue()
    lines = summary(run)
    assert lines[0].startswith("succeeded in")
    assert "5 tables, 1 views" in lines[0]
    assert any(line.strip().startswith("email:") for line in lines[1:])
