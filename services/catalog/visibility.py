"""Which assets a caller may see, as a SQL condition for lists and search.

The authorization interceptor checks the scope a request names; a list or a search
returns many assets, each in its own data source and under its own parents, and a
search over ``workspaces/-`` names no workspace at all. So these methods ask the rbac
service where the caller holds the permission (``ListGrantedScopes``, cached by the
AccessClient) and turn the answer into a condition the query itself applies, rather
than checking the results one by one:

- an asset shows when a grant covers its workspace, its data source, or itself or an
  asset above it;
- and no denial covers any of those (a denial beats any grant).

For the bootstrap administrator and services the answer is "everything", and the
condition is ``true``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from services.runtime.access import Grants
from services.runtime.scopes import PLATFORM, ScopeKind, kind, within


@dataclass(frozen=True)
class Reach:
    """Assets to include and to hide, by workspace, data source and asset subtree."""

    everything: bool = False
    workspaces: list[str] = field(default_factory=list)  # ids
    data_sources: list[str] = field(default_factory=list)  # full names
    assets: list[str] = field(default_factory=list)  # ids; their subtrees too
    hidden_workspaces: list[str] = field(default_factory=list)
    hidden_data_sources: list[str] = field(default_factory=list)
    hidden_assets: list[str] = field(default_factory=list)
    nothing: bool = False

    @classmethod
    def of(cls, grants: Grants, workspace: str = "") -> Reach:
        """From ListGrantedScopes' answer, optionally within ``workspaces/{workspace}``."""
        if PLATFORM in grants.denied:
            return cls(nothing=True)
        container = f"workspaces/{workspace}" if workspace else PLATFORM
        allowed = [s for s in grants.allowed if within(s, container)]
        denied = [s for s in grants.denied if within(s, container)]
        # A grant or denial above the container counts for all of it.
        if any(within(container, s) for s in grants.denied if s != PLATFORM):
            return cls(nothing=True)
        whole = grants.platform_wide or any(within(container, s) for s in grants.allowed)
        by_kind: dict[int, list[str]] = {k: [] for k in ScopeKind.values()}
        for scope in allowed:
            by_kind[kind(scope)].append(scope)
        hidden: dict[int, list[str]] = {k: [] for k in ScopeKind.values()}
        for scope in denied:
            hidden[kind(scope)].append(scope)
        return cls(
            everything=whole and not workspace,
            workspaces=[workspace]
            if whole and workspace
            else _ids(by_kind, ScopeKind.SCOPE_KIND_WORKSPACE),
            data_sources=by_kind[ScopeKind.SCOPE_KIND_DATA_SOURCE],
            assets=_ids(by_kind, ScopeKind.SCOPE_KIND_ASSET),
            hidden_workspaces=_ids(hidden, ScopeKind.SCOPE_KIND_WORKSPACE),
            hidden_data_sources=hidden[ScopeKind.SCOPE_KIND_DATA_SOURCE],
            hidden_assets=_ids(hidden, ScopeKind.SCOPE_KIND_ASSET),
        )

    def clause(self, add: Callable[[object], str]) -> str:
        """A condition on ``catalog.assets`` columns; ``add`` binds a parameter."""
        if self.nothing:
            return "false"
        parts = []
        if not self.everything:
            shown = []
            if self.workspaces:
                shown.append(f"workspace = ANY({add(self.workspaces)}::text[])")
            if self.data_sources:
                shown.append(f"data_source = ANY({add(self.data_sources)}::text[])")
            if self.assets:
                shown.append(f"id IN ({_subtree(add(self.assets))})")
            parts.append("(" + (" OR ".join(shown) or "false") + ")")
        if self.hidden_workspaces:
            parts.append(f"NOT (workspace = ANY({add(self.hidden_workspaces)}::text[]))")
        if self.hidden_data_sources:
            parts.append(f"NOT (data_source = ANY({add(self.hidden_data_sources)}::text[]))")
        if self.hidden_assets:
            parts.append(f"id NOT IN ({_subtree(add(self.hidden_assets))})")
        return " AND ".join(parts) or "true"


def _ids(by_kind: dict[int, list[str]], wanted: int) -> list[str]:
    return [scope.rsplit("/", 1)[1] for scope in by_kind[wanted]]


def _subtree(param: str) -> str:
    """The ids of the assets ``param`` names and of every asset below them."""
    return (
        f"WITH RECURSIVE below(id) AS (SELECT unnest({param}::text[])"  # noqa: S608 - param is a $n placeholder
        " UNION SELECT c.id FROM catalog.assets c JOIN below b ON c.parent_id = b.id)"
        " SELECT id FROM below"
    )
