"""TLS modes of SQL connections, shared by the server dialects."""

from __future__ import annotations

import enum
import ssl

from services.connectors.errors import ConfigCheck


class TlsMode(enum.IntEnum):
    """Values of ``pursight.datasource.v1.TlsMode``."""

    UNSPECIFIED = 0
    DISABLE = 1
    PREFER = 2
    REQUIRE = 3
    VERIFY_CA = 4
    VERIFY_FULL = 5


def check_tls(check: ConfigCheck, mode: int, ca_certificate: str) -> TlsMode:
    """Validates a config's TLS fields; returns the mode."""
    check.require(mode in TlsMode.__members__.values(), "tls_mode", "is not a TLS mode")
    if mode == TlsMode.VERIFY_CA:
        check.require(bool(ca_certificate), "ca_certificate", "is required with VERIFY_CA")
    if ca_certificate:
        check.require(
            "-----BEGIN CERTIFICATE-----" in ca_certificate,
            "ca_certificate",
            "must be PEM (-----BEGIN CERTIFICATE-----)",
        )
    try:
        return TlsMode(mode)
    except ValueError:
        return TlsMode.UNSPECIFIED


def verifying_context(mode: TlsMode, ca_certificate: str) -> ssl.SSLContext:
    """A context that checks the server's certificate (and its name for VERIFY_FULL)
    against ``ca_certificate``, or the system's CAs when it is empty."""
    context = ssl.create_default_context(cadata=ca_certificate or None)
    context.check_hostname = mode == TlsMode.VERIFY_FULL
    context.verify_mode = ssl.CERT_REQUIRED
    return context


def unverified_context() -> ssl.SSLContext:
    """Encryption without certificate checks, for PREFER and REQUIRE (as libpq does)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context
