"""Text no request may carry: the NUL character, which PostgreSQL cannot store.

PostgreSQL's text types refuse U+0000, so a string holding one failed in whichever
query first bound it ("invalid byte sequence for encoding UTF8: 0x00") and the caller
got INTERNAL: a user's display name, a list filter, a search facet, a lookup name. No
name, filter or description has a use for NUL, so every request is checked once, on
arrival, and refused with INVALID_ARGUMENT naming the first such field
(``assets[1].tags[0]``, ``labels[team]``, proto names as in every field violation).

Free text a service reads but neither stores nor binds to SQL as it is may hold NUL:
values sampled from a source to be classified (a source may well hold NUL in them), and
the search query, which only its words leave (``FREE_TEXT_MESSAGES``, ``FREE_TEXT_FIELDS``).
"""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

from services.runtime.errors import FieldViolation, ServiceError, invalid_argument

# Strings read but never stored nor bound in SQL as they are: whole messages, or single
# fields, by full name.
FREE_TEXT_MESSAGES = frozenset({"pursight.classification.v1.ColumnSample"})
FREE_TEXT_FIELDS = frozenset(
    {
        "pursight.classification.v1.ClassifyTextRequest.texts",
        "pursight.classification.v1.TestClassifierRequest.values",
        "pursight.classification.v1.TestClassifierRequest.column_name",
        # Only the words of the query reach SQL (catalog.search.query_words).
        "pursight.catalog.v1.SearchAssetsRequest.query",
    }
)
_DESCRIPTION = "must not contain the NUL character (U+0000)"


def _first_in_map(entry: Descriptor, value: object, path: str) -> str | None:
    value_field = entry.fields_by_name["value"]
    for key, item in value.items():  # type: ignore[attr-defined]  # a protobuf map
        item_path = f"{path}[{key}]"
        if isinstance(key, str) and "\x00" in key:
            return item_path
        if isinstance(item, str) and "\x00" in item:
            return item_path
        if value_field.type == FieldDescriptor.TYPE_MESSAGE:
            found = _walk(item, f"{item_path}.")
            if found:
                return found
    return None


def first_nul_field(message: Message) -> str | None:
    """The path of the first string field (however deep) holding NUL, or None.

    A NUL character is a zero byte on the wire, so a message whose encoding has none
    holds no NUL anywhere: that one C-level search spares most requests the
    field-by-field walk (zero bytes otherwise come only from fixed-width numbers and
    explicitly set zeros, such as a confidence of 0.5 or 1.0).
    """
    if b"\x00" not in message.SerializeToString():
        return None
    return _walk(message, "")


def _walk(message: Message, prefix: str) -> str | None:
    if message.DESCRIPTOR.full_name in FREE_TEXT_MESSAGES:
        return None
    for field, value in message.ListFields():
        if field.full_name in FREE_TEXT_FIELDS:
            continue
        path = prefix + field.name
        entry = field.message_type
        if entry is not None and entry.GetOptions().map_entry:
            found = _first_in_map(entry, value, path)
        elif field.type == FieldDescriptor.TYPE_STRING:
            items = value if field.is_repeated else [value]
            bad = [i for i, text in enumerate(items) if "\x00" in text]
            found = (f"{path}[{bad[0]}]" if field.is_repeated else path) if bad else None
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            if field.is_repeated:
                found = next(
                    (hit for i, item in enumerate(value) if (hit := _walk(item, f"{path}[{i}]."))),
                    None,
                )
            else:
                found = _walk(value, f"{path}.")
        else:
            continue
        if found:
            return found
    return None


def check_text(request: Message) -> None:
    """Raises INVALID_ARGUMENT when a string field of ``request`` holds NUL."""
    field = first_nul_field(request)
    if field:
        raise refused(field)


def refused(field: str) -> ServiceError:
    return invalid_argument(FieldViolation(field, _DESCRIPTION))
