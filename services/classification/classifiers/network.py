"""Network identifiers: IP addresses, MAC addresses and URLs."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from services.classification.classifiers._base import (
    DIGIT,
    LETTERS,
    Category,
    Sensitivity,
    ValidatorKind,
    Verdict,
    chars,
    classifier,
    define,
    hint,
)

_IPV4_IN_TEXT = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)")
_IPV6_IN_TEXT = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_URL_IN_TEXT = re.compile(r"\b(?:https?|ftp)://[^\s<>\"']+|\bwww\.[A-Za-z0-9-]+\.[^\s<>\"']+")


def _spans(pattern: re.Pattern[str], text: str, needle: str) -> Iterator[tuple[int, int]]:
    if needle in text:
        for match in pattern.finditer(text):
            yield match.span()


@classifier(
    id="ipv4-address",
    label="network.ipv4_address",
    display_name="IPv4 address",
    category=Category.NETWORK,
    sensitivity=Sensitivity.INTERNAL,
    pattern=r"(?:\d{1,3}\.){3}\d{1,3}",
    validator=ValidatorKind.IP_ADDRESS,
    charset=chars(DIGIT, "."),
    required=chars(DIGIT, "."),
    min_len=7,
    max_len=15,
    name_hints=(hint("ip", "ip_address", "ipv4", "ip_addr", "client_ip", "remote_addr", "host"),),
    strength=0.85,
    text_finder=lambda text: _spans(_IPV4_IN_TEXT, text, "."),
    context=("ip", "address", "host", "from"),
)
def ipv4_address(value: str) -> Verdict:
    """A dotted-quad IPv4 address, checked by the standard library's ipaddress module
    (octets 0-255, no leading zeros)."""
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return Verdict.REJECTED
    return Verdict.YES


@classifier(
    id="ipv6-address",
    label="network.ipv6_address",
    display_name="IPv6 address",
    category=Category.NETWORK,
    sensitivity=Sensitivity.INTERNAL,
    pattern=r"[0-9A-Fa-f:.]+(?:%[0-9A-Za-z]+)?",
    validator=ValidatorKind.IP_ADDRESS,
    charset=chars(DIGIT, LETTERS, ":.%"),
    required=chars(":"),
    min_len=3,
    max_len=50,
    name_hints=(hint("ip", "ip_address", "ipv6", "ip_addr", "client_ip", "remote_addr"),),
    strength=0.9,
    text_finder=lambda text: _spans(_IPV6_IN_TEXT, text, ":"),
    context=("ip", "ipv6", "address", "host"),
)
def ipv6_address(value: str) -> Verdict:
    """An IPv6 address in any RFC 4291 form (compressed, IPv4-mapped, scoped), checked
    by the ipaddress module; at least two colons, so times like ``12:30`` never pass."""
    if value.count(":") < 2:
        return Verdict.NO
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return Verdict.REJECTED
    return Verdict.YES


define(
    id="mac-address",
    label="network.mac_address",
    display_name="MAC address",
    description="An IEEE 802 MAC address: six hex pairs separated by ':' or '-', or three "
    "dotted groups of four (Cisco).",
    category=Category.NETWORK,
    sensitivity=Sensitivity.INTERNAL,
    pattern=r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}",
    charset=chars(DIGIT, LETTERS, ":-."),
    min_len=14,
    max_len=17,
    name_hints=(hint("mac", "mac_address", "macaddr", "hw_addr", "hwaddr", "bssid"),),
    strength=0.85,
)


@classifier(
    id="url",
    label="network.url",
    display_name="URL",
    category=Category.NETWORK,
    sensitivity=Sensitivity.INTERNAL,
    pattern=r"(?:(?:https?|ftp)://|www\.)[^\s]+",
    charset=None,
    min_len=8,
    max_len=4096,
    prefixes=("http://", "https://", "ftp://", "www.", "HTTP://", "HTTPS://"),
    name_hints=(hint("url", "uri", "link", "href", "website", "homepage", "web_site"),),
    strength=0.8,
    text_finder=lambda text: _spans(_URL_IN_TEXT, text, ""),
    context=("http", "link", "site"),
)
def url(value: str) -> Verdict:
    """A web or FTP URL with a scheme (``https://``) or a ``www.`` host, and a host
    that has a dot or is ``localhost``. Email addresses are never URLs: they have
    neither."""
    rest = value.split("://", 1)[-1]
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    if "." in host or host == "localhost" or host.startswith("["):
        return Verdict.YES
    return Verdict.REJECTED
