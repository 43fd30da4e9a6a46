"""The optional Databricks and Synapse connectors, as far as they can run here: with
their drivers installed (pip extras), a closed local port is reported unreachable, and
no secret leaks into the result. Skipped when the extras are not installed."""

from __future__ import annotations

import pytest

from pursight.datasource.v1 import datasource_pb2 as pb
from services.connectors import FailureKind, open_source
from tests.datasource.conftest import SECRET, free_port

LIMITS = pb.ConnectionLimits(connect_timeout={"seconds": 2}, statement_timeout={"seconds": 2})


async def test_synapse_reports_an_unreachable_endpoint() -> None:
    pytest.importorskip("mssql_python")
    source = pb.DataSource(
        kind=pb.KIND_SYNAPSE,
        synapse=pb.SynapseConfig(host="127.0.0.1", port=free_port(), database="pool", user="u"),
        limits=LIMITS,
    )
    async with open_source(source, pb.Credential(password=SECRET)) as connector:
        result = await connector.test()
    # DRIVER_MISSING where the ODBC driver's system library (libltdl7) is absent.
    assert result.failure in (FailureKind.UNREACHABLE, FailureKind.DRIVER_MISSING)
    assert SECRET not in repr(result)


async def test_databricks_reports_an_unreachable_warehouse() -> None:
    pytest.importorskip("databricks.sql")
    source = pb.DataSource(
        kind=pb.KIND_DATABRICKS,
        # Nothing listens on this machine's HTTPS port.
        databricks=pb.DatabricksConfig(
            server_hostname="127.0.0.1", http_path="/sql/1.0/warehouses/abc"
        ),
        limits=LIMITS,
    )
    async with open_source(source, pb.Credential(access_token=SECRET)) as connector:
        result = await connector.test()
    assert result.failure in (FailureKind.UNREACHABLE, FailureKind.TIMEOUT), result.message
    assert [s.step for s in result.steps][-1] == "authenticate"
    assert SECRET not in repr(result)
