"""Request building on a test-only contract that exercises every field shape.

The PurSight contracts have no GET with nested messages, maps, bytes, durations or
wrappers, so this file registers a small `gatewaytest.v1` proto (built from a text
FileDescriptorProto) with http options, and drives the real bindings, router and
decoder over it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from google.api import (
    annotations_pb2,  # noqa: F401  # registers the http option
    httpbody_pb2,  # noqa: F401  # a dependency of the test file
)
from google.protobuf import (
    any_pb2,  # noqa: F401  # dependencies of the test file must be in the pool
    descriptor_pb2,
    descriptor_pool,
    duration_pb2,  # noqa: F401
    field_mask_pb2,  # noqa: F401
    text_format,
    timestamp_pb2,  # noqa: F401
    wrappers_pb2,  # noqa: F401
)

from gateway import bindings, descriptors
from gateway.errors import GatewayError
from gateway.request_decoding import build_request
from gateway.responses import render_unary
from gateway.router import Router
from pursight.common.v1 import access_pb2  # noqa: F401  # registers the access option

PROBE_PROTO = """
name: "gatewaytest/v1/probe.proto"
package: "gatewaytest.v1"
syntax: "proto3"
dependency: "google/api/annotations.proto"
dependency: "google/api/httpbody.proto"
dependency: "google/protobuf/any.proto"
dependency: "google/protobuf/duration.proto"
dependency: "google/protobuf/field_mask.proto"
dependency: "google/protobuf/timestamp.proto"
dependency: "google/protobuf/wrappers.proto"
dependency: "pursight/common/v1/access.proto"
enum_type {
  name: "Color"
  value { name: "COLOR_UNSPECIFIED" number: 0 }
  value { name: "COLOR_RED" number: 1 }
  value { name: "COLOR_BLUE" number: 2 }
}
message_type {
  name: "Inner"
  field { name: "big" number: 1 type: TYPE_INT64 label: LABEL_OPTIONAL }
  field { name: "color" number: 2 type: TYPE_ENUM type_name: ".gatewaytest.v1.Color"
      label: LABEL_OPTIONAL }
  field { name: "deep_flag" number: 3 type: TYPE_BOOL label: LABEL_OPTIONAL }
}
message_type {
  name: "Filter"
  field { name: "text" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
  field { name: "inner" number: 2 type: TYPE_MESSAGE type_name: ".gatewaytest.v1.Inner"
      label: LABEL_OPTIONAL }
  field { name: "labels" number: 3 type: TYPE_STRING label: LABEL_REPEATED }
}
message_type {
  name: "Probe"
  field { name: "name" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
  field { name: "filter" number: 2 type: TYPE_MESSAGE type_name: ".gatewaytest.v1.Filter"
      label: LABEL_OPTIONAL }
  field { name: "tags" number: 3 type: TYPE_STRING label: LABEL_REPEATED }
  field { name: "colors" number: 4 type: TYPE_ENUM type_name: ".gatewaytest.v1.Color"
      label: LABEL_REPEATED }
  field { name: "enabled" number: 5 type: TYPE_BOOL label: LABEL_OPTIONAL }
  field { name: "page_size" number: 6 type: TYPE_INT32 label: LABEL_OPTIONAL }
  field { name: "update_mask" number: 7 type: TYPE_MESSAGE type_name: ".google.protobuf.FieldMask"
      label: LABEL_OPTIONAL }
  field { name: "since" number: 8 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp"
      label: LABEL_OPTIONAL }
  field { name: "ttl" number: 9 type: TYPE_MESSAGE type_name: ".google.protobuf.Duration"
      label: LABEL_OPTIONAL }
  field { name: "limit" number: 10 type: TYPE_MESSAGE type_name: ".google.protobuf.Int32Value"
      label: LABEL_OPTIONAL }
  field { name: "blob" number: 11 type: TYPE_BYTES label: LABEL_OPTIONAL }
  field { name: "labels" number: 12 type: TYPE_MESSAGE
    type_name: ".gatewaytest.v1.Probe.LabelsEntry"
      label: LABEL_REPEATED }
  field { name: "count" number: 13 type: TYPE_UINT64 label: LABEL_OPTIONAL }
  field { name: "ratio" number: 14 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
  field { name: "times" number: 15 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp"
      label: LABEL_REPEATED }
  field { name: "small" number: 16 type: TYPE_FLOAT label: LABEL_OPTIONAL }
  field { name: "first" number: 17 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
  field { name: "second" number: 18 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
  field { name: "extra" number: 19 type: TYPE_MESSAGE type_name: ".google.protobuf.Any"
      label: LABEL_OPTIONAL }
  nested_type {
    name: "LabelsEntry"
    field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "value" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL }
    options { map_entry: true }
  }
  oneof_decl { name: "choice" }
}
service {
  name: "ProbeService"
  method {
    name: "GetProbe" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options { [google.api.http] { get: "/v1/{name=probes/*}" } }
  }
  method {
    name: "UpdateFilter" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options { [google.api.http] { patch: "/v1/{filter.text=probes/*/filters/**}" body: "filter" } }
  }
  method {
    name: "PurgeProbe" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options {
      [google.api.http] { custom { kind: "PURGE" path: "/v1/{name=probes/*}:purge" } body: "*" }
      [pursight.common.v1.access] { public: true }
    }
  }
  method {
    name: "ListTags" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options { [google.api.http] { get: "/v1/{name=probes/*}/tags" response_body: "tags" } }
  }
  method {
    name: "Upload" input_type: ".google.api.HttpBody" output_type: ".gatewaytest.v1.Probe"
    options { [google.api.http] { post: "/v1/uploads" body: "*" } }
  }
  method {
    name: "Download" input_type: ".gatewaytest.v1.Probe" output_type: ".google.api.HttpBody"
    options { [google.api.http] { get: "/v1/{name=probes/*}:download" } }
  }
  method {
    name: "Broken" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options {
      [google.api.http] {
        get: "/v1/{nmae=probes/*}:broken"
        additional_bindings { get: "/v1/{name=probes/*}:fine" response_body: "nope" }
        additional_bindings { post: "/v1/{name=probes/*}:fine" body: "filter.absent" }
        additional_bindings { get: "/v1/{name=probes/**}/x:fine" }
        additional_bindings { get: "/v1/{name=probes/*}:ok" }
      }
    }
  }
  method {
    name: "GetByFirst" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options { [google.api.http] { get: "/v1/firsts/{first}" } }
  }
  method {
    name: "GetInner" input_type: ".gatewaytest.v1.Probe" output_type: ".gatewaytest.v1.Probe"
    options { [google.api.http] { get: "/v1/{name=probes/*}/filter" response_body: "filter" } }
  }
}
"""


def _register() -> Any:
    pool = descriptor_pool.Default()
    try:
        return pool.FindServiceByName("gatewaytest.v1.ProbeService")
    except KeyError:
        pass
    proto = text_format.Parse(
        PROBE_PROTO, descriptor_pb2.FileDescriptorProto(), descriptor_pool=pool
    )
    pool.Add(proto)
    return pool.FindServiceByName("gatewaytest.v1.ProbeService")


SERVICE = _register()
PROBLEMS: list[str] = []
BINDINGS = bindings.collect_bindings([SERVICE], PROBLEMS)
ROUTER = Router(BINDINGS)


def decode(
    method: str,
    path: str,
    query: Any = "",
    body: bytes = b"",
    content_type: str = "application/json",
) -> Any:
    match = ROUTER.match(method, path)
    text = query if isinstance(query, str) else urlencode(query, doseq=True)
    return build_request(match, text, body, content_type)


def violation(error: pytest.ExceptionInfo[GatewayError]) -> str:
    [detail] = error.value.status.details
    from google.rpc import error_details_pb2

    bad = error_details_pb2.BadRequest()
    assert detail.Unpack(bad)
    [one] = bad.field_violations
    assert error.value.http_status == 400
    return str(one.field)


def test_every_query_shape() -> None:
    request = decode(
        "GET",
        "/v1/probes/p1",
        [
            ("filter.inner.big", "12"),
            ("filter.inner.color", "COLOR_BLUE"),
            ("filter.inner.deep_flag", "true"),
            ("filter.labels", "a"),
            ("filter.labels", "b"),
            ("filter.text", "hello"),
            ("tags", "x"),
            ("tags", "y"),
            ("colors", "1"),
            ("colors", "COLOR_BLUE"),
            ("enabled", "false"),
            ("pageSize", "-5"),
            ("updateMask", "filter.inner,page_size,pageSize"),
            ("since", "2024-02-03T04:05:06.5+01:00"),
            ("ttl", "1.5s"),
            ("limit", "7"),
            ("blob", "aGVsbG8_"),
            ("count", "18446744073709551615"),
            ("ratio", "0.25"),
            ("times", "2024-01-01T00:00:00Z"),
            ("times", "2024-01-02T00:00:00Z"),
            ("first", "one"),
        ],
    )
    assert request.name == "probes/p1"
    assert request.filter.inner.big == 12
    assert request.filter.inner.color == 2
    assert request.filter.inner.deep_flag is True
    assert list(request.filter.labels) == ["a", "b"]
    assert request.filter.text == "hello"
    assert list(request.tags) == ["x", "y"]
    assert list(request.colors) == [1, 2]
    assert request.enabled is False
    assert request.page_size == -5
    assert list(request.update_mask.paths) == ["filter.inner", "page_size", "page_size"]
    assert request.since.ToJsonString() == "2024-02-03T03:05:06.500Z"
    assert request.ttl.ToJsonString() == "1.500s"
    assert request.HasField("limit")
    assert request.limit.value == 7
    assert request.blob == b"hello?"
    assert request.count == 2**64 - 1
    assert request.ratio == 0.25
    assert [t.ToJsonString() for t in request.times] == [
        "2024-01-01T00:00:00Z",
        "2024-01-02T00:00:00Z",
    ]
    assert request.WhichOneof("choice") == "first"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"filter": "x"}, "filter"),
        ({"labels": "x"}, "labels"),
        ({"filter.nope": "x"}, "filter.nope"),
        ({"filter.inner.big": "1.5"}, "filter.inner.big"),
        ({"filter.inner.color": "GREEN"}, "filter.inner.color"),
        ({"pageSize": ["1", "2"]}, "pageSize"),
        ({"since": "2024-13-01T00:00:00Z"}, "since"),
        ({"since": "2024-01-01"}, "since"),
        ({"ttl": "5 minutes"}, "ttl"),
        ({"limit": "lots"}, "limit"),
        ({"blob": "%%%"}, "blob"),
        ({"count": "-1"}, "count"),
        ({"ratio": "half"}, "ratio"),
        ({"name": "probes/other"}, "name"),
        ({"tags.x": "1"}, "tags.x"),
        ({"extra": "x"}, "extra"),
    ],
)
def test_bad_query_values(query: dict[str, Any], field: str) -> None:
    with pytest.raises(GatewayError) as error:
        decode("GET", "/v1/probes/p1", query)
    assert violation(error) == field


def test_query_string_that_is_not_utf8_is_400() -> None:
    with pytest.raises(GatewayError) as error:
        decode("GET", "/v1/probes/p1", "tags=%ff")
    assert error.value.http_status == 400


def test_body_field_with_path_variable_inside_it_and_double_star() -> None:
    request = decode(
        "PATCH",
        "/v1/probes/p1/filters/a/b%2Fc",
        {"enabled": "1"},
        b'{"text": "ignored", "inner": {"big": "9", "color": 1}}',
    )
    assert request.filter.text == "probes/p1/filters/a/b%2Fc"  # ** keeps %2F encoded
    assert request.filter.inner.big == 9
    assert request.filter.inner.color == 1
    assert request.enabled is True


def test_percent_decoding_follows_the_variable_kind() -> None:
    # `{first}` is one segment: everything is decoded, an encoded slash included.
    assert decode("GET", "/v1/firsts/a%2Fb%20c").first == "a/b c"
    # `{name=probes/*}` spans segments: %2F stays encoded so it differs from a `/`.
    assert decode("GET", "/v1/probes/a%2Fb%20c").name == "probes/a%2Fb c"


def test_custom_method_body_star() -> None:
    body = (
        b'{"tags": ["t"], "labels": {"k": "v"}, "updateMask": "filter.inner,page_size",'
        b' "extra": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "2s"},'
        b' "small": 1.5, "count": "7"}'
    )
    request = decode("PURGE", "/v1/probes/p1:purge", body=body)
    assert request.name == "probes/p1"
    assert dict(request.labels) == {"k": "v"}
    assert list(request.update_mask.paths) == ["filter.inner", "page_size"]
    assert request.extra.type_url.endswith("google.protobuf.Duration")
    assert request.count == 7


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"first": "a", "second": "b"}', "second"),
        (b'{"extra": {"@type": "type.googleapis.com/no.Such"}}', "extra.@type"),
        (b'{"extra": {"value": "2s"}}', "extra.@type"),
        (
            b'{"extra": {"@type": "type.googleapis.com/gatewaytest.v1.Inner", "bog": 1}}',
            "extra.bog",
        ),
        (b'{"labels": {"k": null}}', "labels[k]"),
        (b'{"tags": ["a", null]}', "tags[1]"),
        (b'{"small": 1e39}', "small"),
        (b'{"ratio": "NaN", "count": -3}', "count"),
        (b'{"blob": "not base64!"}', "blob"),
        (b'{"enabled": "true"}', "enabled"),
        (b'{"ttl": 5}', "ttl"),
        (b'{"filter": {"inner": {"big": true}}}', "filter.inner.big"),
        (b'{"colors": [7]}', "colors[0]"),
        (b'{"tags": ["\\ud800"]}', "tags[0]"),
        (b'{"labels": {"\\udfff": "v"}}', "labels"),
        (b'{"count": "' + b"9" * 5000 + b'"}', "count"),
        (b'{"colors": ["' + b"1" * 5000 + b'"]}', "colors[0]"),
    ],
)
def test_bad_body_values(body: bytes, field: str) -> None:
    with pytest.raises(GatewayError) as error:
        decode("PURGE", "/v1/probes/p1:purge", body=body)
    assert violation(error) == field


def test_repeated_message_cannot_be_crossed_in_query() -> None:
    with pytest.raises(GatewayError) as error:
        decode("GET", "/v1/probes/p1", {"times.seconds": "1"})
    assert violation(error) == "times.seconds"


def test_response_body_selects_a_field() -> None:
    [tags] = [b for b in BINDINGS if b.method.name == "ListTags"]
    probe = tags.response_class(tags=["a", "b"], page_size=3)
    assert render_unary(tags, probe, {}).body == b'["a","b"]'
    assert render_unary(tags, tags.response_class(), {}).body == b"[]"
    [inner] = [b for b in BINDINGS if b.method.name == "GetInner"]
    probe = inner.response_class()
    probe.filter.inner.big = 5
    assert render_unary(inner, probe, {}).body == b'{"inner":{"big":"5"}}'


def test_short_name_and_public_flag_come_from_descriptors() -> None:
    by_method = {b.method.name: b for b in BINDINGS}
    assert by_method["PurgeProbe"].public is True
    assert by_method["GetProbe"].public is False
    assert by_method["PurgeProbe"].http_method == "PURGE"
    assert descriptors.service_short_name(SERVICE) == "v1"


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_json_number_literals_are_refused(literal: bytes) -> None:
    with pytest.raises(GatewayError) as error:
        decode("PURGE", "/v1/probes/p1:purge", body=b'{"ratio": ' + literal + b"}")
    assert error.value.http_status == 400
    decoded = decode("PURGE", "/v1/probes/p1:purge", body=b'{"ratio": "' + literal + b'"}')
    assert str(decoded.ratio) in ("nan", "inf", "-inf")


def test_huge_query_numbers_are_a_400_with_a_short_message() -> None:
    with pytest.raises(GatewayError) as error:
        decode("GET", "/v1/probes/p1", {"pageSize": "9" * 5000})
    assert violation(error) == "pageSize"
    assert len(error.value.status.message) < 100


def test_http_body_request_takes_the_raw_body() -> None:
    request = decode("POST", "/v1/uploads", body=b"a,b\n1,2\n", content_type="text/csv")
    assert request.content_type == "text/csv"
    assert request.data == b"a,b\n1,2\n"


def test_http_body_response_is_raw_with_its_exact_content_type() -> None:
    from google.api.httpbody_pb2 import HttpBody

    [download] = [b for b in BINDINGS if b.method.name == "Download"]
    response = render_unary(download, HttpBody(content_type="text/csv", data=b"a,b\n"), {})
    assert response.body == b"a,b\n"
    assert response.headers["content-type"] == "text/csv"
    untyped = render_unary(download, HttpBody(data=b"\x00"), {})
    assert untyped.headers["content-type"] == "application/octet-stream"


def test_unservable_rules_are_reported_and_left_out() -> None:
    assert len(PROBLEMS) == 4
    assert "'nmae'" in PROBLEMS[0]
    assert "response_body 'nope'" in PROBLEMS[1]
    assert "body 'filter.absent'" in PROBLEMS[2]
    assert "'**' must be the last segment" in PROBLEMS[3]
    served = [(b.index, b.template.source) for b in BINDINGS if b.method.name == "Broken"]
    assert served == [(4, "/v1/{name=probes/*}:ok")]
