"""Encryption of secrets at rest: the API services use, over envelope encryption.

``SecretBox`` keeps the interface its callers were written against (``seal`` and
``open`` with a context that binds a ciphertext to its owner, ``from_key_file``) and
seals with ``envelope.Envelope``: a data key per process wrapped by a key-encryption
key from a key provider (the key file by default, Azure Key Vault when the settings say
so). ``rewrap`` moves a stored secret to the current key-encryption key after a
rotation without re-encrypting it.

Ciphertexts sealed before envelopes (a nonce and AES-256-GCM under the key file itself)
still open, with the current or any retired key file; ``rewrap`` upgrades them.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from services.runtime.envelope import (
    MAGIC,
    Envelope,
    EnvelopeError,
    KeyProvider,
    LocalKeyFileProvider,
    StaticKeyProvider,
    parse_header,
    provider_from_settings,
)
from services.runtime.settings import Settings

_LEGACY_NONCE_BYTES = 12
KEY_FILE = Path("keys") / "secret.key"


class SecretBox:
    """Seals and opens small secrets; ``context`` binds a ciphertext to its owner."""

    def __init__(self, key: bytes | None = None, *, provider: KeyProvider | None = None) -> None:
        if provider is None:
            if key is None:
                raise ValueError("SecretBox needs a key or a key provider")
            provider = StaticKeyProvider(key)
        self.provider = provider
        self.envelope = Envelope(provider)

    @classmethod
    def from_key_file(cls, path: Path) -> SecretBox:
        """A box whose key-encryption key is the file at ``path`` (created if missing)."""
        return cls(provider=LocalKeyFileProvider(path))

    @classmethod
    def from_settings(cls, settings: Settings) -> SecretBox:
        """The box the settings configure: the data directory's key file, or the Azure
        Key Vault key named by ``PURSIGHT_KEY_VAULT_KEY_URL``."""
        return cls(
            provider=provider_from_settings(
                Path(settings.data_dir) / KEY_FILE,
                settings.key_provider,
                settings.key_vault_key_url,
            )
        )

    def seal(self, plaintext: bytes, context: str) -> bytes:
        return self.envelope.seal(plaintext, context)

    def open(self, sealed: bytes, context: str) -> bytes:
        if _is_envelope(sealed):
            return self.envelope.open(sealed, context)
        return self._open_legacy(sealed, context)

    def _open_legacy(self, sealed: bytes, context: str) -> bytes:
        keys = getattr(self.provider, "keys", None)
        if keys is None:
            raise EnvelopeError("not an envelope, and this key provider has no legacy keys")
        nonce, body = sealed[:_LEGACY_NONCE_BYTES], sealed[_LEGACY_NONCE_BYTES:]
        for key in keys():
            try:
                return AESGCM(key).decrypt(nonce, body, context.encode())
            except InvalidTag:
                continue
        raise InvalidTag()

    def needs_rewrap(self, sealed: bytes) -> bool:
        """Whether ``sealed`` is not (yet) wrapped under the current key-encryption key."""
        return not _is_envelope(sealed) or self.envelope.needs_rewrap(sealed)

    def rewrap(self, sealed: bytes, context: str) -> bytes:
        """``sealed`` with its data key wrapped under the current key-encryption key; the
        encrypted payload is unchanged. A legacy ciphertext is sealed anew."""
        if _is_envelope(sealed):
            return self.envelope.rewrap(sealed, context)
        return self.seal(self._open_legacy(sealed, context), context)


def _is_envelope(sealed: bytes) -> bool:
    """Whether ``sealed`` has an envelope header (one legacy nonce in 2**32 starts with
    the magic bytes; its header then fails to parse, and it is opened as legacy)."""
    if not sealed.startswith(MAGIC):
        return False
    try:
        parse_header(sealed)
    except EnvelopeError:
        return False
    return True
