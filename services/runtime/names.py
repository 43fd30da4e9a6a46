"""Resource names (``workspaces/{workspace}/assets/{asset}``), ids and update masks."""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Iterable

from google.protobuf import field_mask_pb2
from google.protobuf.message import Message

from services.runtime.errors import bad_field

ID_PATTERN = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_ID = re.compile(f"^{ID_PATTERN}$")
_SEGMENT = re.compile(r"\{([a-z_]+)\}")


def new_id() -> str:
    """A random id: 16 lower-case hex digits."""
    return secrets.token_hex(8)


def new_ids(count: int) -> list[str]:
    """``count`` ids like new_id's, from one read of the system's random source (a scan
    batch creates thousands; a read per id showed in its profile)."""
    digits = secrets.token_hex(8 * count)
    return [digits[i : i + 16] for i in range(0, 16 * count, 16)]


def check_id(value: str, field: str) -> str:
    if not _ID.match(value):
        raise bad_field(
            field,
            "must be 1-63 lower-case letters, digits or '-', "
            "starting and ending with a letter or digit",
        )
    return value


@functools.cache
def _name_regex(pattern: str) -> re.Pattern[str]:
    """The compiled regex of a name pattern (a handful, fixed in the code)."""
    return re.compile(
        "^" + _SEGMENT.sub(lambda m: f"(?P<{m.group(1)}>{ID_PATTERN})", pattern) + "$"
    )


def parse_name(name: str, pattern: str, field: str = "name") -> dict[str, str]:
    """The ids in ``name`` by variable, e.g. {"workspace": "w1", "asset": "a1"}."""
    match = _name_regex(pattern).match(name)
    if match is None:
        raise bad_field(field, f"must look like {pattern}")
    return match.groupdict()


def update_paths(
    mask: field_mask_pb2.FieldMask,
    resource: Message,
    allowed: Iterable[str],
    field: str = "update_mask",
) -> list[str]:
    """The fields to write: the mask's paths, or the allowed fields set in ``resource``
    when the mask is empty (AIP-134). A path outside ``allowed`` is INVALID_ARGUMENT."""
    permitted = set(allowed)
    if mask.paths:
        paths = list(dict.fromkeys(mask.paths))
        unknown = [p for p in paths if p not in permitted]
        if unknown:
            raise bad_field(
                field,
                f"cannot update {', '.join(unknown)}; updatable: {', '.join(sorted(permitted))}",
            )
        return paths
    present = [f.name for f, _ in resource.ListFields() if f.name in permitted]
    if not present:
        raise bad_field(field, "names no field to update")
    return present
