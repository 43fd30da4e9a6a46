"""Reading assets from the catalog over gRPC, as across the mesh.

Evaluations run in the background with no caller to speak for, so they call as
``services/compliance`` (the service identity); EvaluateAsset and previews run while
serving a person and forward that person's token, so they read only what that person
may read.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import grpc

from pursight.catalog.v1 import catalog_pb2, catalog_pb2_grpc, resources_pb2
from services.compliance.facts import AssetRecord, record_of
from services.compliance.rules import scope_pattern
from services.runtime.errors import ServiceError, bad_field, not_found
from services.runtime.service import Runtime

Metadata = tuple[tuple[str, str], ...]
PAGE_SIZE = 1000
# A preview or an asset's check reads at most this many assets under it.
DESCENDANTS_LIMIT = 20_000
_ANCESTOR_FETCHES = 8  # GetAsset calls in flight while walking up the tree


def _passthrough(exc: grpc.aio.AioRpcError, what: str) -> ServiceError:
    """A catalog failure as this service's error, keeping its code."""
    code = exc.code()
    return ServiceError(
        code, f"reading {what} from the catalog failed: {exc.details() or code.name}"
    )


@dataclass
class Scope:
    """What an evaluation covers: every asset, a data source's, or an asset subtree's."""

    workspace: str
    resource: str  # '' for the whole workspace

    @classmethod
    def parse(cls, workspace: str, scope: str, field: str = "scope") -> Scope:
        if not scope or scope == workspace:
            return cls(workspace, "")
        if not scope_pattern(workspace).match(scope):
            raise bad_field(
                field,
                f"must be {workspace}, one of its data sources ({workspace}/dataSources/{{id}})"
                f" or one of its assets ({workspace}/assets/{{id}})",
            )
        return cls(workspace, scope)

    @property
    def is_asset(self) -> bool:
        return "/assets/" in self.resource

    @property
    def is_data_source(self) -> bool:
        return "/dataSources/" in self.resource


class CatalogReader:
    """Pages of assets and single assets, called with ``metadata`` (None forwards the
    caller's own token)."""

    def __init__(self, runtime: Runtime, metadata: Callable[[], Metadata] | None) -> None:
        self._stub = runtime.clients.stub("catalog", catalog_pb2_grpc.CatalogServiceStub)
        self._metadata = metadata

    def _md(self) -> Metadata | None:
        return self._metadata() if self._metadata is not None else None

    async def get(self, name: str) -> resources_pb2.Asset | None:
        try:
            asset: resources_pb2.Asset = await self._stub.GetAsset(
                catalog_pb2.GetAssetRequest(name=name), metadata=self._md()
            )
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise _passthrough(exc, name) from None
        return asset

    async def pages(
        self, workspace: str, prefix: str = ""
    ) -> AsyncIterator[list[resources_pb2.Asset]]:
        token = ""
        while True:
            try:
                page = await self._stub.ListAssets(
                    catalog_pb2.ListAssetsRequest(
                        parent=workspace,
                        page_size=PAGE_SIZE,
                        page_token=token,
                        qualified_name_prefix=prefix,
                    ),
                    metadata=self._md(),
                )
            except grpc.aio.AioRpcError as exc:
                raise _passthrough(exc, f"the assets of {workspace}") from None
            yield list(page.assets)
            token = page.next_page_token
            if not token:
                return

    async def add_ancestors(self, records: dict[str, AssetRecord]) -> None:
        """Reads the parents ``records`` lacks, up to the roots, so inherited facts see
        them (a subtree's owners may sit on its database)."""
        missing = {r.parent for r in records.values() if r.parent and r.parent not in records}
        semaphore = asyncio.Semaphore(_ANCESTOR_FETCHES)

        async def fetch(name: str) -> resources_pb2.Asset | None:
            async with semaphore:
                return await self.get(name)

        seen: set[str] = set()
        while missing:
            seen |= missing
            found = await asyncio.gather(*(fetch(n) for n in sorted(missing)))
            missing = set()
            for asset in found:
                if asset is None:
                    continue
                records[asset.name] = record_of(asset)
                if asset.parent and asset.parent not in records and asset.parent not in seen:
                    missing.add(asset.parent)


async def collect(
    reader: CatalogReader,
    scope: Scope,
    *,
    on_page: Callable[[int], Awaitable[bool]] | None = None,
    limit: int | None = None,
) -> tuple[dict[str, AssetRecord], list[str]] | None:
    """Every asset an evaluation of ``scope`` needs, and the names of those in scope.

    ``on_page`` hears how many assets were read so far and returns False to stop (a
    cancelled evaluation), which makes this return None. ``limit`` caps how many assets
    are read (previews)."""
    records: dict[str, AssetRecord] = {}
    prefix = ""
    root: resources_pb2.Asset | None = None
    if scope.is_asset:
        root = await reader.get(scope.resource)
        if root is None:
            raise not_found("Asset", scope.resource)
        prefix = root.qualified_name
    async for page in reader.pages(scope.workspace, prefix):
        for asset in page:
            records[asset.name] = record_of(asset)
        if on_page is not None and not await on_page(len(records)):
            return None
        if limit is not None and len(records) >= limit:
            break
    if root is not None:
        records.setdefault(root.name, record_of(root))
    await reader.add_ancestors(records)
    return records, _in_scope(records, scope)


def _in_scope(records: dict[str, AssetRecord], scope: Scope) -> list[str]:
    if not scope.resource:
        return list(records)
    if scope.is_data_source:
        return [n for n, r in records.items() if r.data_source == scope.resource]
    # An asset subtree: the prefix listing may also hold look-alikes (`orders_archive`
    # under the prefix `orders`); keep those whose parents lead to the root.
    inside: dict[str, bool] = {scope.resource: True}

    def under(name: str) -> bool:
        chain: list[str] = []
        current: str | None = name
        while current is not None and current not in inside:
            if current in chain:  # a loop of parents never reaches the root
                current = None
                break
            chain.append(current)
            record = records.get(current)
            current = record.parent if record is not None and record.parent else None
        verdict = inside.get(current, False) if current is not None else False
        for item in chain:
            inside[item] = verdict
        return verdict

    return [n for n in records if under(n)]
