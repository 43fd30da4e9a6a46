"""Envelope encryption of stored secrets: data keys wrapped by a key-encryption key.

Each secret is encrypted with AES-256-GCM under a data key (DEK); the DEK is wrapped by
a key-encryption key (KEK) that a key provider holds, and the wrapped DEK travels in
the envelope's header. The KEK never touches the data, so:

* rotating the KEK re-wraps data keys only: ``Envelope.rewrap`` swaps an envelope's
  header for one wrapped under the current KEK and leaves the encrypted payload (nonce,
  ciphertext and tag) byte for byte as it was;
* the KEK may live where it cannot be read at all (Azure Key Vault wraps and unwraps
  inside the vault), and a leaked database holds nothing usable without it.

A process reuses one DEK for many seals (GCM with random nonces is sound for far more
messages than ``MAX_DEK_USES``), so a remote provider is asked to wrap once per DEK, and
unwrapped DEKs are cached, so it is asked to unwrap once per DEK too.

Envelope format, version 1 (every integer big-endian)::

    b"PSE" 0x01 | u16 len | KEK id (UTF-8) | u16 len | wrapped DEK | 12-byte nonce | ciphertext+tag

The payload's associated data is ``b"pursight-envelope-v1\\0" + context``, binding a
ciphertext to its owner (``auth.signing_keys/<kid>``, a data source's name): moved to
another row, it no longer opens.

Providers: ``LocalKeyFileProvider`` (the default: a 32-byte key file, 0600, in the data
directory, or a Kubernetes secret mounted there) and ``AzureKeyVaultProvider`` (the
``azure`` extra: azure-keyvault-keys and azure-identity, RSA-OAEP-256 wrapping by a Key
Vault key). The interface is synchronous because SecretBox's callers are; a provider
that goes over the network is called once per DEK, not per secret.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives import keywrap
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"PSE\x01"
NONCE_BYTES = 12
DEK_BYTES = 32
MAX_DEK_USES = 1 << 20
UNWRAPPED_CACHE = 1024
_AAD_PREFIX = b"pursight-envelope-v1\x00"


class EnvelopeError(ValueError):
    """An envelope that is malformed, or whose KEK the provider does not hold."""


class KeyProvider(Protocol):
    """Holds key-encryption keys: wraps new data keys under the current one and unwraps
    data keys under any it still holds."""

    def current_key_id(self) -> str: ...

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        """``data_key`` wrapped by the current KEK, and that KEK's id."""
        ...

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes: ...

    def rotate(self) -> str:
        """Makes a new KEK current (the old ones still unwrap); returns its id."""
        ...


def local_key_id(key: bytes) -> str:
    """A KEK's id: a fingerprint that names the key without revealing it."""
    return "local:" + hashlib.sha256(b"pursight kek id\x00" + key).hexdigest()[:16]


