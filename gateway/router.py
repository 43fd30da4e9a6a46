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
# Candidate lists are kept for paths up to this deep (no template is deeper); a deeper
# path, which can only match a ``**`` template, has its list built each time, so no
# request can grow the cache.
_MAX_CACHED_SLASHES = 32


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
        # The bindings a path could match, by method and number of slashes, in the same
        # order: a request tries a few templates instead of every one of its method.
        self._by_shape: dict[tuple[str, int], list[Binding]] = {}

    @property
    def bindings(self) -> list[Binding]:
        """The reachable bindings, grouped by HTTP method, most specific first."""
        return [b for group in self._by_method.values() for b in group]

    def _candidates(self, http_method: str, raw_path: str) -> list[Binding]:
        slashes = raw_path.count("/")
        key = (http_method, slashes)
        found = self._by_shape.get(key)
        if found is None:
            found = [
                b
                for b in self._by_method.get(http_method, ())
                if b.template.slashes in (None, slashes)
            ]
            if slashes <= _MAX_CACHED_SLASHES and http_method in self._by_method:
                self._by_shape[key] = found
        return found

    def _first_match(self, http_method: str, raw_path: str) -> RouteMatch | None:
        for binding in self._candidates(http_method, raw_path):
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
