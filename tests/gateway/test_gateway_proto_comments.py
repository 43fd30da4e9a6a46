"""The small .proto comment reader behind the OpenAPI descriptions."""

from __future__ import annotations

from pathlib import Path

from gateway.proto_comments import load_comments, parse_proto


def test_comment_parser_handles_nesting_and_options() -> None:
    source = """
syntax = "proto3";
package demo.v1;

// The service.
service Demo {
  // Does it.
  rpc Do(A) returns (A) {
    option (google.api.http) = {
      post: "/v1/x:do" // not a comment target
      body: "*"
    };
  }
}

// Detached comment, separated by a blank line.

// Message A.
message A {
  option (google.api.resource) = {type: "x/A"};
  // Its kind.
  enum Kind {
    // Unset.
    KIND_UNSPECIFIED = 0;
  }
  // The name.
  string name = 1 [
    (google.api.field_behavior) = REQUIRED
  ];
  // One of.
  oneof pick {
    // Left.
    string left = 2;
  }
  // Nested.
  message B {}
  // After nested.
  map<string, int32> counts = 3;
}
"""
    found = parse_proto(source)
    assert found == {
        "demo.v1.Demo": "The service.",
        "demo.v1.Demo.Do": "Does it.",
        "demo.v1.A": "Message A.",
        "demo.v1.A.Kind": "Its kind.",
        "demo.v1.A.Kind.KIND_UNSPECIFIED": "Unset.",
        "demo.v1.A.name": "The name.",
        "demo.v1.A.pick": "One of.",
        "demo.v1.A.left": "Left.",
        "demo.v1.A.B": "Nested.",
        "demo.v1.A.counts": "After nested.",
    }


def test_missing_proto_directory_means_no_descriptions(tmp_path: Path) -> None:
    assert load_comments(tmp_path / "absent").by_name == {}
