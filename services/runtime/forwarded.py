"""Which address a call came from, when it came through the REST gateway.

Services record the client's address in the audit trail and throttle logins by it, so it
must not be something the client writes. The gateway works it out from the request
(``client_address``) and forwards one address with an HMAC over it and the request id,
keyed with the secret every PurSight process shares; a service believes a forwarded
address only with a valid signature (``ForwardedFor.verified``) and otherwise uses the
connection's own peer. A gRPC client that sets ``x-forwarded-for`` itself changes nothing.

Behind proxies (an ingress controller, a mesh sidecar), ``X-Forwarded-For`` lists the
hops each proxy saw. Only hops appended by proxies the operator trusts
(``PURSIGHT_GATEWAY_TRUSTED_PROXIES``) are skipped, from the right; the first one not
trusted is the client. Everything to its left was written by the client or proxies
nobody vouches for.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
from collections.abc import Iterable, Mapping, Sequence

FORWARDED_FOR = "x-forwarded-for"
SIGNATURE = "x-pursight-forwarded-sig"
_CONTEXT = b"pursight forwarded-for v1\0"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"127.0.0.0/8, ::1"`` -> networks; ValueError names the entry that is not one."""
    networks: list[Network] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an address or network") from None
    return tuple(networks)


def _address(hop: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = hop.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(forwarded_for: str, peer: str | None, trusted: Sequence[Network]) -> str | None:
    """The client's address: the connection's ``peer`` unless it is a trusted proxy,
    then the right-most ``X-Forwarded-For`` hop that is not one. Hops that are not
    addresses end the walk (a proxy would not write them)."""
    if peer is None:
        return None
    hops: list[str] = [peer]
    hops.extend(reversed([h for h in (p.strip() for p in forwarded_for.split(",")) if h]))
    chosen = peer
    for hop in hops:
        address = _address(hop)
        if address is None:
            break
        chosen = str(address)
        if not any(address in network for network in trusted):
            break
    return chosen


class ForwardedFor:
    """Signs (gateway) and checks (services) forwarded client addresses."""

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, _CONTEXT, hashlib.sha256).digest()

    def _mac(self, request_id: str, address: str) -> str:
        message = f"{request_id}\0{address}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def metadata(self, request_id: str, address: str) -> Iterable[tuple[str, str]]:
        """What the gateway sends along with a call made for ``address``."""
        return ((FORWARDED_FOR, address), (SIGNATURE, self._mac(request_id, address)))

    def verified(self, request_id: str, metadata: Mapping[str, str]) -> str | None:
        """The forwarded address when the gateway signed it for this request."""
        address, signature = metadata.get(FORWARDED_FOR), metadata.get(SIGNATURE)
        if not address or not signature:
            return None
        if not hmac.compare_digest(signature, self._mac(request_id, address)):
            return None
        return address
