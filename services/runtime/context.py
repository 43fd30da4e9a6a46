"""The identity and ids of the call being served, shared through a context variable.

Interceptors set it; handlers, the audit hook and outgoing inter-service calls read it,
so a service never threads the caller through every function by hand.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Principal:
    """Who is calling: ``users/alice``, ``serviceAccounts/etl`` or anonymous."""

    name: str
    token_id: str = ""
    token: str = field(default="", repr=False)  # forwarded on inter-service calls
    claims: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def authenticated(self) -> bool:
        return bool(self.name)


ANONYMOUS = Principal(name="")


@dataclass
class CallInfo:
    """Facts about the current RPC, filled in as the interceptors run."""

    method: str
    request_id: str
    peer: str
    principal: Principal = ANONYMOUS
    user_agent: str = ""
    deadline: float | None = None  # seconds left when the call arrived


_current: contextvars.ContextVar[CallInfo | None] = contextvars.ContextVar(
    "pursight_call", default=None
)


def current_call() -> CallInfo | None:
    return _current.get()


def current_principal() -> Principal:
    call = _current.get()
    return call.principal if call else ANONYMOUS


def set_call(info: CallInfo) -> contextvars.Token[CallInfo | None]:
    return _current.set(info)


def reset_call(token: contextvars.Token[CallInfo | None]) -> None:
    _current.reset(token)
