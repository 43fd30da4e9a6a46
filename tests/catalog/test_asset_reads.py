"""GetAsset's coalesced reads (rows.AssetReads): one query per batch, never staler than a
query of its own, each caller answered for its own name."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from services.catalog import rows
from services.catalog.assets import _time
from services.catalog.rows import AssetReads
from services.runtime.convert import timestamp
from services.runtime.errors import ServiceError
from tests.catalog._helpers import DB, T, code_of, new_catalog
from tests.conftest import Platform

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _row(workspace: str, asset_id: str, description: str) -> dict[str, Any]:
    return {
        "id": asset_id,
        "workspace": workspace,
        "qualified_name": f"{DB}/{asset_id}",
        "type": T.ASSET_TYPE_TABLE,
        "display_name": asset_id,
        "parent_id": None,
        "data_source": "",
        "source_description": "",
        "description": description,
        "owners": [],
        "stewards": [],
        "tags": [],
        "terms": [],
        "classifications": [],
        "column_info": None,
        "table_info": None,
        "properties": {},
        "retention_days": 0,
        "protected": False,
        "deleted": False,
        "version": 1,
        "create_time": NOW,
        "update_time": NOW,
        "last_scan_time": None,
    }


class FakePool:
    """Answers with the descriptions current when each query was sent; a query takes
    until ``release`` is set."""

    def __init__(self) -> None:
        self.descriptions: dict[tuple[str, str], str] = {}
        self.queries: list[list[str]] = []
        self.release = asyncio.Event()
        self.release.set()
        self.fail: Exception | None = None
        self.sent = asyncio.Event()

    async def fetch(self, query: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        self.queries.append(list(ids))
        self.sent.set()
        snapshot = dict(self.descriptions)
        await self.release.wait()
        if self.fail is not None:
            raise self.fail
        return [_row(ws, i, d) for (ws, i), d in snapshot.items() if i in ids]


def _name(workspace: str, asset_id: str) -> str:
    return f"workspaces/{workspace}/assets/{asset_id}"


async def test_concurrent_calls_share_one_query_each_gets_its_own_answer() -> None:
    pool = FakePool()
    pool.descriptions = {("w1", "a1"): "one", ("w1", "a2"): "two", ("w2", "a3"): "three"}
    reads = AssetReads(pool)  # type: ignore[arg-type]  # duck-typed pool
    names = [_name("w1", "a1"), _name("w1", "a2"), _name("w1", "a1"), _name("w2", "a3")]
    found = await asyncio.gather(*(reads.get(n) for n in names))
    assert [a.name for a in found] == names
    assert [a.description for a in found] == ["one", "two", "one", "three"]
    assert len(pool.queries) == 1
    assert sorted(pool.queries[0]) == ["a1", "a2", "a3"]


async def test_missing_wrong_workspace_and_malformed_names() -> None:
    pool = FakePool()
    pool.descriptions = {("w1", "a1"): "one"}
    reads = AssetReads(pool)  # type: ignore[arg-type]
    results = await asyncio.gather(
        reads.get(_name("w1", "a1")),
        reads.get(_name("w2", "a1")),  # the id exists, in another workspace
        reads.get(_name("w1", "nope")),
        reads.get("assets/a1"),
        return_exceptions=True,
    )
    assert isinstance(results[0], resources_pb2.Asset)
    assert results[0].description == "one"
    for result, code in zip(
        results[1:],
        [grpc.StatusCode.NOT_FOUND, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT],
        strict=True,
    ):
        assert isinstance(result, ServiceError)
        assert result.code == code
    assert isinstance(results[1], ServiceError)
    assert results[1].resource_name == _name("w2", "a1")


async def test_a_call_never_joins_a_query_already_sent() -> None:
    """A write committed before a call arrives shows in its answer, even when a query
    for the same asset, sent before the write, is still on its way."""
    pool = FakePool()
    pool.descriptions = {("w1", "a1"): "before"}
    pool.release.clear()
    reads = AssetReads(pool, max_in_flight=1)  # type: ignore[arg-type]
    early = asyncio.ensure_future(reads.get(_name("w1", "a1")))
    await pool.sent.wait()
    pool.descriptions[("w1", "a1")] = "after"  # committed while the first query runs
    late = asyncio.ensure_future(reads.get(_name("w1", "a1")))
    await asyncio.sleep(0.01)
    assert len(pool.queries) == 1  # one query in flight at most: the late call waits
    pool.release.set()
    assert (await early).description == "before"
    assert (await late).description == "after"
    assert len(pool.queries) == 2


async def test_calls_during_a_query_linger_into_one_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Calls that came while a query ran go together, with those that come in the
    moment after it; a call finding nothing in flight goes at once."""
    monkeypatch.setattr(rows, "LINGER_SECONDS", 0.5)
    pool = FakePool()
    pool.descriptions = {("w1", f"a{i}"): str(i) for i in range(4)}
    pool.release.clear()
    reads = AssetReads(pool)  # type: ignore[arg-type]
    first = asyncio.ensure_future(reads.get(_name("w1", "a0")))
    await pool.sent.wait()
    during = [asyncio.ensure_future(reads.get(_name("w1", f"a{i}"))) for i in (1, 2)]
    pool.release.set()
    assert (await first).description == "0"
    after = asyncio.ensure_future(reads.get(_name("w1", "a3")))
    assert [a.description for a in await asyncio.gather(*during, after)] == ["1", "2", "3"]
    assert [sorted(q) for q in pool.queries] == [["a0"], ["a1", "a2", "a3"]]
    started = asyncio.get_running_loop().time()
    assert (await reads.get(_name("w1", "a0"))).description == "0"  # nothing in flight
    assert asyncio.get_running_loop().time() - started < 0.4


