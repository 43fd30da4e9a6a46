"""A started server collects young objects less often (services/runtime/collector.py)."""

from __future__ import annotations

import gc

from services.runtime import collector
from tests.conftest import Platform


async def test_a_serving_process_runs_with_the_serving_collector_settings(
    platform: Platform,
) -> None:
    assert platform.server.port  # started
    assert gc.get_threshold() == collector.THRESHOLDS
    assert gc.get_freeze_count() > 0
