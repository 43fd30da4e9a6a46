"""Classification propagation along column lineage: opt-in per label, with its path, and
gone when its source goes."""

from __future__ import annotations

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import Catalog, Kind, labels_of, new_catalog, qn, shop
from tests.conftest import Platform

TABLES = {"src": ["email"], "mid": ["email_lower"], "out": ["email_hash"]}
FOUND = {"src.email": ["pii.email", "pii.secret"]}


async def _edge(cat: Catalog, source: str, target: str) -> resources_pb2.LineageEdge:
    return await cat.stub.CreateLineageEdge(
        catalog_pb2.CreateLineageEdgeRequest(
            parent=cat.ws,
            lineage_edge=resources_pb2.LineageEdge(
                source=source, target=target, propagated_labels=["pii.email"]
            ),
        ),
        metadata=cat.md,
    )


async def _email_labels(cat: Catalog, *names: str) -> list[list[str] | None]:
    """For each asset: the propagation path of its pii.email label (empty when the
    asset holds it itself), or None without one."""
    out: list[list[str] | None] = []
    for name in names:
        label = labels_of(await cat.get(name)).get("pii.email")
        out.append(None if label is None else list(label.propagation_path))
    return out


async def test_propagation_along_a_two_hop_column_path(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop(TABLES, FOUND))
    src, mid, out = (
        assets[qn("src", "email")].name,
        assets[qn("mid", "email_lower")].name,
        assets[qn("out", "email_hash")].name,
    )
    first = await _edge(cat, src, mid)
    await _edge(cat, mid, out)
    await _edge(cat, out, src)  # a cycle must not keep a label alive on its own

    assert await _email_labels(cat, src, mid, out) == [[], [src], [src, mid]]
    carried = labels_of(await cat.get(out))
    assert set(carried) == {"pii.email"}  # pii.secret was not opted in
    assert carried["pii.email"].origin == resources_pb2.ORIGIN_PROPAGATED
    assert carried["pii.email"].confidence == 0.9
    history = await cat.changes(out)
    assert (history[0].kind, history[0].actor) == (Kind.KIND_CLASSIFICATION_CHANGED, "users/admin")
    found = await cat.stub.SearchAssets(
        catalog_pb2.SearchAssetsRequest(parent=cat.ws, classifications=["pii.email"]),
        metadata=cat.md,
    )
    assert {r.asset.name for r in found.results} == {src, mid, out}

    # A rescan no longer finds the label at the source: it goes everywhere downstream.
    await cat.upsert(shop(TABLES))
    assert await _email_labels(cat, src, mid, out) == [None, None, None]
    assert (await cat.changes(out))[0].actor == "scans/s1"
    await cat.upsert(shop(TABLES, FOUND))
    assert await _email_labels(cat, src, mid, out) == [[], [src], [src, mid]]

    # Deleting the first edge takes the label off both hops; recreating brings it back.
    await cat.stub.DeleteLineageEdge(
        catalog_pb2.DeleteLineageEdgeRequest(name=first.name), metadata=cat.md
    )
    assert await _email_labels(cat, src, mid, out) == [[], None, None]
    await _edge(cat, src, mid)
    assert await _email_labels(cat, src, mid, out) == [[], [src], [src, mid]]

    # A steward removes it at the source: gone downstream; added back by hand: back.
    await cat.stub.RemoveClassification(
        catalog_pb2.RemoveClassificationRequest(asset=src, label="pii.email"), metadata=cat.md
    )
    assert await _email_labels(cat, src, mid, out) == [None, None, None]
    await cat.stub.AddClassification(
        catalog_pb2.AddClassificationRequest(
            asset=src, classification=resources_pb2.Classification(label="pii.email")
        ),
        metadata=cat.md,
    )
    assert await _email_labels(cat, src, mid, out) == [[], [src], [src, mid]]

    # Suppressed in the middle: it neither shows there nor flows past it.
    await cat.stub.RemoveClassification(
        catalog_pb2.RemoveClassificationRequest(asset=mid, label="pii.email"), metadata=cat.md
    )
    assert await _email_labels(cat, src, mid, out) == [[], None, None]


async def test_term_labels_flow_and_deleted_sources_take_theirs_along(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop(TABLES, FOUND))
    src, mid = assets[qn("src", "email")].name, assets[qn("mid", "email_lower")].name
    glossary = await cat.stub.CreateGlossary(
        catalog_pb2.CreateGlossaryRequest(
            glossary=resources_pb2.Glossary(display_name=f"Flow {mid[-8:]}")
        ),
        metadata=cat.md,
    )
    term = await cat.stub.CreateGlossaryTerm(
        catalog_pb2.CreateGlossaryTermRequest(
            parent=glossary.name,
            term=resources_pb2.GlossaryTerm(
                display_name="Email address", classification_labels=["pii.email"]
            ),
        ),
        metadata=cat.md,
    )
    await cat.stub.AssignGlossaryTerm(
        catalog_pb2.AssignGlossaryTermRequest(term=term.name, assets=[src]), metadata=cat.md
    )
    # The scanner's label, with its evidence, stands for the label the term carries too.
    assert labels_of(await cat.get(src))["pii.email"].origin == resources_pb2.ORIGIN_SCAN
    await _edge(cat, src, mid)
    # The scan loses the label: the term's stays, and still flows downstream.
    await cat.upsert(shop(TABLES))
    assert labels_of(await cat.get(src))["pii.email"].origin == resources_pb2.ORIGIN_GLOSSARY
    assert await _email_labels(cat, src, mid) == [[], [src]]
    # The source table goes: so does what its column propagated.
    await cat.stub.DeleteAsset(
        catalog_pb2.DeleteAssetRequest(name=assets[qn("src")].name), metadata=cat.md
    )
    assert await _email_labels(cat, mid) == [None]
    assert (await cat.changes(mid))[0].kind == Kind.KIND_CLASSIFICATION_CHANGED