async def test_a_failed_query_fails_its_callers_and_the_next_batch_runs() -> None:
    pool = FakePool()
    pool.descriptions = {("w1", "a1"): "one"}
    pool.fail = RuntimeError("connection lost")
    reads = AssetReads(pool)  # type: ignore[arg-type]
    results = await asyncio.gather(
        reads.get(_name("w1", "a1")), reads.get(_name("w1", "a1")), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)
    pool.fail = None
    assert (await reads.get(_name("w1", "a1"))).description == "one"


async def test_a_caller_giving_up_leaves_the_others_answered() -> None:
    pool = FakePool()
    pool.descriptions = {("w1", "a1"): "one"}
    pool.release.clear()
    reads = AssetReads(pool)  # type: ignore[arg-type]
    quitter = asyncio.ensure_future(reads.get(_name("w1", "a1")))
    stayer = asyncio.ensure_future(reads.get(_name("w1", "a1")))
    await pool.sent.wait()
    quitter.cancel()
    pool.release.set()
    assert (await stayer).description == "one"
    with pytest.raises(asyncio.CancelledError):
        await quitter


async def test_a_batch_cancelled_before_it_ran_does_not_stall_later_calls() -> None:
    pool = FakePool()
    pool.descriptions = {("w1", "a1"): "one"}
    reads = AssetReads(pool)  # type: ignore[arg-type]
    first = asyncio.ensure_future(reads.get(_name("w1", "a1")))
    await asyncio.sleep(0)  # the call is in, its batch scheduled but not started
    for task in list(reads._tasks):
        task.cancel()
    first.cancel()
    await asyncio.sleep(0)
    assert not pool.queries
    later = await asyncio.wait_for(reads.get(_name("w1", "a1")), 5)
    assert later.description == "one"


async def test_get_asset_under_load_reads_every_write(platform: Platform) -> None:
    """Over gRPC with calls in flight: after each update returns, a GetAsset sees it."""
    catalog = await new_catalog(platform)
    stored = await catalog.upsert(
        [
            resources_pb2.Asset(
                qualified_name=f"{DB}/t{i}", type=T.ASSET_TYPE_TABLE, display_name=f"t{i}"
            )
            for i in range(3)
        ]
    )
    names = [stored[f"{DB}/t{i}"].name for i in range(3)]
    stop = False

    async def background(name: str) -> int:
        calls = 0
        while not stop:
            assert (await catalog.get(name)).name == name
            calls += 1
        return calls

    load = [asyncio.ensure_future(background(n)) for n in names for _ in range(5)]
    try:
        for round_ in range(10):
            text = f"round {round_} {uuid.uuid4().hex}"
            await catalog.update(
                resources_pb2.Asset(name=names[0], description=text), "description"
            )
            assert (await catalog.get(names[0])).description == text
    finally:
        stop = True
        counts = await asyncio.gather(*load)
    assert all(counts)
    missing = f"{catalog.ws}/assets/{uuid.uuid4().hex[:16]}"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await catalog.get(missing)
    assert code_of(caught.value) == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await catalog.stub.GetAsset(
            catalog_pb2.GetAssetRequest(name="not/an/asset"), metadata=catalog.md
        )
    assert code_of(caught.value) == grpc.StatusCode.INVALID_ARGUMENT


@pytest.mark.parametrize(
    "value",
    [
        None,
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2024, 6, 1, 12, 30, tzinfo=timezone(timedelta(hours=5, minutes=45))),
        datetime(2024, 6, 1, 12, 30, tzinfo=timezone(-timedelta(hours=9, seconds=30))),
        datetime(2024, 6, 1, 12, 30, 1, 5),  # noqa: DTZ001 - naive is taken as UTC
    ],
)
def test_asset_times_convert_as_convert_timestamp_does(value: datetime | None) -> None:
    assert _time(value) == timestamp(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),  # before year 1 in UTC
        datetime(9999, 12, 31, 23, tzinfo=timezone(-timedelta(hours=2))),  # after 9999
    ],
)
def test_asset_times_out_of_range_fail_as_convert_timestamp_does(value: datetime) -> None:
    with pytest.raises(OverflowError):
        timestamp(value)
    with pytest.raises(OverflowError):
        _time(value)
