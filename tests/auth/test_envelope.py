"""Envelope encryption of stored secrets: data keys wrapped by a key-encryption key,
rotation that re-wraps data keys without touching the data, and SecretBox's API kept."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pursight.auth.v1 import auth_pb2, auth_pb2_grpc
from services.auth.keys import KeyRing
from services.runtime.envelope import (
    Envelope,
    EnvelopeError,
    LocalKeyFileProvider,
    parse_header,
)
from services.runtime.secretbox import SecretBox
from tests.activity._servers import Isolated, isolated_server
from tests.conftest import Platform


class CountingProvider(LocalKeyFileProvider):
    """The local provider, counting how often it is asked (a remote vault's cost)."""

    def __init__(self, path: Path) -> None:
        self.wraps = 0
        self.unwraps = 0
        super().__init__(path)

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        self.wraps += 1
        return super().wrap(data_key)

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        self.unwraps += 1
        return super().unwrap(key_id, wrapped)


def test_the_key_file_is_private_and_secrets_round_trip(tmp_path: Path) -> None:
    box = SecretBox.from_key_file(tmp_path / "keys" / "secret.key")
    assert stat.S_IMODE(os.stat(tmp_path / "keys" / "secret.key").st_mode) == 0o600
    sealed = box.seal(b"p@ssw0rd", "workspaces/w/dataSources/d")
    assert b"p@ssw0rd" not in sealed
    assert box.open(sealed, "workspaces/w/dataSources/d") == b"p@ssw0rd"
    with pytest.raises(InvalidTag):  # bound to its owner: moved elsewhere, it won't open
        box.open(sealed, "workspaces/w/dataSources/other")
    # Another box over the same key file (another service, another process) opens it.
    assert (
        SecretBox.from_key_file(tmp_path / "keys" / "secret.key").open(
            sealed, "workspaces/w/dataSources/d"
        )
        == b"p@ssw0rd"
    )


def test_data_keys_are_wrapped_once_and_unwrapped_once(tmp_path: Path) -> None:
    provider = CountingProvider(tmp_path / "kek")
    envelope = Envelope(provider)
    sealed = [envelope.seal(f"secret {i}".encode(), f"ctx/{i}") for i in range(50)]
    assert provider.wraps == 1  # one data key for the process, wrapped once
    assert len({parse_header(s).wrapped for s in sealed}) == 1
    fresh = Envelope(provider)  # another process: unwraps the data key once, then caches
    assert [fresh.open(s, f"ctx/{i}") for i, s in enumerate(sealed)] == [
        f"secret {i}".encode() for i in range(50)
    ]
    assert provider.unwraps == 1
    small = Envelope(provider, max_dek_uses=2)
    keys = {parse_header(small.seal(b"x", "c")).wrapped for _ in range(5)}
    assert len(keys) == 3  # a new data key after every second use


def test_rotation_rewraps_data_keys_without_touching_the_data(tmp_path: Path) -> None:
    path = tmp_path / "kek"
    provider = LocalKeyFileProvider(path)
    envelope = Envelope(provider)
    sealed = envelope.seal(b"card 4111 1111 1111 1111", "auth.signing_keys/k1")
    old_kek = provider.current_key_id()
    new_kek = provider.rotate()
    assert new_kek != old_kek
    assert provider.retired_dir.joinpath(old_kek.removeprefix("local:") + ".key").exists()
    # Not yet re-wrapped: still opens with the retired key.
    assert envelope.open(sealed, "auth.signing_keys/k1") == b"card 4111 1111 1111 1111"
    assert envelope.needs_rewrap(sealed)
    rewrapped = envelope.rewrap(sealed, "auth.signing_keys/k1")
    before, after = parse_header(sealed), parse_header(rewrapped)
    assert (before.key_id, after.key_id) == (old_kek, new_kek)
    assert before.wrapped != after.wrapped
    # The encrypted payload (nonce, ciphertext, tag) is byte for byte the same.
    assert sealed[before.body_offset :] == rewrapped[after.body_offset :]
    assert not envelope.needs_rewrap(rewrapped)
    assert envelope.rewrap(rewrapped, "auth.signing_keys/k1") == rewrapped
    # Once the old KEK is retired, only the re-wrapped envelope opens.
    provider.retire(old_kek)
    other_process = Envelope(LocalKeyFileProvider(path))
    assert other_process.open(rewrapped, "auth.signing_keys/k1") == b"card 4111 1111 1111 1111"
    with pytest.raises(EnvelopeError):
        other_process.open(sealed, "auth.signing_keys/k1")
    with pytest.raises(EnvelopeError):
        provider.retire(provider.current_key_id())
    # A damaged envelope is never re-wrapped.
    damaged = rewrapped[:-1] + bytes([rewrapped[-1] ^ 1])
    with pytest.raises(InvalidTag):
        other_process.rewrap(damaged, "auth.signing_keys/k1")


def test_a_rotation_elsewhere_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "kek"
    here, there = SecretBox.from_key_file(path), SecretBox.from_key_file(path)
    first = here.seal(b"one", "c")
    there.provider.rotate()
    second = here.seal(b"two", "c")  # sealed under the new KEK, noticed from the file
    assert parse_header(second).key_id == there.provider.current_key_id()
    assert parse_header(first).key_id != parse_header(second).key_id
    assert there.open(first, "c") == b"one"


def test_secrets_sealed_before_envelopes_still_open_and_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "secret.key"
    key = AESGCM.generate_key(bit_length=256)
    path.write_bytes(key)
    nonce = os.urandom(12)
    legacy = nonce + AESGCM(key).encrypt(nonce, b"old secret", b"ctx")
    box = SecretBox.from_key_file(path)
    assert box.open(legacy, "ctx") == b"old secret"
    assert box.needs_rewrap(legacy)
    upgraded = box.rewrap(legacy, "ctx")
    assert parse_header(upgraded).key_id == box.provider.current_key_id()
    assert box.open(upgraded, "ctx") == b"old secret"
    box.provider.rotate()  # a legacy secret still opens with the retired key file
    assert box.open(legacy, "ctx") == b"old secret"
    with pytest.raises(InvalidTag):
        box.open(legacy, "other")
    assert SecretBox(key).open(legacy, "ctx") == b"old secret"  # the raw-key constructor


def test_the_azure_provider_needs_its_extra_or_a_key_url() -> None:
    from services.runtime.envelope import AzureKeyVaultProvider

    with pytest.raises(EnvelopeError):
        AzureKeyVaultProvider("https://vault.example/not-a-key-url", credential=object())


@pytest_asyncio.fixture(loop_scope="session")
async def own_keys(platform: Platform, tmp_path: Path) -> AsyncIterator[Isolated]:
    async with isolated_server(platform, tmp_path, ["auth", "activity"]) as server:
        yield server


async def test_signing_keys_are_rewrapped_after_a_rotation(own_keys: Isolated) -> None:
    runtime = own_keys.server.runtime
    assert runtime is not None
    box = SecretBox.from_settings(runtime.settings)
    ring = KeyRing(own_keys.pool, box, runtime.settings)
    await ring.rotate()  # two signing keys, both sealed under the first KEK
    before = {
        r["kid"]: bytes(r["private_key"])
        for r in await own_keys.pool.fetch("SELECT kid, private_key FROM auth.signing_keys")
    }
    old_kek = box.provider.current_key_id()
    box.provider.rotate()
    assert await ring.rewrap() == len(before)
    after = {
        r["kid"]: bytes(r["private_key"])
        for r in await own_keys.pool.fetch("SELECT kid, private_key FROM auth.signing_keys")
    }
    for kid, sealed in after.items():
        old, new = parse_header(before[kid]), parse_header(sealed)
        assert new.key_id == box.provider.current_key_id() != old.key_id
        assert before[kid][old.body_offset :] == sealed[new.body_offset :]
    assert await ring.rewrap() == 0
    assert isinstance(box.provider, LocalKeyFileProvider)
    box.provider.retire(old_kek)
    # The server still signs with its (re-wrapped) key after the old KEK is gone.
    fresh = KeyRing(own_keys.pool, SecretBox.from_settings(runtime.settings), runtime.settings)
    assert (await fresh.current()).kid in after
    stub = auth_pb2_grpc.AuthServiceStub(own_keys.channel)
    assert (await stub.GetJwks(auth_pb2.GetJwksRequest())).keys
