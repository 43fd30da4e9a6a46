"""Bulk annotations as CSV: export, edit, dry run, import; errors reported by line."""

from __future__ import annotations

import csv
import io
import uuid

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import Catalog, Kind, new_catalog, qn, shop
from tests.conftest import Platform
from tests.integration.test_workspace import violations

Action = resources_pb2.AnnotationChange.Action
HEADER = ["qualified_name", "description", "owners", "stewards", "tags", "terms"]


async def _export(cat: Catalog, prefix: str = "") -> list[list[str]]:
    chunks = [
        chunk
        async for chunk in cat.stub.ExportAnnotations(
            catalog_pb2.ExportAnnotationsRequest(parent=cat.ws, qualified_name_prefix=prefix),
            metadata=cat.md,
        )
    ]
    assert all(c.content_type.startswith("text/csv") for c in chunks)
    text = b"".join(c.data for c in chunks).decode()
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


async def _import(cat: Catalog, text: str, dry_run: bool) -> catalog_pb2.ImportAnnotationsResponse:
    return await cat.stub.ImportAnnotations(
        catalog_pb2.ImportAnnotationsRequest(parent=cat.ws, csv=text, dry_run=dry_run),
        metadata=cat.md,
    )


async def test_export_edit_dry_run_then_import(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop({"customers": ["email", "note"], "orders": ["total"]}))
    note = assets[qn("customers", "note")]
    await cat.update(
        resources_pb2.Asset(name=note.name, description='=HYPERLINK("http://evil")'),
        "description",
    )
    glossary = await cat.stub.CreateGlossary(
        catalog_pb2.CreateGlossaryRequest(
            glossary=resources_pb2.Glossary(display_name=f"Csv {uuid.uuid4().hex[:8]}")
        ),
        metadata=cat.md,
    )
    term = await cat.stub.CreateGlossaryTerm(
        catalog_pb2.CreateGlossaryTermRequest(
            parent=glossary.name,
            term=resources_pb2.GlossaryTerm(display_name="Order", tags=["sales"]),
        ),
        metadata=cat.md,
    )

    rows = await _export(cat)
    assert rows[0] == HEADER
    by_qn = {r[0]: r for r in rows[1:]}
    assert list(by_qn) == sorted(by_qn)  # ordered by qualified name
    assert len(by_qn) == len(assets)
    assert by_qn[qn("customers", "note")][1] == '\'=HYPERLINK("http://evil")'  # defused
    assert [r[0] for r in (await _export(cat, qn("orders")))[1:]] == [
        qn("orders"),
        qn("orders", "total"),
    ]

    by_qn[qn("customers")][1:5] = ["All buyers", "users/ann;users/bob", "", "gold;crm"]
    by_qn[qn("orders")][5] = term.name
    edited = _csv([HEADER, *by_qn.values()])

    dry = await _import(cat, edited, dry_run=True)
    changes = {c.qualified_name: c for c in dry.changes}
    assert changes[qn("customers")].action == Action.ACTION_UPDATE
    assert sorted(changes[qn("customers")].changed_fields) == ["description", "owners", "tags"]
    assert sorted(changes[qn("orders")].changed_fields) == ["tags", "terms"]
    assert changes[qn("customers", "note")].action == Action.ACTION_UNCHANGED  # round trip
    assert (dry.updated_count, dry.unchanged_count, dry.error_count) == (2, len(assets) - 2, 0)
    assert [c.line for c in dry.changes] == list(range(2, len(assets) + 2))
    untouched = await cat.get(assets[qn("customers")].name)
    assert (untouched.description, list(untouched.owners)) == ("", [])
    assert untouched.etag == assets[qn("customers")].etag
    assert len(await cat.changes(untouched.name)) == 1  # only its creation

    real = await _import(cat, edited, dry_run=False)
    assert [(c.line, c.action) for c in real.changes] == [(c.line, c.action) for c in dry.changes]
    customers = await cat.get(assets[qn("customers")].name)
    assert customers.description == "All buyers"
    assert list(customers.owners) == ["users/ann", "users/bob"]
    assert list(customers.tags) == ["crm", "gold"]
    orders = await cat.get(assets[qn("orders")].name)
    assert (list(orders.terms), list(orders.tags)) == ([term.name], ["sales"])
    [latest, _] = await cat.changes(customers.name)
    assert (latest.kind, latest.actor) == (Kind.KIND_UPDATED, "users/admin")
    assert sorted(latest.changed_fields) == ["description", "owners", "tags"]
    assert latest.after["description"] == "All buyers"
    assert (await cat.get(note.name)).description == '=HYPERLINK("http://evil")'

    again = await _import(cat, edited, dry_run=False)
    assert again.updated_count == 0  # importing the same file twice changes nothing


async def test_import_reports_errors_by_line_and_applies_the_rest(platform: Platform) -> None:
    cat = await new_catalog(platform)
    assets = await cat.upsert(shop({"customers": [], "orders": ["total"]}))
    text = (
        "qualified_name,owners,tags\r\n"
        f"{qn('customers')},users/ann,gold\r\n"  # 2: fine
        "nowhere://x,,\r\n"  # 3: unknown asset
        f"{qn('orders')},alice,\r\n"  # 4: bad owner
        f"{qn('customers')},,\r\n"  # 5: twice
        f'"{qn("orders", "total")}","users/a\r\nb",\r\n'  # 6-7: a cell across two lines
        "\r\n"  # 8: blank, skipped
        f"{qn('orders')},users/x\r\n"  # 9: a cell missing
        f"{qn('orders', 'total')},,Bad Tag\r\n"  # 10: bad tag
        f"{qn('orders')},,gdpr;gdpr\r\n"  # 11: fine
    )
    reply = await _import(cat, text, dry_run=False)
    report = {c.line: (c.action, c.error) for c in reply.changes}
    assert sorted(report) == [2, 3, 4, 5, 6, 9, 10, 11]
    assert {line for line, (action, _) in report.items() if action == Action.ACTION_ERROR} == {
        3,
        4,
        5,
        6,
        9,
        10,
    }
    assert "no asset" in report[3][1]
    assert report[4][1].startswith("owners: 'alice'")
    assert "line 2" in report[5][1]
    assert "expected 3 cells" in report[9][1]
    assert report[10][1].startswith("tags:")
    assert (reply.updated_count, reply.error_count) == (2, 6)
    assert list((await cat.get(assets[qn("customers")].name)).owners) == ["users/ann"]
    assert list((await cat.get(assets[qn("orders")].name)).tags) == ["gdpr"]
    assert list((await cat.get(assets[qn("orders", "total")].name)).owners) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is required"),
        ("name,owners\r\nx,y\r\n", "unknown column 'name'"),
        ("owners\r\nusers/a\r\n", "qualified_name column is required"),
        ("qualified_name,tags,tags\r\n", "appears twice"),
        ('qualified_name\r\n"unterminated\r\n', "line 2"),
    ],
)
async def test_unusable_files_are_refused(platform: Platform, text: str, message: str) -> None:
    cat = await new_catalog(platform)
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _import(cat, text, dry_run=True)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["csv"]
    assert message in (caught.value.details() or "")
