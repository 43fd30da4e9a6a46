"""How the gateway picks the client's address and how services check what it forwards."""

from __future__ import annotations

import dataclasses

import pytest

from services.runtime.forwarded import (
    FORWARDED_FOR,
    SIGNATURE,
    ForwardedFor,
    client_address,
    parse_networks,
)
from services.runtime.settings import Settings, SettingsError, _validate

LOOPBACK = parse_networks("127.0.0.0/8, ::1")


def test_without_trusted_proxies_the_client_is_whoever_connected() -> None:
    assert client_address("203.0.113.9", "10.0.0.5", ()) == "10.0.0.5"
    assert client_address("", "10.0.0.5", LOOPBACK) == "10.0.0.5"
    assert client_address("203.0.113.9", None, LOOPBACK) is None


def test_trusted_hops_are_skipped_from_the_right() -> None:
    assert client_address("203.0.113.9", "127.0.0.1", LOOPBACK) == "203.0.113.9"
    # What the client wrote to the left of the first untrusted hop is ignored.
    assert client_address("1.1.1.1, 203.0.113.9", "127.0.0.1", LOOPBACK) == "203.0.113.9"
    assert client_address("1.1.1.1, 203.0.113.9, 127.0.0.6", "::1", LOOPBACK) == "203.0.113.9"
    # Ports and brackets as proxies write them.
    assert client_address("203.0.113.9:4711", "127.0.0.1", LOOPBACK) == "203.0.113.9"
    assert client_address("[2001:db8::7]:443", "127.0.0.1", LOOPBACK) == "2001:db8::7"
    # Only trusted hops: the left-most one is the best known.
    assert client_address("127.0.0.2", "127.0.0.1", LOOPBACK) == "127.0.0.2"


def test_a_hop_that_is_not_an_address_ends_the_walk() -> None:
    assert client_address("evil, 203.0.113.9", "127.0.0.1", LOOPBACK) == "203.0.113.9"
    assert client_address("203.0.113.9, not-an-ip", "127.0.0.1", LOOPBACK) == "127.0.0.1"


def test_services_believe_only_what_the_gateway_signed_for_the_request() -> None:
    gateway = ForwardedFor(b"k" * 32)
    signed = dict(gateway.metadata("req-1", "203.0.113.9"))
    assert gateway.verified("req-1", signed) == "203.0.113.9"
    assert gateway.verified("req-2", signed) is None  # another request's signature
    assert gateway.verified("req-1", {**signed, FORWARDED_FOR: "198.51.100.7"}) is None
    assert gateway.verified("req-1", {FORWARDED_FOR: "203.0.113.9"}) is None
    assert gateway.verified("req-1", {**signed, SIGNATURE: ""}) is None
    assert ForwardedFor(b"o" * 32).verified("req-1", signed) is None  # another secret


def test_trusted_proxies_are_checked_when_settings_load() -> None:
    assert [str(n) for n in parse_networks("10.1.0.0/16,::1")] == ["10.1.0.0/16", "::1/128"]
    with pytest.raises(SettingsError, match="GATEWAY_TRUSTED_PROXIES: 'ten' is not"):
        _validate(dataclasses.replace(Settings(), gateway_trusted_proxies="10.0.0.0/8, ten"))
