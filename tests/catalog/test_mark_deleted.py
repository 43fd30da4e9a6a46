"""MarkAssetsDeleted by exact names: each named asset and its subtree, never a sibling
that merely shares the name as a prefix, never an asset seen since the cut-off."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf import timestamp_pb2

from pursight.catalog.v1 import catalog_pb2
from tests.catalog._helpers import DB, Catalog, Kind, new_catalog, qn, shop
from tests.conftest import Platform
from tests.integration.test_workspace import violations

TABLES = {"customers": ["id", "email"], "customers_archive": ["id"], "orders": ["id"]}


def _now() -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(datetime.now(UTC))
    return stamp


async def _mark(cat: Catalog, since: timestamp_pb2.Timestamp, *names: str) -> int:
    reply = await cat.stub.MarkAssetsDeleted(
        catalog_pb2.MarkAssetsDeletedRequest(
            parent=cat.ws, qualified_names=names, not_seen_since=since, actor="scans/s1/runs/r2"
        ),
        metadata=cat.md,
    )
    return reply.deleted_count


async def _deleted(cat: Catalog) -> set[str]:
    listing = await cat.stub.ListAssets(
        catalog_pb2.ListAssetsRequest(parent=cat.ws, show_deleted=True, page_size=1000),
        metadata=cat.md,
    )
    return {a.qualified_name for a in listing.assets if a.deleted}


async def test_names_mark_the_asset_and_its_subtree_but_not_a_sibling(
    platform: Platform,
) -> None:
    cat = await new_catalog(platform)
    first = await cat.upsert(shop(TABLES))
    since = _now()
    await cat.upsert(shop({"orders": ["id"]}))  # seen again: the database, schema, orders

    # `customers` is a prefix of `customers_archive`; by name, only the table and its
    # columns go. A name of no asset counts for nothing.
    assert await _mark(cat, since, qn("customers"), qn("nowhere")) == 3
    customers = {qn("customers"), qn("customers", "id"), qn("customers", "email")}
    assert await _deleted(cat) == customers
    for name in customers:
        history = await cat.changes(first[name].name)
        assert len(history) == 2
        assert (history[0].kind, history[0].version) == (Kind.KIND_DELETED, 2)
        assert history[0].actor == "scans/s1/runs/r2"
        assert list(history[0].changed_fields) == ["deleted"]

    # The schema was seen since, so it stays, as does `orders` under it; what was not
    # seen below it goes, however deep, and what is already deleted is not counted again.
    assert await _mark(cat, since, f"{DB}/public") == 2
    archive = {qn("customers_archive"), qn("customers_archive", "id")}
    assert await _deleted(cat) == customers | archive
    assert await _mark(cat, since, f"{DB}/public", qn("customers")) == 0
    assert len(await cat.changes(first[qn("customers_archive")].name)) == 2


async def test_an_asset_seen_since_is_never_marked(platform: Platform) -> None:
    cat = await new_catalog(platform)
    await cat.upsert(shop(TABLES))
    since = _now()
    await cat.upsert(shop(TABLES))  # a run that saw everything again
    assert await _mark(cat, since, DB, qn("customers")) == 0
    assert await _deleted(cat) == set()


@pytest.mark.parametrize(
    ("prefix", "names", "fields"),
    [
        (DB, [qn("customers")], ["qualified_name_prefix", "qualified_names"]),
        ("", [], ["qualified_name_prefix", "qualified_names"]),
        ("", [f"{DB}/t{i}" for i in range(5001)], ["qualified_names"]),
    ],
    ids=["both", "neither", "over the cap"],
)
async def test_exactly_one_of_prefix_and_names_and_a_capped_list(
    platform: Platform, prefix: str, names: list[str], fields: list[str]
) -> None:
    cat = await new_catalog(platform)
    await cat.upsert(shop(TABLES))
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.MarkAssetsDeleted(
            catalog_pb2.MarkAssetsDeletedRequest(
                parent=cat.ws,
                qualified_name_prefix=prefix,
                qualified_names=names,
                not_seen_since=_now(),
            ),
            metadata=cat.md,
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == fields
    assert await _deleted(cat) == set()  # a refused call marks nothing
