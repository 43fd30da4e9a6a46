"""Lineage edges and the lineage graph: directions, depth, cycles, truncation."""

from __future__ import annotations

import uuid

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import Catalog, new_catalog, qn, shop
from tests.conftest import Platform
from tests.integration.test_workspace import violations

D = catalog_pb2.LineageDirection
TABLES = {f"t{i}": ["x"] for i in range(1, 6)}


async def _edges(cat: Catalog, pairs: list[tuple[str, str]]) -> list[resources_pb2.LineageEdge]:
    reply = await cat.stub.BatchCreateLineageEdges(
        catalog_pb2.BatchCreateLineageEdgesRequest(
            parent=cat.ws,
            lineage_edges=[resources_pb2.LineageEdge(source=s, target=t) for s, t in pairs],
        ),
        metadata=cat.md,
    )
    return list(reply.lineage_edges)


async def _graph(
    cat: Catalog, start: str, direction: int, depth: int = 0, column_level: bool = False
) -> tuple[set[str], set[tuple[str, str]], bool]:
    reply = await cat.stub.GetLineageGraph(
        catalog_pb2.GetLineageGraphRequest(
            asset=start,
            direction=direction,  # type: ignore[arg-type]
            depth=depth,
            column_level=column_level,
        ),
        metadata=cat.md,
    )
    assert reply.nodes[0].name == start  # the start comes first
    short = {n.name: n.qualified_name.rsplit("/", 1)[-1] for n in reply.nodes}
    names = set(short.values())
    edges = {(short[e.source], short[e.target]) for e in reply.edges}
    return names, edges, reply.truncated


async def test_graph_directions_depth_cycles_and_truncation(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop(TABLES))
    t = {i: assets[qn(f"t{i}")].name for i in range(1, 6)}
    await _edges(cat, [(t[1], t[2]), (t[2], t[3]), (t[3], t[4]), (t[4], t[5])])

    names, edges, truncated = await _graph(cat, t[1], D.LINEAGE_DIRECTION_DOWNSTREAM)
    assert (names, truncated) == ({"t1", "t2", "t3", "t4"}, True)  # default depth 3
    assert edges == {("t1", "t2"), ("t2", "t3"), ("t3", "t4")}
    assert await _graph(cat, t[1], D.LINEAGE_DIRECTION_DOWNSTREAM, depth=4) == (
        {"t1", "t2", "t3", "t4", "t5"},
        {("t1", "t2"), ("t2", "t3"), ("t3", "t4"), ("t4", "t5")},
        False,
    )
    assert await _graph(cat, t[3], D.LINEAGE_DIRECTION_UPSTREAM, depth=1) == (
        {"t3", "t2"},
        {("t2", "t3")},
        True,
    )
    names, _, truncated = await _graph(cat, t[3], D.LINEAGE_DIRECTION_BOTH, depth=1)
    assert (names, truncated) == ({"t2", "t3", "t4"}, True)
    names, _, truncated = await _graph(cat, t[3], D.LINEAGE_DIRECTION_UNSPECIFIED, depth=2)
    assert (names, truncated) == ({"t1", "t2", "t3", "t4", "t5"}, False)
    names, _, truncated = await _graph(cat, t[5], D.LINEAGE_DIRECTION_DOWNSTREAM)
    assert (names, truncated) == ({"t5"}, False)

    # Cycles: t5 feeds t1 again, and t2 feeds t1. Walks end, and nothing is cut off.
    await _edges(cat, [(t[5], t[1]), (t[2], t[1])])
    names, edges, truncated = await _graph(cat, t[1], D.LINEAGE_DIRECTION_BOTH, depth=10)
    assert (names, truncated) == ({"t1", "t2", "t3", "t4", "t5"}, False)
    assert len(edges) == 6
    names, _, truncated = await _graph(cat, t[2], D.LINEAGE_DIRECTION_DOWNSTREAM, depth=2)
    assert (names, truncated) == ({"t1", "t2", "t3", "t4"}, True)


async def test_column_level_graph(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop(TABLES))
    x = {i: assets[qn(f"t{i}", "x")].name for i in range(1, 4)}
    await _edges(cat, [(x[1], x[2]), (x[2], x[3])])
    await _edges(cat, [(assets[qn("t1")].name, assets[qn("t2")].name)])
    names, edges, truncated = await _graph(cat, x[2], D.LINEAGE_DIRECTION_BOTH, column_level=True)
    assert (names, len(edges), truncated) == ({"t1#x", "t2#x", "t3#x"}, 2, False)
    # From a table, column-level lineage starts at its columns.
    names, edges, _ = await _graph(
        cat, assets[qn("t1")].name, D.LINEAGE_DIRECTION_DOWNSTREAM, depth=1, column_level=True
    )
    assert names == {"t1", "t1#x", "t2#x"}
    assert len(edges) == 1
    # Table-level edges only in a table-level walk.
    names, edges, _ = await _graph(cat, assets[qn("t1")].name, D.LINEAGE_DIRECTION_DOWNSTREAM)
    assert (names, edges) == ({"t1", "t2"}, {("t1", "t2")})
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _graph(cat, x[1], D.LINEAGE_DIRECTION_BOTH)
    assert violations(caught.value) == ["column_level"]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _graph(cat, x[1], D.LINEAGE_DIRECTION_BOTH, depth=11, column_level=True)
    assert violations(caught.value) == ["depth"]


