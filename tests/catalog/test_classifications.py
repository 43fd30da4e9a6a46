"""A steward's labels and removals win over the scanner and survive rescans."""

from __future__ import annotations

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import Kind, labels_of, new_catalog, qn, shop
from tests.conftest import Platform
from tests.integration.test_workspace import violations

TABLES = {"customers": ["email", "nickname"]}
FOUND = {"customers.email": ["pii.email"]}


async def test_manual_label_wins_and_survives_rescans(platform: Platform) -> None:
    cat = await new_catalog(platform)
    first = await cat.upsert(shop(TABLES, FOUND))
    nickname, email = first[qn("customers", "nickname")], first[qn("customers", "email")]
    added = await cat.stub.AddClassification(
        catalog_pb2.AddClassificationRequest(
            asset=nickname.name,
            classification=resources_pb2.Classification(label="pii.name"),
            justification="holds real names more often than not",
        ),
        metadata=cat.md,
    )
    label = labels_of(added)["pii.name"]
    assert (label.origin, label.set_by, label.confidence) == (
        resources_pb2.ORIGIN_MANUAL,
        "users/admin",
        1.0,
    )
    assert label.justification == "holds real names more often than not"
    # Confirming the scanner's label makes it manual and keeps its evidence.
    confirmed = await cat.stub.AddClassification(
        catalog_pb2.AddClassificationRequest(
            asset=email.name, classification=resources_pb2.Classification(label="pii.email")
        ),
        metadata=cat.md,
    )
    assert labels_of(confirmed)["pii.email"].origin == resources_pb2.ORIGIN_MANUAL
    assert labels_of(confirmed)["pii.email"].evidence.classifier == "classifiers/pii.email"

    # A rescan finds nothing on nickname and still finds the email: both labels stay
    # manual, and the rescan changes nothing.
    again = await cat.upsert(shop(TABLES, FOUND))
    assert labels_of(again[qn("customers", "nickname")])["pii.name"].origin == (
        resources_pb2.ORIGIN_MANUAL
    )
    assert [(c.label, c.origin) for c in again[qn("customers", "email")].classifications] == [
        ("pii.email", resources_pb2.ORIGIN_MANUAL)
    ]
    assert again[qn("customers", "email")].etag == confirmed.etag

    history = await cat.changes(nickname.name)
    assert history[0].kind == Kind.KIND_CLASSIFICATION_CHANGED
    assert history[0].actor == "users/admin"
    assert history[0].changed_fields == ["classifications"]
    after = history[0].after["classifications"]
    assert after[0]["justification"] == "holds real names more often than not"


async def test_removal_stays_suppressed_across_rescans(platform: Platform) -> None:
    cat = await new_catalog(platform)
    email = (await cat.upsert(shop(TABLES, FOUND)))[qn("customers", "email")]
    removed = await cat.stub.RemoveClassification(
        catalog_pb2.RemoveClassificationRequest(
            asset=email.name, label="pii.email", justification="test addresses only"
        ),
        metadata=cat.md,
    )
    assert labels_of(removed) == {}
    [stored] = removed.classifications
    assert stored.suppressed
    assert (stored.set_by, stored.justification) == ("users/admin", "test addresses only")
    assert stored.evidence.classifier == "classifiers/pii.email"  # why the scanner thought so
    assert stored.HasField("set_time")

    for _ in range(2):
        rescanned = (await cat.upsert(shop(TABLES, FOUND)))[qn("customers", "email")]
        assert labels_of(rescanned) == {}
        assert [c.suppressed for c in rescanned.classifications] == [True]
    # Suppressed labels are not found by the classification filter.
    hits = await cat.stub.SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=cat.ws, classifications=["pii.email"]),
        metadata=cat.md,
    )
    assert hits.results == []
    # Repeating the removal changes nothing; adding it back by hand lifts it.
    again = await cat.stub.RemoveClassification(
        catalog_pb2.RemoveClassificationRequest(asset=email.name, label="pii.email"),
        metadata=cat.md,
    )
    assert again.etag == removed.etag
    restored = await cat.stub.AddClassification(
        catalog_pb2.AddClassificationRequest(
            asset=email.name, classification=resources_pb2.Classification(label="pii.email")
        ),
        metadata=cat.md,
    )
    assert labels_of(restored)["pii.email"].origin == resources_pb2.ORIGIN_MANUAL
    kinds = [c.kind for c in await cat.changes(email.name)]
    assert kinds[:2] == [Kind.KIND_CLASSIFICATION_CHANGED, Kind.KIND_CLASSIFICATION_CHANGED]


async def test_labels_are_validated(platform: Platform) -> None:
    cat = await new_catalog(platform)
    email = (await cat.upsert(shop(TABLES)))[qn("customers", "email")]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.AddClassification(
            catalog_pb2.AddClassificationRequest(
                asset=email.name,
                classification=resources_pb2.Classification(label="Not A Label", confidence=2),
            ),
            metadata=cat.md,
        )
    assert set(violations(caught.value)) == {
        "classification.label",
        "classification.confidence",
    }
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.RemoveClassification(
            catalog_pb2.RemoveClassificationRequest(
                asset=f"{cat.ws}/assets/missing", label="pii.email"
            ),
            metadata=cat.md,
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
