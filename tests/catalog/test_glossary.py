"""Glossaries and terms: CRUD, assignment, what terms carry to assets, search by synonym."""

from __future__ import annotations

import uuid

import grpc
import pytest
from google.protobuf import field_mask_pb2

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import Catalog, Kind, labels_of, new_catalog, qn, shop
from tests.conftest import Platform
from tests.integration.test_workspace import violations

Status = resources_pb2.GlossaryTerm.Status


async def _glossary(cat: Catalog, **fields: object) -> resources_pb2.Glossary:
    return await cat.stub.CreateGlossary(
        catalog_pb2.CreateGlossaryRequest(
            glossary=resources_pb2.Glossary(
                display_name=f"Sales {uuid.uuid4().hex[:8]}",
                **fields,  # type: ignore[arg-type]
            )
        ),
        metadata=cat.md,
    )


async def _term(cat: Catalog, glossary: str, **fields: object) -> resources_pb2.GlossaryTerm:
    return await cat.stub.CreateGlossaryTerm(
        catalog_pb2.CreateGlossaryTermRequest(
            parent=glossary,
            term=resources_pb2.GlossaryTerm(**fields),  # type: ignore[arg-type]
        ),
        metadata=cat.md,
    )


async def test_glossary_and_term_crud(platform: Platform) -> None:
    cat = await new_catalog(platform)
    g = await _glossary(cat, description="What sales means", owners=["users/ann"])
    assert (g.description, list(g.owners)) == ("What sales means", ["users/ann"])
    assert g == await cat.stub.GetGlossary(
        catalog_pb2.GetGlossaryRequest(name=g.name), metadata=cat.md
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.CreateGlossary(
            catalog_pb2.CreateGlossaryRequest(
                glossary=resources_pb2.Glossary(display_name=g.display_name.upper())
            ),
            metadata=cat.md,
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS  # names clash ignoring case
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.CreateGlossary(
            catalog_pb2.CreateGlossaryRequest(
                glossary=resources_pb2.Glossary(display_name="", owners=["ann"])
            ),
            metadata=cat.md,
        )
    assert set(violations(caught.value)) == {"glossary.display_name", "glossary.owners[0]"}

    term = await _term(
        cat,
        g.name,
        display_name="Customer Lifetime Value",
        synonyms=["CLV", " LTV "],
        tags=["finance", "kpi"],
    )
    assert term.name == f"{g.name}/terms/customer-lifetime-value"
    assert list(term.synonyms) == ["CLV", "LTV"]
    assert term.status == Status.STATUS_DRAFT
    retried = await cat.stub.CreateGlossaryTerm(
        catalog_pb2.CreateGlossaryTermRequest(
            parent=g.name,
            term=resources_pb2.GlossaryTerm(display_name="Churn"),
            request_id=f"req-{uuid.uuid4().hex}",
        ),
        metadata=cat.md,
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _term(cat, g.name, display_name="customer lifetime value")
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _term(
            cat,
            g.name,
            display_name="Bad",
            tags=["Not A Tag"],
            classification_labels=["PII!"],
            related_terms=["nonsense"],
        )
    assert set(violations(caught.value)) == {
        "term.tags[0]",
        "term.classification_labels[0]",
        "term.related_terms[0]",
    }
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _term(cat, g.name, display_name="Orphan", parent_term=f"{g.name}/terms/missing")
    assert violations(caught.value) == ["term.parent_term"]

    listing = await cat.stub.ListGlossaryTerms(
        catalog_pb2.ListGlossaryTermsRequest(parent=g.name, page_size=1), metadata=cat.md
    )
    assert [t.display_name for t in listing.terms] == ["Churn"]
    rest = await cat.stub.ListGlossaryTerms(
        catalog_pb2.ListGlossaryTermsRequest(
            parent=g.name, page_size=1, page_token=listing.next_page_token
        ),
        metadata=cat.md,
    )
    assert [t.name for t in rest.terms] == [term.name]

    updated = await cat.stub.UpdateGlossaryTerm(
        catalog_pb2.UpdateGlossaryTermRequest(
            term=resources_pb2.GlossaryTerm(
                name=term.name,
                definition="Revenue over the whole relationship",
                related_terms=[retried.name],
                etag=term.etag,
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["definition", "related_terms"]),
        ),
        metadata=cat.md,
    )
    assert updated.etag != term.etag
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.UpdateGlossaryTerm(
            catalog_pb2.UpdateGlossaryTermRequest(
                term=resources_pb2.GlossaryTerm(name=term.name, definition="x", etag=term.etag),
                update_mask=field_mask_pb2.FieldMask(paths=["definition"]),
            ),
            metadata=cat.md,
        )
    assert caught.value.code() == grpc.StatusCode.ABORTED
    renamed = await cat.stub.UpdateGlossary(
        catalog_pb2.UpdateGlossaryRequest(
            glossary=resources_pb2.Glossary(name=g.name, description="New", etag=g.etag),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
        ),
        metadata=cat.md,
    )
    assert renamed.description == "New"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.DeleteGlossary(
            catalog_pb2.DeleteGlossaryRequest(name=g.name, etag=g.etag), metadata=cat.md
        )
    assert caught.value.code() == grpc.StatusCode.ABORTED

    await cat.stub.DeleteGlossaryTerm(
        catalog_pb2.DeleteGlossaryTermRequest(name=retried.name), metadata=cat.md
    )
    kept = await cat.stub.GetGlossaryTerm(
        catalog_pb2.GetGlossaryTermRequest(name=term.name), metadata=cat.md
    )
    assert list(kept.related_terms) == []  # the deleted term is no longer related
    await cat.stub.DeleteGlossary(catalog_pb2.DeleteGlossaryRequest(name=g.name), metadata=cat.md)
    for call in (
        cat.stub.GetGlossary(catalog_pb2.GetGlossaryRequest(name=g.name), metadata=cat.md),
        cat.stub.GetGlossaryTerm(
            catalog_pb2.GetGlossaryTermRequest(name=term.name), metadata=cat.md
        ),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call
        assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_terms_carry_tags_and_labels_and_are_found_by_synonym(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop({"cust_master": ["cust_ref"], "orders": ["total"]}))
    table, column = assets[qn("cust_master")], assets[qn("cust_master", "cust_ref")]
    table = await cat.update(resources_pb2.Asset(name=table.name, tags=["crm"]), "tags")
    g = await _glossary(cat)
    term = await _term(
        cat,
        g.name,
        display_name="Customer",
        synonyms=["patron", "clientele"],
        tags=["gdpr", "crm"],
        classification_labels=["pii.person"],
    )

    assigned = await cat.stub.AssignGlossaryTerm(
        catalog_pb2.AssignGlossaryTermRequest(term=term.name, assets=[table.name, column.name]),
        metadata=cat.md,
    )
    assert assigned.changed_count == 2
    table = await cat.get(table.name)
    assert list(table.terms) == [term.name]
    assert list(table.tags) == ["crm", "gdpr"]
    carried = labels_of(table)["pii.person"]
    assert carried.origin == resources_pb2.ORIGIN_GLOSSARY
    assert term.name in carried.evidence.detail
    history = await cat.changes(table.name)
    assert history[0].kind == Kind.KIND_UPDATED
    assert sorted(history[0].changed_fields) == ["classifications", "tags", "terms"]
    counted = await cat.stub.GetGlossaryTerm(
        catalog_pb2.GetGlossaryTermRequest(name=term.name), metadata=cat.md
    )
    assert counted.asset_count == 2

    # Search finds the assets by the term's synonyms and name; facets and filters by term.
    hits = await cat.stub.SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=cat.ws, query="patron", facets=["term"]),
        metadata=cat.md,
    )
    assert {r.asset.name for r in hits.results} == {table.name, column.name}
    assert {b.value: b.count for b in hits.facets[0].buckets} == {term.name: 2}
    misses = await cat.stub.SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=cat.ws, query="clientele", terms=["x/y"]),
        metadata=cat.md,
    )
    assert misses.results == []

    # The term's tags change: assets follow; a tag people set stays when the term drops it.
    await cat.stub.UpdateGlossaryTerm(
        catalog_pb2.UpdateGlossaryTermRequest(
            term=resources_pb2.GlossaryTerm(name=term.name, tags=["customer-data"]),
            update_mask=field_mask_pb2.FieldMask(paths=["tags"]),
        ),
        metadata=cat.md,
    )
    assert list((await cat.get(table.name)).tags) == ["crm", "customer-data"]
    assert list((await cat.get(column.name)).tags) == ["customer-data"]

    # Unassigning takes away what the term carried, and search no longer finds it.
    await cat.stub.AssignGlossaryTerm(
        catalog_pb2.AssignGlossaryTermRequest(term=term.name, assets=[table.name], unassign=True),
        metadata=cat.md,
    )
    table = await cat.get(table.name)
    assert (list(table.terms), list(table.tags), labels_of(table)) == ([], ["crm"], {})
    hits = await cat.stub.SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=cat.ws, query="patron"), metadata=cat.md
    )
    assert [r.asset.name for r in hits.results] == [column.name]

    # Terms are settable through UpdateAsset too; deleting the term unassigns it.
    table = await cat.update(resources_pb2.Asset(name=table.name, terms=[term.name]), "terms")
    assert list(table.tags) == ["crm", "customer-data"]
    await cat.stub.DeleteGlossaryTerm(
        catalog_pb2.DeleteGlossaryTermRequest(name=term.name), metadata=cat.md
    )
    for name in (table.name, column.name):
        asset = await cat.get(name)
        assert list(asset.terms) == []
        assert "customer-data" not in asset.tags
        assert labels_of(asset) == {}


async def test_assignment_refusals(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop({"t": ["c"]}))
    g = await _glossary(cat)
    old = await _term(cat, g.name, display_name="Legacy", status=Status.STATUS_DEPRECATED)
    table = assets[qn("t")]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.AssignGlossaryTerm(
            catalog_pb2.AssignGlossaryTermRequest(term=old.name, assets=[table.name]),
            metadata=cat.md,
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.update(resources_pb2.Asset(name=table.name, terms=[old.name]), "terms")
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    fresh = await _term(cat, g.name, display_name="Fresh")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.AssignGlossaryTerm(
            catalog_pb2.AssignGlossaryTermRequest(
                term=fresh.name, assets=[table.name, f"{cat.ws}/assets/nope"]
            ),
            metadata=cat.md,
        )
    assert violations(caught.value) == ["assets[1]"]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.update(
            resources_pb2.Asset(name=table.name, terms=[f"{g.name}/terms/missing"]), "terms"
        )
    assert violations(caught.value) == ["asset.terms[0]"]
    assert list((await cat.get(table.name)).terms) == []