async def test_edges_create_batch_list_delete(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop(TABLES))
    t1, t2, t3 = (assets[qn(f"t{i}")].name for i in range(1, 4))
    edge = await cat.stub.CreateLineageEdge(
        catalog_pb2.CreateLineageEdgeRequest(
            parent=cat.ws,
            lineage_edge=resources_pb2.LineageEdge(
                source=t1, target=t2, transformation="INSERT INTO t2 SELECT * FROM t1"
            ),
            request_id=f"lineage-{uuid.uuid4().hex}",
        ),
        metadata=cat.md,
    )
    assert edge.name.startswith(f"{cat.ws}/lineageEdges/")
    assert edge.origin == resources_pb2.ORIGIN_MANUAL
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.CreateLineageEdge(
            catalog_pb2.CreateLineageEdgeRequest(
                parent=cat.ws, lineage_edge=resources_pb2.LineageEdge(source=t1, target=t2)
            ),
            metadata=cat.md,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS

    batch = await cat.stub.BatchCreateLineageEdges(
        catalog_pb2.BatchCreateLineageEdgesRequest(
            parent=cat.ws,
            lineage_edges=[
                resources_pb2.LineageEdge(source=t2, target=t3),
                resources_pb2.LineageEdge(source=t1, target=t2),  # known: skipped
                resources_pb2.LineageEdge(source=t1, target=t2, process="jobs/nightly"),
            ],
        ),
        metadata=cat.md,
    )
    assert batch.created_count == 2
    assert batch.lineage_edges[1] == edge
    assert batch.lineage_edges[0].origin == resources_pb2.ORIGIN_IMPORTED

    touching = await cat.stub.ListLineageEdges(
        catalog_pb2.ListLineageEdgesRequest(parent=cat.ws, asset=t3), metadata=cat.md
    )
    assert [e.name for e in touching.lineage_edges] == [batch.lineage_edges[0].name]
    page = await cat.stub.ListLineageEdges(
        catalog_pb2.ListLineageEdgesRequest(parent=cat.ws, page_size=2), metadata=cat.md
    )
    rest = await cat.stub.ListLineageEdges(
        catalog_pb2.ListLineageEdgesRequest(
            parent=cat.ws, page_size=2, page_token=page.next_page_token
        ),
        metadata=cat.md,
    )
    assert len(page.lineage_edges) + len(rest.lineage_edges) == 3
    assert not rest.next_page_token

    await cat.stub.DeleteLineageEdge(
        catalog_pb2.DeleteLineageEdgeRequest(name=edge.name), metadata=cat.md
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.DeleteLineageEdge(
            catalog_pb2.DeleteLineageEdgeRequest(name=edge.name), metadata=cat.md
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_edges_are_validated(platform: Platform) -> None:
    cat, other = await new_catalog(platform), await new_catalog(platform)
    assets = await cat.upsert(shop(TABLES))
    foreign = (await other.upsert(shop(TABLES)))[qn("t1")]
    table, column = assets[qn("t1")].name, assets[qn("t2", "x")].name
    schema = assets[f"{qn('t1').rsplit('/', 1)[0]}"].name
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.BatchCreateLineageEdges(
            catalog_pb2.BatchCreateLineageEdgesRequest(
                parent=cat.ws,
                lineage_edges=[
                    resources_pb2.LineageEdge(source=table, target=column),
                    resources_pb2.LineageEdge(source=foreign.name, target=table),
                    resources_pb2.LineageEdge(source=table, target=table),
                    resources_pb2.LineageEdge(source=schema, target=table),
                    resources_pb2.LineageEdge(
                        source=table, target=assets[qn("t3")].name, propagated_labels=["Bad!"]
                    ),
                ],
            ),
            metadata=cat.md,
        )
    assert set(violations(caught.value)) == {
        "lineage_edges[2].target",
        "lineage_edges[4].propagated_labels[0]",
    }  # format first; the ends are checked once the format is right
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.BatchCreateLineageEdges(
            catalog_pb2.BatchCreateLineageEdgesRequest(
                parent=cat.ws,
                lineage_edges=[
                    resources_pb2.LineageEdge(source=table, target=column),
                    resources_pb2.LineageEdge(source=foreign.name, target=table),
                    resources_pb2.LineageEdge(source=schema, target=table),
                ],
            ),
            metadata=cat.md,
        )
    assert set(violations(caught.value)) == {
        "lineage_edges[0].target",
        "lineage_edges[1].source",
        "lineage_edges[2].source",
    }
    listing = await cat.stub.ListLineageEdges(
        catalog_pb2.ListLineageEdgesRequest(parent=cat.ws), metadata=cat.md
    )
    assert listing.lineage_edges == []
