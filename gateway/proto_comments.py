"""Leading comments of the .proto sources, by full name, for OpenAPI descriptions.

Generated ``_pb2`` modules carry no source info, yet CONVENTIONS.md asks for a comment on
every message, field, enum, value, service and rpc precisely so the docs can show them.
This reads them back from the .proto files with a deliberately small line parser that
understands the buf-formatted layout the contracts use (one declaration per line,
``//`` comments directly above). When the sources are not shipped (a container with
only the wheel), descriptions are simply absent.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

_log = logging.getLogger(__name__)

DEFAULT_PROTO_ROOT = Path(__file__).resolve().parent.parent / "proto"

_PACKAGE = re.compile(r"^package\s+([\w.]+)\s*;")
_BLOCK = re.compile(r"^(message|enum|service|oneof)\s+(\w+)\s*\{")
_RPC = re.compile(r"^rpc\s+(\w+)\s*\(")
_FIELD = re.compile(
    r"^(?:(?:repeated|optional|required)\s+)?(?:map\s*<[^>]*>|[\w.]+)\s+(\w+)\s*=\s*\d+"
)
_ENUM_VALUE = re.compile(r"^(\w+)\s*=\s*-?\d+")
_NOT_MEMBERS = ("option", "reserved", "extensions", "extend")


@dataclass(frozen=True)
class Comments:
    """Comment text by full name (``pkg.Message.field``, ``pkg.Enum.VALUE``...)."""

    by_name: dict[str, str] = field(default_factory=dict)

    def get(self, full_name: str) -> str:
        return self.by_name.get(full_name, "")


def _strip_trailing_comment(line: str) -> str:
    in_string = False
    for index, char in enumerate(line):
        if char == '"' and (index == 0 or line[index - 1] != "\\"):
            in_string = not in_string
        elif not in_string and line.startswith("//", index):
            return line[:index].rstrip()
    return line


def _braces(text: str) -> list[str]:
    in_string = False
    found: list[str] = []
    for index, char in enumerate(text):
        if char == '"' and (index == 0 or text[index - 1] != "\\"):
            in_string = not in_string
        elif not in_string and char in "{}":
            found.append(char)
    return found


def parse_proto(source: str) -> dict[str, str]:
    """Leading comments of one file's declarations, by full name."""
    found: dict[str, str] = {}
    package = ""
    stack: list[tuple[str, str]] = []  # (kind, full name of the enclosing declaration)
    pending: list[str] = []
    for raw in source.splitlines():
        line = raw.strip()
        if line.startswith("//"):
            pending.append(line[2:].removeprefix(" ").rstrip())
            continue
        if not line:
            pending = []
            continue
        text = "\n".join(pending).strip()
        pending = []
        line = _strip_trailing_comment(line)
        kind, scope = stack[-1] if stack else ("file", package)
        rest = line
        name = ""
        if match := _PACKAGE.match(line):
            package = match.group(1)
        elif (match := _BLOCK.match(line)) and kind in ("file", "message"):
            block = match.group(1)
            name = f"{scope}.{match.group(2)}" if scope else match.group(2)
            stack.append((block, scope if block == "oneof" else name))
            rest = line[match.end() :]
        elif (match := _RPC.match(line)) and kind == "service":
            name = f"{scope}.{match.group(1)}"
        elif line.startswith(_NOT_MEMBERS):
            pass
        elif (kind in ("message", "oneof") and (match := _FIELD.match(line))) or (
            kind == "enum" and (match := _ENUM_VALUE.match(line))
        ):
            name = f"{scope}.{match.group(1)}"
        if name and text:
            found[name] = text
        for brace in _braces(rest):
            if brace == "{":
                stack.append(("other", scope))
            elif stack:
                stack.pop()
    return found


def load_comments(root: Path | None = None) -> Comments:
    """Comments of every .proto under ``root`` (default: the repository's proto/)."""
    base = DEFAULT_PROTO_ROOT if root is None else root
    by_name: dict[str, str] = {}
    if not base.is_dir():
        return Comments()
    for path in sorted(base.rglob("*.proto")):
        try:
            by_name.update(parse_proto(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            _log.warning("cannot read comments from %s: %s", path, exc)
    return Comments(by_name)
