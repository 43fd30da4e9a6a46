"""PurSight's REST gateway: REST <-> gRPC transcoding from google.api.http annotations.

``create_app(settings)`` returns the ASGI application; everything else is internal.
"""

from __future__ import annotations

from gateway.app import create_app

__all__ = ["create_app"]
