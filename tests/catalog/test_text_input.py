"""Text PostgreSQL cannot store is refused as INVALID_ARGUMENT, never INTERNAL.

Found by the gateway fuzz (tests/fuzz): a NUL character in a lookup name, a search
filter or an export prefix reached a query, PostgreSQL refused the bound text and the
caller got INTERNAL.
"""

from __future__ import annotations

import grpc
import pytest

from pursight.catalog.v1 import catalog_pb2, resources_pb2
from tests.catalog._helpers import T, new_catalog
from tests.conftest import Platform
from tests.integration.test_workspace import violations


async def test_nul_in_text_is_invalid_argument_naming_the_field(platform: Platform) -> None:
    cat = await new_catalog(platform)
    lookup = catalog_pb2.LookupAssetRequest(parent=cat.ws, qualified_name="file:///a\x00b")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.LookupAsset(lookup, metadata=cat.md)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["qualified_name"]

    search = catalog_pb2.SearchAssetsRequest(parent=cat.ws, classifications=["pii", "pii\x00"])
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.stub.SearchAssets(search, metadata=cat.md)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["classifications[1]"]

    export = catalog_pb2.ExportAnnotationsRequest(parent=cat.ws, qualified_name_prefix="\x00")
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        async for _ in cat.stub.ExportAnnotations(export, metadata=cat.md):
            pass
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["qualified_name_prefix"]


async def test_nul_in_a_nested_list_refuses_the_whole_batch(platform: Platform) -> None:
    cat = await new_catalog(platform)
    good = resources_pb2.Asset(
        qualified_name="file:///ok.csv", type=T.ASSET_TYPE_FILE, display_name="ok.csv"
    )
    bad = resources_pb2.Asset(
        qualified_name="file:///bad.csv",
        type=T.ASSET_TYPE_FILE,
        display_name="bad.csv",
        tags=["fine", "not\x00fine"],
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await cat.upsert([good, bad])
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(caught.value) == ["assets[1].tags[1]"]
    listed = await cat.stub.ListAssets(
        catalog_pb2.ListAssetsRequest(parent=cat.ws), metadata=cat.md
    )
    assert list(listed.assets) == []
