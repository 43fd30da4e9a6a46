"""Scanning a folder of CSV and Parquet files, and incremental runs over it."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pursight.catalog.v1 import resources_pb2
from pursight.scan.v1 import scan_pb2
from tests.scan.conftest import Env, luhn

State = scan_pb2.ScanRun.State
AssetType = resources_pb2.AssetType


def _write_customers(path: Path, extra_column: bool = False) -> None:
    header = "id,email,phone" + (",tier" if extra_column else "")
    rows = [
        f"{i},client{i}@example.com,+33 1 42 68 53 {i % 100:02d}"
        + (",gold" if extra_column else "")
        for i in range(1, 41)
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def _labels(asset: resources_pb2.Asset) -> set[str]:
    return {c.label for c in asset.classifications}


async def test_files_are_catalogued_and_incremental_runs_skip_unchanged_ones(
    env: Env, tmp_path: Path
) -> None:
    root = tmp_path / "lake"
    (root / "sales" / "2024").mkdir(parents=True)
    _write_customers(root / "customers.csv")
    pq.write_table(
        pa.table(
            {
                "payment_id": list(range(1, 41)),
                "card_number": [luhn("5" + str(200000 + i)) for i in range(40)],
                "amount": [i * 1.5 for i in range(40)],
            }
        ),
        root / "sales" / "2024" / "payments.parquet",
    )
    source = await env.files_source(root)
    scan = await env.create_scan(source, mode=scan_pb2.SCAN_MODE_INCREMENTAL)
    first = await env.run(scan.name)
    assert first.state == State.STATE_SUCCEEDED, first.report
    assert (first.report.files, first.report.objects_scanned, first.report.columns) == (2, 2, 6)

    prefix = "file://" + str(root)
    csv = await env.lookup(f"{prefix}/customers.csv")
    assert csv.type == AssetType.ASSET_TYPE_FILE
    assert csv.table.file_format == "csv"
    assert "pii.email" in _labels(await env.lookup(f"{prefix}/customers.csv#email"))
    card = await env.lookup(f"{prefix}/sales/2024/payments.parquet#card_number")
    assert "financial.credit_card" in _labels(card)
    parquet = await env.lookup(f"{prefix}/sales/2024/payments.parquet")
    folder = await env.lookup(f"{prefix}/sales/2024")
    assert parquet.parent == folder.name
    assert folder.type == AssetType.ASSET_TYPE_FOLDER

    # Nothing changed: nothing is read again, and the labels stay.
    second = await env.run(scan.name)
    assert second.mode == scan_pb2.SCAN_MODE_INCREMENTAL
    assert (second.report.objects_unchanged, second.report.objects_scanned) == (2, 0)
    assert second.report.rows_sampled == 0
    assert "pii.email" in _labels(await env.lookup(f"{prefix}/customers.csv#email"))

    # One file changed, one removed: the first is read again, the second marked deleted.
    _write_customers(root / "customers.csv", extra_column=True)
    (root / "sales" / "2024" / "payments.parquet").unlink()
    third = await env.run(scan.name)
    report = third.report
    assert (report.objects_scanned, report.objects_changed, report.columns_added) == (1, 1, 1)
    assert (report.objects_removed, report.columns_removed) == (1, 3)
    assert (await env.lookup(f"{prefix}/sales/2024/payments.parquet")).deleted
    assert (await env.lookup(f"{prefix}/sales/2024/payments.parquet#card_number")).deleted
    assert not (await env.lookup(f"{prefix}/customers.csv")).deleted
    assert (await env.lookup(f"{prefix}/customers.csv#tier")).column.data_type
