"""Benchmarks of PurSight, run by ``make bench`` (``python -m bench``); not run by CI.

Each benchmark compares two things measured side by side in one run (alternating, so
the noise of a shared machine hits both) and prints a table and a ratio:

- ``grpc_get_asset``: GetAsset through the full server (interceptors, token, database)
  against a bare grpc.aio echo server;
- ``gateway_get_asset``: the generic REST gateway against a hand-written FastAPI hop;
- ``search``: SearchAssets latency per query class at 100,000 and 1,000,000 assets.

Longer ones run on their own (``python -m bench.<name>``), each also part of ``make bench``:

- ``classification_bench``: classification throughput and accuracy against Presidio;
- ``scan_vs_datahub``: scanning 2,000 PostgreSQL tables, PurSight against DataHub's
  ingestion CLI, metadata only and with profiling;
- ``scan_memory``: the scan service's peak memory at 10,000 tables against 1,000.

Servers run in child processes so the load generator never shares their event loop.
"""
