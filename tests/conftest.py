"""Test fixtures: one embedded PostgreSQL and Redis and one platform per test run.

Every integration test talks to the same real servers the platform runs on, through the
same gRPC server bootstrap and interceptors, on ports the OS picks.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
import pytest_asyncio

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from services.registry import SERVICE_NAMES
from services.runtime.server import PursightServer
from services.runtime.settings import Settings, load_settings

ADMIN_PASSWORD = "Correct-Horse-Battery-9"


@dataclass
class Platform:
    """A running PurSight with every service on one port, and an admin session."""

    server: PursightServer
    settings: Settings
    channel: grpc.aio.Channel
    admin_token: str

    @property
    def admin(self) -> tuple[tuple[str, str], ...]:
        """Call metadata authenticating as the bootstrap administrator."""
        return (("authorization", f"Bearer {self.admin_token}"),)

    async def login(self, username: str, password: str) -> auth_pb2.LoginResponse:
        stub = auth_pb2_grpc.AuthServiceStub(self.channel)
        return await stub.Login(auth_pb2.LoginRequest(username=username, password=password))

    async def new_user(self, prefix: str = "user") -> tuple[str, tuple[tuple[str, str], ...]]:
        """A fresh non-admin user and metadata authenticating as them."""
        user_id = f"{prefix}-{uuid.uuid4().hex[:8]}"
        password = "Another-Secret-42!"
        stub = auth_pb2_grpc.AuthServiceStub(self.channel)
        await stub.CreateUser(
            auth_pb2.CreateUserRequest(user_id=user_id, user=auth_pb2.User(password=password)),
            metadata=self.admin,
        )
        login = await self.login(user_id, password)
        return f"users/{user_id}", (("authorization", f"Bearer {login.tokens.access_token}"),)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pursight-data")


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": str(data_dir),
        "grpc_port": 0,
        "admin_password": ADMIN_PASSWORD,
        "login_max_failures": 5,
        "shutdown_grace_seconds": 2.0,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return load_settings({k: v for k, v in os.environ.items() if k == "PATH"}, **values)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def platform(data_dir: Path) -> AsyncIterator[Platform]:
    server = await PursightServer(make_settings(data_dir), SERVICE_NAMES).start()
    channel = grpc.aio.insecure_channel(server.address)
    try:
        login = await auth_pb2_grpc.AuthServiceStub(channel).Login(
            auth_pb2.LoginRequest(username="admin", password=ADMIN_PASSWORD)
        )
        yield Platform(server, server.settings, channel, login.tokens.access_token)
    finally:
        await channel.close()
        await server.stop(0)
        if server.stores is not None:
            server.stores.embedded.stop()
