"""The hash chain: events edited, deleted, reordered or truncated directly in SQL are
found by VerifyChain, which names the first bad event.

These run on a server with a database of its own, so tampering with its trail cannot
disturb the platform the other tests share; each test restores what it broke.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
import pytest_asyncio
from google.protobuf import struct_pb2

from pursight.activity.v1 import activity_pb2, activity_pb2_grpc
from services.activity.chain import GENESIS_HASH, ChainedEvent
from tests.activity._servers import Isolated, isolated_server
from tests.conftest import Platform

Failure = activity_pb2.VerifyChainResponse.Failure


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def chain(
    platform: Platform, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Isolated]:
    async with isolated_server(
        platform, tmp_path_factory.mktemp("chain"), ["auth", "activity"]
    ) as isolated:
        yield isolated


def _stub(server: Isolated) -> activity_pb2_grpc.ActivityServiceStub:
    return activity_pb2_grpc.ActivityServiceStub(server.channel)


def _service(server: Isolated) -> tuple[tuple[str, str], ...]:
    assert server.server.runtime is not None
    return server.server.runtime.identity.metadata("tests")


async def _record(server: Isolated, count: int) -> list[int]:
    sequences = []
    for index in range(count):
        details = struct_pb2.Struct()
        details.update({"index": index, "note": "ünïcode ✓"})
        reply = await _stub(server).RecordEvent(
            activity_pb2.RecordEventRequest(
                record_id=uuid.uuid4().hex,
                event=activity_pb2.Event(
                    actor="users/alice",
                    action="pursight.tests.v1.TestService/Touch",
                    resource=f"workspaces/chain/things/t{index}",
                    outcome=activity_pb2.OUTCOME_SUCCEEDED,
                    details=details,
                ),
            ),
            metadata=_service(server),
        )
        sequences.append(reply.sequence)
    return sequences


async def _verify(server: Isolated, **fields: object) -> activity_pb2.VerifyChainResponse:
    return await _stub(server).VerifyChain(
        activity_pb2.VerifyChainRequest(**fields),  # type: ignore[arg-type]
        metadata=server.admin,
    )


async def _row(server: Isolated, sequence: int) -> dict[str, object]:
    row = await server.pool.fetchrow("SELECT * FROM activity.events WHERE sequence = $1", sequence)
    assert row is not None
    return dict(row)


async def _restore(server: Isolated, rows: list[dict[str, object]]) -> None:
    async with server.pool.acquire() as conn, conn.transaction():
        for row in rows:
            await conn.execute("DELETE FROM activity.events WHERE sequence = $1", row["sequence"])
        for row in rows:
            columns = ", ".join(row)
            values = ", ".join(f"${i}" for i in range(1, len(row) + 1))
            await conn.execute(
                f"INSERT INTO activity.events ({columns}) VALUES ({values})",  # noqa: S608 - test SQL
                *row.values(),
            )
    assert (await _verify(server)).ok


async def test_an_intact_chain_verifies_and_its_hashes_can_be_recomputed(chain: Isolated) -> None:
    await _record(chain, 5)
    verdict = await _verify(chain)
    assert verdict.ok, verdict.reason
    assert verdict.failure == Failure.FAILURE_UNSPECIFIED
    assert verdict.events_checked == verdict.head.sequence >= 5
    # Anyone can recompute a hash from the stored row and the documented canonical form.
    first = await _row(chain, 1)
    event = ChainedEvent.from_row(first)
    assert event.prev_hash == GENESIS_HASH
    recomputed = hashlib.sha256((event.prev_hash + event.canonical()).encode()).hexdigest()
    assert recomputed == first["hash"]
    head = await _stub(chain).GetChainHead(activity_pb2.GetChainHeadRequest(), metadata=chain.admin)
    assert head.hash_algorithm == "sha256"
    assert head.canonical_form_version == "v1"
    assert head.event == f"events/{head.sequence}"
    last = await _row(chain, head.sequence)
    assert head.hash == last["hash"]


async def test_an_edited_event_is_named(chain: Isolated) -> None:
    sequences = await _record(chain, 4)
    target = sequences[1]
    original = await _row(chain, target)
    await chain.pool.execute(
        "UPDATE activity.events SET actor = 'users/mallory' WHERE sequence = $1", target
    )
    try:
        verdict = await _verify(chain)
        assert not verdict.ok
        assert verdict.failure == Failure.FAILURE_HASH_MISMATCH
        assert verdict.first_bad_sequence == target
        assert verdict.first_bad_event == f"events/{target}"
        assert "edited" in verdict.reason
    finally:
        await _restore(chain, [original])


async def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(chain: Isolated) -> None:
    sequences = await _record(chain, 3)
    target = sequences[0]
    original = await _row(chain, target)
    forged = ChainedEvent.from_row({**original, "actor": "users/mallory"})
    await chain.pool.execute(
        "UPDATE activity.events SET actor = 'users/mallory', hash = $2 WHERE sequence = $1",
        target,
        forged.compute_hash(),
    )
    try:
        verdict = await _verify(chain)
        assert verdict.failure == Failure.FAILURE_PREV_HASH_MISMATCH
        assert verdict.first_bad_sequence == target + 1
    finally:
        await _restore(chain, [original])


async def test_a_deleted_event_is_named(chain: Isolated) -> None:
    sequences = await _record(chain, 4)
    target = sequences[2]
    original = await _row(chain, target)
    await chain.pool.execute("DELETE FROM activity.events WHERE sequence = $1", target)
    try:
        verdict = await _verify(chain)
        assert verdict.failure == Failure.FAILURE_SEQUENCE_GAP
        assert verdict.first_bad_sequence == target
        assert verdict.first_bad_event == f"events/{target}"
    finally:
        await _restore(chain, [original])


async def test_a_deletion_hidden_by_renumbering_is_named(chain: Isolated) -> None:
    sequences = await _record(chain, 4)
    target = sequences[1]
    last = await chain.pool.fetchval("SELECT max(sequence) FROM activity.events")
    rows = [await _row(chain, s) for s in range(target, last + 1)]
    async with chain.pool.acquire() as conn, conn.transaction():
        await conn.execute("DELETE FROM activity.events WHERE sequence = $1", target)
        await conn.execute(
            "UPDATE activity.events SET sequence = -(sequence - 1) WHERE sequence > $1", target
        )
        await conn.execute("UPDATE activity.events SET sequence = -sequence WHERE sequence < 0")
    try:
        verdict = await _verify(chain, end_sequence=last - 1)
        assert verdict.failure == Failure.FAILURE_PREV_HASH_MISMATCH
        assert verdict.first_bad_sequence == target
    finally:
        async with chain.pool.acquire() as conn:
            await conn.execute("DELETE FROM activity.events WHERE sequence >= $1", target)
        await _restore(chain, rows)


async def test_reordered_events_are_named(chain: Isolated) -> None:
    sequences = await _record(chain, 4)
    first, second = sequences[1], sequences[2]
    rows = [await _row(chain, first), await _row(chain, second)]
    async with chain.pool.acquire() as conn, conn.transaction():
        await conn.execute("UPDATE activity.events SET sequence = -1 WHERE sequence = $1", first)
        await conn.execute(
            "UPDATE activity.events SET sequence = $1 WHERE sequence = $2", first, second
        )
        await conn.execute("UPDATE activity.events SET sequence = $1 WHERE sequence = -1", second)
    try:
        verdict = await _verify(chain)
        assert verdict.failure == Failure.FAILURE_PREV_HASH_MISMATCH
        assert verdict.first_bad_sequence == first
    finally:
        await _restore(chain, rows)


async def test_the_first_of_several_breaks_is_named(chain: Isolated) -> None:
    sequences = await _record(chain, 5)
    early, late = sequences[1], sequences[3]
    rows = [await _row(chain, early), await _row(chain, late)]
    await chain.pool.execute("DELETE FROM activity.events WHERE sequence = $1", late)
    await chain.pool.execute(
        "UPDATE activity.events SET resource = 'elsewhere' WHERE sequence = $1", early
    )
    try:
        verdict = await _verify(chain)
        assert verdict.first_bad_sequence == early
        assert verdict.failure == Failure.FAILURE_HASH_MISMATCH
        # A range that starts after the first break finds the second one.
        later = await _verify(chain, start_sequence=early + 1)
        assert later.failure == Failure.FAILURE_SEQUENCE_GAP
        assert later.first_bad_sequence == late
    finally:
        await _restore(chain, rows)


async def test_truncation_is_found_by_the_head_kept_elsewhere(chain: Isolated) -> None:
    await _record(chain, 3)
    kept = await _stub(chain).GetChainHead(activity_pb2.GetChainHeadRequest(), metadata=chain.admin)
    assert (await _verify(chain, expected_head=kept)).ok
    tail = [await _row(chain, kept.sequence - 1), await _row(chain, kept.sequence)]
    head_row = await chain.pool.fetchrow("SELECT * FROM activity.chain_head")
    # The tail deleted and the head row moved back with it: internally consistent.
    async with chain.pool.acquire() as conn, conn.transaction():
        await conn.execute("DELETE FROM activity.events WHERE sequence >= $1", kept.sequence - 1)
        await conn.execute(
            "UPDATE activity.chain_head SET sequence = $1, hash = $2",
            kept.sequence - 2,
            (await _row(chain, kept.sequence - 2))["hash"],
        )
    try:
        assert (await _verify(chain)).ok  # nothing inside says anything is missing
        verdict = await _verify(chain, expected_head=kept)
        assert verdict.failure == Failure.FAILURE_TRUNCATED
        assert verdict.first_bad_sequence == kept.sequence - 1
    finally:
        await chain.pool.execute(
            "UPDATE activity.chain_head SET sequence = $1, hash = $2",
            head_row["sequence"],
            head_row["hash"],
        )
        await _restore(chain, tail)


async def test_a_tail_deleted_behind_the_head_row_is_truncation(chain: Isolated) -> None:
    await _record(chain, 2)
    last = await chain.pool.fetchval("SELECT max(sequence) FROM activity.events")
    row = await _row(chain, last)
    await chain.pool.execute("DELETE FROM activity.events WHERE sequence = $1", last)
    try:
        verdict = await _verify(chain)
        assert verdict.failure == Failure.FAILURE_TRUNCATED
        assert verdict.first_bad_sequence == last
    finally:
        await _restore(chain, [row])


async def test_history_rewritten_with_fresh_hashes_is_found_by_the_kept_head(
    chain: Isolated,
) -> None:
    await _record(chain, 3)
    kept = await _stub(chain).GetChainHead(activity_pb2.GetChainHeadRequest(), metadata=chain.admin)
    target = kept.sequence - 1
    rows = [await _row(chain, target), await _row(chain, kept.sequence)]
    head_row = await chain.pool.fetchrow("SELECT * FROM activity.chain_head")
    # Rewrite the last two events consistently, as someone who knows the algorithm would.
    previous = str((await _row(chain, target - 1))["hash"])
    async with chain.pool.acquire() as conn, conn.transaction():
        for row in rows:
            forged = ChainedEvent.from_row({**row, "actor": "users/mallory", "prev_hash": previous})
            previous = forged.compute_hash()
            await conn.execute(
                "UPDATE activity.events SET actor = $2, prev_hash = $3, hash = $4"
                " WHERE sequence = $1",
                row["sequence"],
                forged.actor,
                forged.prev_hash,
                previous,
            )
        await conn.execute("UPDATE activity.chain_head SET hash = $1", previous)
    try:
        assert (await _verify(chain)).ok
        verdict = await _verify(chain, expected_head=kept)
        assert verdict.failure == Failure.FAILURE_HEAD_MISMATCH
        assert verdict.first_bad_sequence == kept.sequence
    finally:
        await chain.pool.execute("UPDATE activity.chain_head SET hash = $1", head_row["hash"])
        await _restore(chain, rows)


async def test_concurrent_writers_keep_one_unbroken_chain(chain: Isolated) -> None:
    before = await chain.pool.fetchval("SELECT max(sequence) FROM activity.events")
    await asyncio.gather(*(_record(chain, 5) for _ in range(8)))
    after = await chain.pool.fetchval("SELECT max(sequence) FROM activity.events")
    assert after - before == 40
    count = await chain.pool.fetchval("SELECT count(*) FROM activity.events")
    assert count == after
    assert (await _verify(chain)).ok


async def test_record_event_is_idempotent_and_internal(chain: Isolated) -> None:
    request = activity_pb2.RecordEventRequest(
        record_id=uuid.uuid4().hex,
        event=activity_pb2.Event(
            actor="users/bob",
            action="pursight.tests.v1.TestService/Touch",
            outcome=activity_pb2.OUTCOME_FAILED,
        ),
    )
    first = await _stub(chain).RecordEvent(request, metadata=_service(chain))
    again = await _stub(chain).RecordEvent(request, metadata=_service(chain))
    assert (first.sequence, first.hash) == (again.sequence, again.hash)
    # People, even the administrator who holds every permission, cannot write the trail.
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(chain).RecordEvent(
            activity_pb2.RecordEventRequest(record_id=uuid.uuid4().hex, event=request.event),
            metadata=chain.admin,
        )
    assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(chain).RecordEvent(
            activity_pb2.RecordEventRequest(record_id="x", event=activity_pb2.Event()),
            metadata=_service(chain),
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # Refusals of RecordEvent itself are not written through RecordEvent.
    refused = await chain.pool.fetchval(
        "SELECT count(*) FROM activity.events WHERE action LIKE '%/RecordEvent'"
    )
    assert refused == 0


async def test_get_event_and_bad_names(chain: Isolated) -> None:
    sequence = (await _record(chain, 1))[0]
    event = await _stub(chain).GetEvent(
        activity_pb2.GetEventRequest(name=f"events/{sequence}"), metadata=chain.admin
    )
    assert event.sequence == sequence
    assert event.details["note"] == "ünïcode ✓"
    assert event.workspace == "workspaces/chain"
    for name, code in (
        ("events/0", grpc.StatusCode.INVALID_ARGUMENT),
        ("events/x", grpc.StatusCode.INVALID_ARGUMENT),
        ("events/999999999", grpc.StatusCode.NOT_FOUND),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await _stub(chain).GetEvent(
                activity_pb2.GetEventRequest(name=name), metadata=chain.admin
            )
        assert caught.value.code() == code, name
