"""Picks the binding for an HTTP method and raw path.

Bindings are sorted once by template specificity (see ``path_template``), so the first
template that matches the whole path is the most specific one: ``:search`` before the
bare resource, a literal collection before a ``*``. Two bindings with the same method
and the same template would make one of them unreachable; that is logged at start-up
and the first one (in service then declaration order) wins.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import grpc

from gateway.bindings import Binding
from gateway.errors import GatewayError, bad_request, gateway_error

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RouteMatch:
    """The chosen binding and its path variables, decoded, by field path."""

    binding: Binding
    variables: dict[str, str]


class Router:
    """Method + full-path matching over every binding."""

    def __init__(self, bindings: Iterable[Binding]) -> None:
        by_method: dict[str, list[Binding]] = defaultdict(list)
        for binding in bindings:
            by_method[binding.http_method].append(binding)
        self._by_method: dict[str, list[Binding]] = {}
        for http_method, group in by_method.items():
            ordered = sorted(group, key=lambda b: b.template.specificity)
            seen: dict[str, Binding] = {}
            kept: list[Binding] = []
            for binding in ordered:
                shape = binding.template.pattern.pattern
                if shape in seen:
                    _log.warning(
                        "%s %s of %s is shadowed by %s",
                        http_method,
                        binding.template.source,
                        binding.method.full_name,
                        seen[shape].method.full_name,
                    )
                    continue
                seen[shape] = binding
                kept.append(binding)
            self._by_method[http_method] = kept

    @property
    def bindings(self) -> list[Binding]:
        """The reachable bindings, grouped by HTTP method, most specific first."""
        return [b for group in self._by_method.values() for b in group]

    def _first_match(self, http_method: str, raw_path: str) -> RouteMatch | None:
        for binding in self._by_method.get(http_method, ()):
            try:
                variables = binding.template.match(raw_path)
            except UnicodeDecodeError:
                raise bad_request("", "the path is not valid percent-encoded UTF-8") from None
            if variables is not None:
                return RouteMatch(binding, variables)
        return None

    def match(self, http_method: str, raw_path: str) -> RouteMatch:
        """The route for a request; GatewayError 404 or 405 when there is none."""
        found = self._first_match(http_method.upper(), raw_path)
        if found is not None:
            return found
        allowed = sorted(
            other
            for other in self._by_method
            if other != http_method.upper() and self._first_match(other, raw_path) is not None
        )
        if allowed:
            raise gateway_error(
                grpc.StatusCode.UNIMPLEMENTED,
                f"method {http_method.upper()} is not allowed on {raw_path}",
                http_status=405,
                headers={"Allow": ", ".join(allowed)},
            )
        raise _not_found(raw_path)


def _not_found(raw_path: str) -> GatewayError:
    return gateway_error(grpc.StatusCode.NOT_FOUND, f"no route for {raw_path}")
