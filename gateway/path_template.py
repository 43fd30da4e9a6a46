"""google.api.http path templates: parsing, matching and specificity.

The grammar is the one in google/api/http.proto::

    Template = "/" Segments [ Verb ] ;
    Segments = Segment { "/" Segment } ;
    Segment  = "*" | "**" | LITERAL | Variable ;
    Variable = "{" FieldPath [ "=" Segments ] "}" ;
    FieldPath = IDENT { "." IDENT } ;
    Verb     = ":" LITERAL ;

Each template compiles to one regular expression over the whole raw (still
percent-encoded) path, so an encoded ``/`` inside a resource id never splits a segment.
Templates overlap (``/v1/{name=operations/*}`` also matches ``operations/x:watch``), so
every template has a specificity key and the router tries the most specific first:
a template with a custom verb beats one without, then segment by segment a literal beats
``*`` and ``*`` beats ``**``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

SegmentKind = Literal["literal", "star", "double_star"]

_KIND_RANK: dict[SegmentKind, int] = {"literal": 0, "star": 1, "double_star": 2}
_FIELD_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_ENCODED_SLASH = re.compile(r"(%2[fF])")


class TemplateError(ValueError):
    """A google.api.http path template that does not follow the grammar."""


@dataclass(frozen=True)
class Segment:
    """One path segment; ``variable`` is the field path it binds to, if any."""

    kind: SegmentKind
    literal: str = ""
    variable: str = ""


@dataclass(frozen=True)
class Variable:
    """A ``{field.path=segments}`` binding and the regex group that captures it."""

    field_path: str
    group: str
    single_segment: bool


@dataclass(frozen=True)
class PathParam:
    """A parameter of the OpenAPI rendering of a template."""

    name: str
    field_path: str
    multi_segment: bool


@dataclass(frozen=True)
class PathTemplate:
    """A parsed template, ready to match raw request paths."""

    source: str
    segments: tuple[Segment, ...]
    verb: str
    variables: tuple[Variable, ...]
    pattern: re.Pattern[str] = field(compare=False)

    @property
    def slashes(self) -> int | None:
        """How many ``/`` a matching raw path holds (one per segment; an encoded ``/`` is
        no separator), or None when ``**`` lets it vary."""
        if any(s.kind == "double_star" for s in self.segments):
            return None
        return len(self.segments)

    @property
    def specificity(self) -> tuple[int, tuple[int, ...]]:
        """Sort key: smaller is more specific and is tried first."""
        return (0 if self.verb else 1, tuple(_KIND_RANK[s.kind] for s in self.segments))

    def match(self, raw_path: str) -> dict[str, str] | None:
        """Decoded variable values by field path, or None when the path does not match."""
        found = self.pattern.fullmatch(raw_path)
        if found is None:
            return None
        values: dict[str, str] = {}
        for variable in self.variables:
            raw = found.group(variable.group)
            values[variable.field_path] = _decode(raw, variable.single_segment)
        return values

    def openapi(self) -> tuple[str, tuple[PathParam, ...]]:
        """An OpenAPI path (``/v1/workspaces/{workspace}/assets/{asset}``) and its params.

        Each wildcard becomes its own parameter, named after the collection literal in
        front of it, so templates that bind different fields to the same URL shape
        (``{name=workspaces/*}`` and ``{workspace.name=workspaces/*}``) render to one
        OpenAPI path, and no parameter has to carry a ``/``.
        """
        parts: list[str] = []
        params: list[PathParam] = []
        used: set[str] = set()
        previous: Segment | None = None
        for index, segment in enumerate(self.segments):
            if segment.kind == "literal":
                parts.append(segment.literal)
            else:
                base = segment.variable.replace(".", "_") or f"segment{index}"
                if segment.kind == "star" and previous is not None and previous.kind == "literal":
                    base = _singular(previous.literal)
                name = base
                suffix = 2
                while name in used:
                    name = f"{base}{suffix}"
                    suffix += 1
                used.add(name)
                parts.append("{" + name + "}")
                params.append(
                    PathParam(name, segment.variable, multi_segment=segment.kind == "double_star")
                )
            previous = segment
        path = "/" + "/".join(parts)
        if self.verb:
            path += ":" + self.verb
        return path, tuple(params)


def _singular(collection: str) -> str:
    if collection.endswith("ies") and len(collection) > 3:
        return collection[:-3] + "y"
    if collection.endswith("sses"):
        return collection[:-2]
    if collection.endswith("s") and not collection.endswith("ss") and len(collection) > 1:
        return collection[:-1]
    return collection


def _decode(raw: str, single_segment: bool) -> str:
    """Reverses the template's percent-encoding, as google/api/http.proto specifies.

    A single-segment variable decodes everything; a multi-segment one leaves ``%2F``
    as it is, so an encoded slash stays distinguishable from a segment separator.
    """
    if single_segment:
        return unquote(raw, errors="strict")
    return "".join(
        piece if _ENCODED_SLASH.fullmatch(piece) else unquote(piece, errors="strict")
        for piece in _ENCODED_SLASH.split(raw)
    )


def _split_top_level(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise TemplateError("unbalanced '}'")
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if depth != 0:
        raise TemplateError("unbalanced '{'")
    parts.append("".join(current))
    return parts


def _simple_segment(text: str, variable: str) -> Segment:
    if text == "*":
        return Segment("star", variable=variable)
    if text == "**":
        return Segment("double_star", variable=variable)
    if not text or any(char in text for char in "{}*=:"):
        raise TemplateError(f"bad path segment {text!r}")
    return Segment("literal", literal=text, variable=variable)


def parse_template(source: str) -> PathTemplate:
    """Parses and compiles a template; raises TemplateError when it is malformed."""
    try:
        return _parse(source)
    except TemplateError as exc:
        raise TemplateError(f"path template {source!r}: {exc}") from None


def _parse(source: str) -> PathTemplate:
    if not source.startswith("/"):
        raise TemplateError("must start with '/'")
    body = source[1:]
    verb = ""
    pieces = _split_top_level(body, ":")
    if len(pieces) > 2:
        raise TemplateError("more than one ':verb'")
    if len(pieces) == 2:
        body, verb = pieces
        if not verb or any(char in verb for char in "/{}*="):
            raise TemplateError(f"bad verb {verb!r}")
    segments: list[Segment] = []
    variables: list[Variable] = []
    regex_parts: list[str] = []
    for text in _split_top_level(body, "/"):
        if text.startswith("{"):
            if not text.endswith("}"):
                raise TemplateError(f"bad variable {text!r}")
            inner = text[1:-1]
            field_path, _, sub = inner.partition("=")
            if not _FIELD_PATH.match(field_path):
                raise TemplateError(f"bad field path {field_path!r}")
            if any(v.field_path == field_path for v in variables):
                raise TemplateError(f"field {field_path!r} bound twice")
            inner_segments = [_simple_segment(part, field_path) for part in (sub or "*").split("/")]
            group = f"v{len(variables)}"
            variables.append(
                Variable(
                    field_path,
                    group,
                    single_segment=len(inner_segments) == 1 and inner_segments[0].kind == "star",
                )
            )
            regex_parts.append(f"(?P<{group}>{'/'.join(_regex(s) for s in inner_segments)})")
            segments.extend(inner_segments)
        else:
            segment = _simple_segment(text, "")
            segments.append(segment)
            regex_parts.append(_regex(segment))
    for position, segment in enumerate(segments):
        if segment.kind == "double_star" and position != len(segments) - 1:
            raise TemplateError("'**' must be the last segment")
    regex = "/" + "/".join(regex_parts) + (re.escape(":" + verb) if verb else "")
    return PathTemplate(
        source=source,
        segments=tuple(segments),
        verb=verb,
        variables=tuple(variables),
        pattern=re.compile(regex),
    )


def _regex(segment: Segment) -> str:
    if segment.kind == "star":
        return "[^/]+"
    if segment.kind == "double_star":
        return "[^/]+(?:/[^/]+)*"
    return re.escape(segment.literal)
