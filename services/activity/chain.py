"""The audit trail's hash chain: the canonical form of an event and how a chain is checked.

Canonical form, version ``v1`` (what ``hash`` covers), chosen so that anyone can
recompute it from a database dump or an export with a few lines in any language:

* a JSON object of these keys, sorted, with no whitespace (``","`` and ``":"``),
  ASCII only (``\\uXXXX`` escapes), as Python's ``json.dumps(sort_keys=True,
  separators=(",", ":"), ensure_ascii=True)`` writes it;
* ``sequence`` and ``status_code`` are integers; every other value is a string:
  ``event_time`` and ``record_time`` as RFC 3339 UTC with exactly six fractional digits
  (``2025-01-31T09:30:00.000000Z``: PostgreSQL keeps microseconds, so nothing finer is
  hashed), ``outcome`` as the enum value's name (``OUTCOME_SUCCEEDED``), ``details`` as
  its own canonical JSON text (no floating-point formatting enters the canonical form),
  and ``prev_hash`` as lowercase hex;
* ``hash = sha256(prev_hash + canonical)`` over the UTF-8 bytes, in lowercase hex; the
  first event's ``prev_hash`` is 64 zeros.

Because ``sequence`` is inside the hashed form and each event names its predecessor's
hash, an event edited in place fails its own hash, one deleted leaves a gap (or, if the
later ones were renumbered, a ``prev_hash`` that no longer matches), and events swapped
fail the ``prev_hash`` link at the first moved position. A chain rewritten from some
event onwards with freshly computed hashes is internally consistent: only a head kept
outside the database (GetChainHead, then VerifyChain with ``expected_head``) reveals it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

HASH_ALGORITHM = "sha256"
CANONICAL_FORM_VERSION = "v1"
GENESIS_HASH = "0" * 64

OUTCOME_NAMES = {
    1: "OUTCOME_SUCCEEDED",
    2: "OUTCOME_DENIED",
    3: "OUTCOME_FAILED",
}


def rfc3339(value: datetime) -> str:
    """``value`` in UTC with six fractional digits: the one spelling the hash uses."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_details(details: Mapping[str, Any]) -> str:
    """The details as canonical JSON text, as stored and hashed."""
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


@dataclass(frozen=True)
class ChainedEvent:
    """The hashed fields of one event, as stored in ``activity.events``."""

    sequence: int
    event_time: datetime
    record_time: datetime
    actor: str
    action: str
    permission: str
    resource: str
    workspace: str
    service: str
    outcome: int
    status_code: int
    status_message: str
    authorization_reason: str
    request_id: str
    trace_id: str
    client_address: str
    user_agent: str
    details: str  # canonical JSON text
    prev_hash: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ChainedEvent:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    def canonical(self) -> str:
        """The event's canonical form, version v1 (see the module docstring)."""
        fields: dict[str, Any] = {
            "sequence": self.sequence,
            "event_time": rfc3339(self.event_time),
            "record_time": rfc3339(self.record_time),
            "actor": self.actor,
            "action": self.action,
            "permission": self.permission,
            "resource": self.resource,
            "workspace": self.workspace,
            "service": self.service,
            "outcome": OUTCOME_NAMES.get(self.outcome, str(self.outcome)),
            "status_code": self.status_code,
            "status_message": self.status_message,
            "authorization_reason": self.authorization_reason,
            "request_id": self.request_id,
            "trace_id": self.trace_id,
            "client_address": self.client_address,
            "user_agent": self.user_agent,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical()).encode()).hexdigest()


# The failures VerifyChain reports, by the contract's enum value names.
HASH_MISMATCH = "FAILURE_HASH_MISMATCH"
PREV_HASH_MISMATCH = "FAILURE_PREV_HASH_MISMATCH"
SEQUENCE_GAP = "FAILURE_SEQUENCE_GAP"
HEAD_MISMATCH = "FAILURE_HEAD_MISMATCH"
TRUNCATED = "FAILURE_TRUNCATED"


@dataclass(frozen=True)
class Break:
    """The first place the chain is broken."""

    failure: str
    sequence: int
    reason: str


class ChainChecker:
    """Walks events in sequence order and stops at the first break.

    Feed it every stored event of the range, in ascending ``sequence`` order, starting
    with ``start``; ``prev_hash`` is the stored hash of event ``start - 1`` (the genesis
    hash when ``start`` is 1). Per event, in this order:

    1. its sequence must be the next one expected, else SEQUENCE_GAP at the first
       missing sequence (an event was deleted);
    2. its ``prev_hash`` must equal the previous event's stored hash, else
       PREV_HASH_MISMATCH (an event before it was deleted and the rest renumbered, or
       events were swapped, or one was inserted);
    3. its stored hash must equal ``sha256(prev_hash + canonical)``, else HASH_MISMATCH
       (the event itself was edited).
    """

    def __init__(self, start: int, prev_hash: str) -> None:
        self.expected = start
        self.prev_hash = prev_hash
        self.checked = 0
        self.last_hash = prev_hash
        self.broken: Break | None = None

    def feed(self, event: ChainedEvent, stored_hash: str) -> bool:
        """Checks one event; False once the chain is broken (stop feeding)."""
        if event.sequence != self.expected:
            self.broken = Break(
                SEQUENCE_GAP,
                self.expected,
                f"event {self.expected} is missing (the next stored event is"
                f" {event.sequence}); it was deleted",
            )
            return False
        self.checked += 1
        if event.prev_hash != self.prev_hash:
            self.broken = Break(
                PREV_HASH_MISMATCH,
                event.sequence,
                f"event {event.sequence}: prev_hash {event.prev_hash[:12]}... does not match"
                f" the previous event's hash {self.prev_hash[:12]}...; an event before it"
                " was deleted, inserted or moved",
            )
            return False
        recomputed = event.compute_hash()
        if recomputed != stored_hash:
            self.broken = Break(
                HASH_MISMATCH,
                event.sequence,
                f"event {event.sequence}: stored hash {stored_hash[:12]}... does not match"
                f" recomputed {recomputed[:12]}...; the event was edited",
            )
            return False
        self.prev_hash = stored_hash
        self.last_hash = stored_hash
        self.expected += 1
        return True
