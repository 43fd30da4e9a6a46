"""Benchmarks of PurSight, run by ``make bench`` (``python -m bench``); not run by CI.

Each benchmark compares two things measured side by side in one run (alternating, so
the noise of a shared machine hits both) and prints a table and a ratio:

- ``grpc_get_asset``: GetAsset through the full server (interceptors, token, database)
  against a bare grpc.aio echo server;
- ``gateway_get_asset``: the generic REST gateway against a hand-written FastAPI hop;
- ``search``: SearchAssets latency per query class at 100,000 and 1,000,000 assets.

Servers run in child processes so the load generator never shares their event loop.
"""