def _write_private(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` atomically, readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)


class LocalKeyFileProvider:
    """KEKs in files: the current one at ``path``, retired ones beside it in
    ``<path>.retired/<id>.key`` (kept so envelopes not yet re-wrapped still open).

    The file is created on first use. In Kubernetes the key is a mounted secret, and
    rotation is the operator's: the new key goes to ``path`` and the old one into the
    ``.retired`` folder of the same secret, then each service re-wraps what it stores.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._keys: dict[str, bytes] = {}
        self._current = ""
        self._stamp: tuple[int, int] | None = None
        self._load()

    @property
    def retired_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".retired")

    def _load(self) -> None:
        with self._lock:
            if not self.path.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:  # another process won the race
                    pass
                else:
                    try:
                        os.write(fd, AESGCM.generate_key(bit_length=256))
                    finally:
                        os.close(fd)
            current = self.path.read_bytes()
            if len(current) != DEK_BYTES:
                raise EnvelopeError(f"{self.path}: a key-encryption key must be 32 bytes")
            keys = {local_key_id(current): current}
            if self.retired_dir.is_dir():
                for item in sorted(self.retired_dir.glob("*.key")):
                    key = item.read_bytes()
                    if len(key) == DEK_BYTES:
                        keys[local_key_id(key)] = key
            self._keys = keys
            self._current = local_key_id(current)
            stat = self.path.stat()
            self._stamp = (stat.st_mtime_ns, stat.st_ino)

    def _refresh_if_changed(self) -> None:
        """Another process (or an operator) may have rotated the file."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return
        if (stat.st_mtime_ns, stat.st_ino) != self._stamp:
            self._load()

    def keys(self) -> list[bytes]:
        """Every KEK held, current first (for envelopes older than the envelope format)."""
        self._refresh_if_changed()
        current = self._keys[self._current]
        return [current, *(k for i, k in self._keys.items() if i != self._current)]

    def current_key_id(self) -> str:
        self._refresh_if_changed()
        return self._current

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        key_id = self.current_key_id()
        return key_id, keywrap.aes_key_wrap(self._keys[key_id], data_key)

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        if key_id not in self._keys:
            self._load()
        key = self._keys.get(key_id)
        if key is None:
            raise EnvelopeError(f"the key-encryption key {key_id} is not held any more")
        try:
            return keywrap.aes_key_unwrap(key, wrapped)
        except keywrap.InvalidUnwrap:
            raise EnvelopeError(f"the data key does not unwrap under {key_id}") from None

    def rotate(self) -> str:
        """A new KEK at ``path``; the old one moves to the retired folder first, so a
        crash in between loses nothing."""
        self._refresh_if_changed()
        old = self._keys[self._current]
        _write_private(self.retired_dir / f"{self._current.removeprefix('local:')}.key", old)
        _write_private(self.path, AESGCM.generate_key(bit_length=256))
        self._load()
        return self._current

    def retire(self, key_id: str) -> None:
        """Forgets a retired KEK once nothing is wrapped under it any more."""
        if key_id == self.current_key_id():
            raise EnvelopeError("the current key-encryption key cannot be retired")
        (self.retired_dir / f"{key_id.removeprefix('local:')}.key").unlink(missing_ok=True)
        self._load()


class StaticKeyProvider:
    """One in-memory KEK (``SecretBox(key)``); it cannot rotate."""

    def __init__(self, key: bytes) -> None:
        if len(key) != DEK_BYTES:
            raise ValueError("the secret key must be 32 bytes")
        self._key = key
        self._id = local_key_id(key)

    def keys(self) -> list[bytes]:
        return [self._key]

    def current_key_id(self) -> str:
        return self._id

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        return self._id, keywrap.aes_key_wrap(self._key, data_key)

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        if key_id != self._id:
            raise EnvelopeError(f"the key-encryption key {key_id} is not held")
        try:
            return keywrap.aes_key_unwrap(self._key, wrapped)
        except keywrap.InvalidUnwrap:
            raise EnvelopeError("the data key does not unwrap") from None

    def rotate(self) -> str:
        raise EnvelopeError("an in-memory key cannot rotate; use a key file or Key Vault")


class AzureKeyVaultProvider:
    """KEKs in Azure Key Vault: an RSA key wraps data keys with RSA-OAEP-256 inside the
    vault. The envelope records the key's full versioned id, so after a rotation (a new
    key version) old envelopes still unwrap with the version they name.

    Needs the ``azure`` extra; credentials come from azure-identity's
    DefaultAzureCredential (managed identity in Azure, environment or CLI elsewhere).
    Not exercised by the test suite (no vault here), but it implements the same
    interface the tests drive the local provider through."""

    def __init__(self, key_url: str, credential: Any = None) -> None:
        try:
            from azure.identity import DefaultAzureCredential
            from azure.keyvault.keys import KeyClient
            from azure.keyvault.keys.crypto import CryptographyClient, KeyWrapAlgorithm
        except ImportError as exc:  # the optional extra is missing
            raise EnvelopeError(
                "the Azure Key Vault key provider needs `pip install pursight[azure]`"
            ) from exc
        # https://<vault>.vault.azure.net/keys/<name>[/<version>]
        parts = key_url.rstrip("/").split("/")
        if len(parts) < 5 or parts[3] != "keys":
            raise EnvelopeError(f"not a Key Vault key URL: {key_url!r}")
        self._vault_url = "/".join(parts[:3])
        self._name = parts[4]
        self._credential = credential or DefaultAzureCredential()
        self._keys = KeyClient(self._vault_url, self._credential)
        self._crypto_class = CryptographyClient
        self._algorithm = KeyWrapAlgorithm.rsa_oaep_256
        self._current = ""

    def current_key_id(self) -> str:
        if not self._current:
            self._current = str(self._keys.get_key(self._name).id)
        return self._current

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        client = self._crypto_class(self.current_key_id(), self._credential)
        result = client.wrap_key(self._algorithm, data_key)
        return str(result.key_id or self.current_key_id()), bytes(result.encrypted_key)

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        client = self._crypto_class(key_id, self._credential)
        return bytes(client.unwrap_key(self._algorithm, wrapped).key)

    def rotate(self) -> str:
        self._current = str(self._keys.rotate_key(self._name).id)
        return self._current


@dataclass(frozen=True)
class Header:
    """An envelope's header: which KEK wrapped its data key, and the wrapped key."""

    key_id: str
    wrapped: bytes
    body_offset: int


def parse_header(sealed: bytes) -> Header:
    """The header of a version-1 envelope; EnvelopeError when it is not one."""
    if not sealed.startswith(MAGIC):
        raise EnvelopeError("not an envelope")
    try:
        offset = len(MAGIC)
        (id_len,) = struct.unpack_from(">H", sealed, offset)
        offset += 2
        key_id = sealed[offset : offset + id_len].decode()
        offset += id_len
        (wrapped_len,) = struct.unpack_from(">H", sealed, offset)
        offset += 2
        wrapped = sealed[offset : offset + wrapped_len]
        offset += wrapped_len
    except (struct.error, UnicodeDecodeError):
        raise EnvelopeError("a malformed envelope header") from None
    if len(wrapped) != wrapped_len or len(sealed) < offset + NONCE_BYTES + 16:
        raise EnvelopeError("a truncated envelope")
    return Header(key_id, wrapped, offset)


def _header_bytes(key_id: str, wrapped: bytes) -> bytes:
    encoded = key_id.encode()
    return (
        MAGIC
        + struct.pack(">H", len(encoded))
        + encoded
        + struct.pack(">H", len(wrapped))
        + wrapped
    )


class Envelope:
    """Seals, opens and re-wraps secrets with data keys under ``provider``'s KEKs."""

    def __init__(self, provider: KeyProvider, *, max_dek_uses: int = MAX_DEK_USES) -> None:
        self.provider = provider
        self._max_uses = max_dek_uses
        self._lock = threading.Lock()
        self._dek: tuple[bytes, str, bytes] | None = None  # key, KEK id, wrapped
        self._uses = 0
        self._unwrapped: OrderedDict[tuple[str, bytes], bytes] = OrderedDict()

    def _current_dek(self) -> tuple[bytes, str, bytes]:
        with self._lock:
            current_kek = self.provider.current_key_id()
            if self._dek is None or self._dek[1] != current_kek or self._uses >= self._max_uses:
                data_key = AESGCM.generate_key(bit_length=256)
                key_id, wrapped = self.provider.wrap(data_key)
                self._dek = (data_key, key_id, wrapped)
                self._uses = 0
                self._remember((key_id, wrapped), data_key)
            self._uses += 1
            return self._dek

    def _remember(self, key: tuple[str, bytes], data_key: bytes) -> None:
        self._unwrapped[key] = data_key
        self._unwrapped.move_to_end(key)
        while len(self._unwrapped) > UNWRAPPED_CACHE:
            self._unwrapped.popitem(last=False)

    def _data_key(self, header: Header) -> bytes:
        cache_key = (header.key_id, header.wrapped)
        with self._lock:
            found = self._unwrapped.get(cache_key)
        if found is not None:
            return found
        data_key = self.provider.unwrap(header.key_id, header.wrapped)
        with self._lock:
            self._remember(cache_key, data_key)
        return data_key

    def seal(self, plaintext: bytes, context: str) -> bytes:
        data_key, key_id, wrapped = self._current_dek()
        nonce = os.urandom(NONCE_BYTES)
        body = AESGCM(data_key).encrypt(nonce, plaintext, _AAD_PREFIX + context.encode())
        return _header_bytes(key_id, wrapped) + nonce + body

    def open(self, sealed: bytes, context: str) -> bytes:
        header = parse_header(sealed)
        data_key = self._data_key(header)
        nonce = sealed[header.body_offset : header.body_offset + NONCE_BYTES]
        body = sealed[header.body_offset + NONCE_BYTES :]
        return AESGCM(data_key).decrypt(nonce, body, _AAD_PREFIX + context.encode())

    def key_id_of(self, sealed: bytes) -> str:
        """The id of the KEK an envelope's data key is wrapped under."""
        return parse_header(sealed).key_id

    def needs_rewrap(self, sealed: bytes) -> bool:
        return self.key_id_of(sealed) != self.provider.current_key_id()

    def rewrap(self, sealed: bytes, context: str) -> bytes:
        """The same envelope with its data key wrapped under the current KEK.

        The payload is opened first (so a damaged envelope is never rewritten), then
        the new header is put in front of the untouched payload bytes."""
        header = parse_header(sealed)
        self.open(sealed, context)
        current = self.provider.current_key_id()
        if header.key_id == current:
            return sealed
        data_key = self._data_key(header)
        key_id, wrapped = self.provider.wrap(data_key)
        with self._lock:
            self._remember((key_id, wrapped), data_key)
        return _header_bytes(key_id, wrapped) + sealed[header.body_offset :]


def provider_from_settings(key_file: Path, provider: str, azure_key_url: str) -> KeyProvider:
    """The key provider the settings name: ``local`` (a key file) or ``azure``."""
    if provider == "local":
        return LocalKeyFileProvider(key_file)
    if provider == "azure":
        return AzureKeyVaultProvider(azure_key_url)
    raise EnvelopeError(f"unknown key provider {provider!r}; use local or azure")
