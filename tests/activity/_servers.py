"""Extra PurSight servers for the trust tests, beside the session's platform.

An isolated server gets a database of its own in the embedded PostgreSQL and a data
directory of its own (its own key files), sharing only the Redis server. The audit
chain tests tamper with ``activity.events`` in SQL, and the envelope tests rotate the
key-encryption key: neither may disturb the platform every other test runs against.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc
import grpc_status.rpc_status
from google.rpc import error_details_pb2

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from services.runtime.database import Database, ensure_database
from services.runtime.server import PursightServer
from services.runtime.stores import Stores, StoreUrls
from tests.conftest import ADMIN_PASSWORD, Platform, make_settings


@dataclass
class Isolated:
    server: PursightServer
    channel: grpc.aio.Channel
    db: Database
    admin: tuple[tuple[str, str], ...]

    @property
    def pool(self):  # type: ignore[no-untyped-def]
        return self.db.primary


@asynccontextmanager
async def isolated_server(
    platform: Platform,
    data_dir: Path,
    services: Sequence[str],
    *,
    database: str | None = None,
    **settings: object,
) -> AsyncIterator[Isolated]:
    """A server hosting ``services`` on a fresh database, signed in as its bootstrap
    administrator; or, when ``database`` is "platform", on the platform's database and
    key files, with the platform's administrator session."""
    base = platform.server.stores
    assert base is not None
    shared = database == "platform"
    if shared:
        url = base.urls.database
        data_dir = Path(platform.settings.data_dir)
    else:
        url = await ensure_database(
            base.urls.database, database or f"trust_{uuid.uuid4().hex[:10]}"
        )
    db = await Database.connect(url, min_size=1, max_size=5)
    stores = Stores(
        db=db,
        redis=base.redis,
        urls=StoreUrls(url, "", base.urls.redis),
        embedded=base.embedded,
    )
    server = await PursightServer(
        make_settings(data_dir, **settings), services, stores=stores
    ).start()
    channel = grpc.aio.insecure_channel(server.address)
    try:
        if shared:
            admin = platform.admin
        else:
            login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
                auth_pb2.LoginRequest(username="admin", password=ADMIN_PASSWORD)
            )
            admin = (("authorization", f"Bearer {login.tokens.access_token}"),)
        yield Isolated(server, channel, db, admin)
    finally:
        await channel.close()
        await server.stop(0)
        await db.close()


def reason_of(error: grpc.aio.AioRpcError) -> str:
    """The ErrorInfo reason of a failed call ("" when it carries none)."""
    status = grpc_status.rpc_status.from_call(error)  # type: ignore[arg-type]
    if status is None:
        return ""
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info.reason
    return ""
