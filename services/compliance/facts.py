"""The catalog facts rules test, and how each asset's facts are derived.

A rule sees an asset as a flat dict of facts (``owners``, ``classifications``,
``retention_days``...), listed in ``FACTS`` with their types; ListPolicyFacts serves
that list, so the rule editor and this module cannot disagree.

Some facts are *effective*: a column rarely carries its own owner, retention period or
encryption flag; its table (or database) does. So ``owners``, ``stewards``,
``retention_days`` and ``access_reviewed_at`` fall back to the nearest ancestor that sets
them, and ``protected`` is true when the asset or any ancestor is masked or encrypted.
``contained_classifications`` goes the other way: a table holds the labels of its
columns, so one rule can ask "tables holding personal data have an owner" and report one
violation per table instead of one per column.

``readers`` and ``reader_roles`` (who may read an asset) come from the rbac service
(see ``readers``). A fact that cannot be known for an evaluation, because the rbac
service did not answer, evaluates to ``UNKNOWN``; a rule that depends on it is
undecided, never a violation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import re2  # type: ignore[import-untyped]  # google-re2 ships no type hints
from google.protobuf import json_format, struct_pb2

from pursight.catalog.v1 import resources_pb2
from pursight.compliance.v1 import compliance_pb2
from services.compliance.readers import ReadAccess

FactType = compliance_pb2.PolicyFact.Type
Op = compliance_pb2.FactCheck.Operator
AssetType = resources_pb2.AssetType


class _Unknown:
    """The value of a pending fact: neither true nor false, equal only to itself."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()

# Asset types as rules write them, from the catalog's enum.
ASSET_TYPES: Final[dict[int, str]] = {
    AssetType.ASSET_TYPE_SOURCE: "data_source",
    AssetType.ASSET_TYPE_DATABASE: "database",
    AssetType.ASSET_TYPE_SCHEMA: "schema",
    AssetType.ASSET_TYPE_TABLE: "table",
    AssetType.ASSET_TYPE_VIEW: "view",
    AssetType.ASSET_TYPE_COLUMN: "column",
    AssetType.ASSET_TYPE_FOLDER: "folder",
    AssetType.ASSET_TYPE_FILE: "file",
    AssetType.ASSET_TYPE_CONTAINER: "container",
    AssetType.ASSET_TYPE_REPORT: "report",
    AssetType.ASSET_TYPE_PROCESS: "process",
}
ASSET_TYPE_NAMES: Final = frozenset(ASSET_TYPES.values())

_SCALAR_OPS = (Op.OPERATOR_EXISTS, Op.OPERATOR_NOT_EXISTS)
OPERATORS: Final[dict[int, tuple[int, ...]]] = {
    FactType.TYPE_STRING: (
        *_SCALAR_OPS,
        Op.OPERATOR_EQUALS,
        Op.OPERATOR_NOT_EQUALS,
        Op.OPERATOR_IN,
        Op.OPERATOR_NOT_IN,
        Op.OPERATOR_MATCHES,
    ),
    FactType.TYPE_NUMBER: (
        *_SCALAR_OPS,
        Op.OPERATOR_EQUALS,
        Op.OPERATOR_NOT_EQUALS,
        Op.OPERATOR_IN,
        Op.OPERATOR_NOT_IN,
        Op.OPERATOR_LESS_THAN,
        Op.OPERATOR_LESS_OR_EQUAL,
        Op.OPERATOR_GREATER_THAN,
        Op.OPERATOR_GREATER_OR_EQUAL,
    ),
    FactType.TYPE_BOOL: (Op.OPERATOR_EQUALS, Op.OPERATOR_NOT_EQUALS),
    FactType.TYPE_STRING_LIST: (
        *_SCALAR_OPS,
        Op.OPERATOR_CONTAINS,
        Op.OPERATOR_CONTAINS_ANY,
        Op.OPERATOR_CONTAINS_ALL,
        Op.OPERATOR_CONTAINS_NONE,
        Op.OPERATOR_ALL_IN,
    ),
    FactType.TYPE_TIMESTAMP: (
        *_SCALAR_OPS,
        Op.OPERATOR_LESS_THAN,
        Op.OPERATOR_LESS_OR_EQUAL,
        Op.OPERATOR_GREATER_THAN,
        Op.OPERATOR_GREATER_OR_EQUAL,
    ),
    FactType.TYPE_DURATION: (
        *_SCALAR_OPS,
        Op.OPERATOR_LESS_THAN,
        Op.OPERATOR_LESS_OR_EQUAL,
        Op.OPERATOR_GREATER_THAN,
        Op.OPERATOR_GREATER_OR_EQUAL,
    ),
}

# Where SOC 2's access reviews are recorded on an asset (see `access_reviewed_at`).
ACCESS_REVIEW_PROPERTY = "access_reviewed_at"
ACCESS_REVIEW_TAG = "access-reviewed:"


@dataclass(frozen=True)
class FactDef:
    """One fact rules can test."""

    name: str
    type: int
    description: str
    example: Any
    asset_types: tuple[str, ...] = ()
    pending: str = ""

    def to_message(self) -> compliance_pb2.PolicyFact:
        example = struct_pb2.Value()
        json_format.ParseDict(self.example, example)
        return compliance_pb2.PolicyFact(
            name=self.name,
            type=self.type,  # type: ignore[arg-type]  # an int of the enum
            description=self.description + (f" ({self.pending})" if self.pending else ""),
            asset_types=list(self.asset_types),
            operators=list(OPERATORS[self.type]),  # type: ignore[arg-type]
            example=example,
            pending=bool(self.pending),
        )


_DEFS = (
    FactDef(
        "access_review_age",
        FactType.TYPE_DURATION,
        "time since `access_reviewed_at`; unset when access was never reviewed",
        "30d",
    ),
    FactDef(
        "access_reviewed_at",
        FactType.TYPE_TIMESTAMP,
        "when access to the asset was last reviewed: the asset property"
        " `access_reviewed_at` (RFC 3339 or YYYY-MM-DD), else a tag"
        " `access-reviewed:YYYY-MM-DD`; the nearest ancestor's when the asset has none",
        "2025-01-31T00:00:00Z",
    ),
    FactDef(
        "asset_type",
        FactType.TYPE_STRING,
        "the asset's type: data_source, database, schema, table, view, column, folder,"
        " file, container, report or process",
        "column",
    ),
    FactDef(
        "classification_categories",
        FactType.TYPE_STRING_LIST,
        "the first segment of each label in `classifications` (`pii`, `financial`,"
        " `government_id`, `health`...)",
        ["pii"],
    ),
    FactDef(
        "classifications",
        FactType.TYPE_STRING_LIST,
        "sensitive-data labels on the asset itself, from the catalog (labels a steward"
        " removed are left out)",
        ["pii.email"],
    ),
    FactDef(
        "contained_classifications",
        FactType.TYPE_STRING_LIST,
        "labels on the asset and on every asset under it: a table holds its columns' labels",
        ["financial.credit_card", "pii.email"],
    ),
    FactDef(
        "data_source",
        FactType.TYPE_STRING,
        "the data source the asset was found in, `workspaces/{ws}/dataSources/{ds}`",
        "workspaces/sales/dataSources/shop",
    ),
    FactDef("display_name", FactType.TYPE_STRING, "the asset's short name", "email"),
    FactDef(
        "last_scan_time",
        FactType.TYPE_TIMESTAMP,
        "when a scan last saw the asset; unset for assets no scan wrote",
        "2025-01-31T12:00:00Z",
    ),
    FactDef(
        "owners",
        FactType.TYPE_STRING_LIST,
        "the asset's owners, or its nearest ancestor's when it has none",
        ["users/alice"],
    ),
    FactDef(
        "protected",
        FactType.TYPE_BOOL,
        "true when the asset, or an asset above it, is masked or encrypted",
        True,
    ),
    FactDef(
        "qualified_name",
        FactType.TYPE_STRING,
        "the asset's stable, readable key",
        "postgresql://db:5432/shop/public/customers#email",
    ),
    FactDef(
        "reader_roles",
        FactType.TYPE_STRING_LIST,
        "roles through which someone may read the asset (`roles/dataReader`...): roles"
        " of the bindings granting `catalog.assets.read` at the platform, the workspace,"
        " the data source, the asset or an asset above it, less denied principals",
        ["roles/dataSteward"],
    ),
    FactDef(
        "readers",
        FactType.TYPE_STRING_LIST,
        "principals who may read the asset (`users/...`, `groups/...`), through the"
        " same bindings as `reader_roles`",
        ["groups/finance"],
    ),
    FactDef(
        "retention_days",
        FactType.TYPE_NUMBER,
        "the retention period in days, or the nearest ancestor's; unset when none is set",
        365,
    ),
    FactDef(
        "stewards",
        FactType.TYPE_STRING_LIST,
        "the asset's stewards, or its nearest ancestor's when it has none",
        ["users/bob"],
    ),
    FactDef("tags", FactType.TYPE_STRING_LIST, "the asset's tags", ["gdpr"]),
    FactDef(
        "terms",
        FactType.TYPE_STRING_LIST,
        "assigned glossary terms, `glossaries/{g}/terms/{t}`",
        ["glossaries/business/terms/customer"],
    ),
    FactDef(
        "workspace",
        FactType.TYPE_STRING,
        "the asset's workspace, `workspaces/{ws}`",
        "workspaces/sales",
    ),
)
FACTS: Final[dict[str, FactDef]] = {d.name: d for d in _DEFS}


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # a user's bad pattern is a field violation, not a log line


def compile_regex(pattern: str) -> Any:
    """An RE2 pattern; ValueError with RE2's message when it is not valid."""
    try:
        return re2.compile(pattern, _RE2_OPTIONS)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else b""
        text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
        raise ValueError(text) from None


def label_matches(pattern: str, value: str) -> bool:
    """``pii.*`` matches ``pii`` and everything under it; anything else matches itself."""
    if pattern == "*":
        return True
    if pattern.endswith(".*"):
        stem = pattern[:-2]
        return value == stem or value.startswith(stem + ".")
    return value == pattern


def holds(values: Iterable[str], pattern: str) -> bool:
    """True when some value of a list fact matches ``pattern``."""
    return any(label_matches(pattern, v) for v in values)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(d|h|m|s)\s*$")
_UNITS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}


def parse_duration(text: str) -> timedelta | None:
    """``90d``, ``12h``, ``30m``, ``45s`` (decimals allowed); None when not one."""
    match = _DURATION.match(text)
    if match is None:
        return None
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def parse_time(text: str) -> datetime | None:
    """An RFC 3339 timestamp or a YYYY-MM-DD date (midnight UTC); None when neither."""
    value = text.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def format_duration(value: timedelta) -> str:
    seconds = value.total_seconds()
    for unit in ("d", "h", "m"):
        size = _UNITS[unit]
        if seconds >= size:
            return f"{seconds / size:.1f}".rstrip("0").rstrip(".") + unit
    return f"{seconds:.0f}s"


def render(value: object) -> str:
    """A fact value for people, in reasons."""
    if value is None:
        return "not set"
    if value is UNKNOWN:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render(v) for v in value) + "]" if value else "empty"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, timedelta):
        return format_duration(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_json(value: object) -> Any:
    """A fact value as JSON, for violations' evidence and EvaluateAsset's facts."""
    if value is UNKNOWN:
        return "(pending)"
    if isinstance(value, datetime | timedelta):
        return render(value)
    if isinstance(value, tuple):
        return list(value)
    return value


# -- assets -> facts ------------------------------------------------------------------


@dataclass
class AssetRecord:
    """What evaluation keeps of a catalog asset: the facts' raw material, compactly."""

    name: str
    qualified_name: str
    type: str
    display_name: str
    parent: str
    data_source: str
    labels: tuple[str, ...]
    owners: tuple[str, ...]
    stewards: tuple[str, ...]
    tags: tuple[str, ...]
    terms: tuple[str, ...]
    retention_days: int
    protected: bool
    access_reviewed_at: datetime | None
    last_scan_time: datetime | None

    @property
    def workspace(self) -> str:
        return "/".join(self.name.split("/")[:2])


def record_of(asset: resources_pb2.Asset) -> AssetRecord:
    labels = sorted({c.label for c in asset.classifications if not c.suppressed})
    return AssetRecord(
        name=asset.name,
        qualified_name=asset.qualified_name,
        type=ASSET_TYPES.get(asset.type, "unspecified"),
        display_name=asset.display_name,
        parent=asset.parent,
        data_source=asset.data_source,
        labels=tuple(labels),
        owners=tuple(asset.owners),
        stewards=tuple(asset.stewards),
        tags=tuple(asset.tags),
        terms=tuple(asset.terms),
        retention_days=asset.retention_days,
        protected=asset.protected,
        access_reviewed_at=_access_review(asset),
        last_scan_time=asset.last_scan_time.ToDatetime(tzinfo=UTC)
        if asset.HasField("last_scan_time")
        else None,
    )


def _access_review(asset: resources_pb2.Asset) -> datetime | None:
    """The property wins over tags; of several tags, the latest review counts."""
    prop = asset.properties.fields.get(ACCESS_REVIEW_PROPERTY)
    if prop is not None and prop.WhichOneof("kind") == "string_value":
        parsed = parse_time(prop.string_value)
        if parsed is not None:
            return parsed
    found = [
        parse_time(t[len(ACCESS_REVIEW_TAG) :])
        for t in asset.tags
        if t.startswith(ACCESS_REVIEW_TAG)
    ]
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None


@dataclass
class FactBook:
    """Facts of the assets of one evaluation, with ancestors and descendants resolved.

    ``records`` holds every asset read, including ancestors outside the evaluated scope
    (they lend their owners and flags) and descendants (they lend their labels)."""

    records: dict[str, AssetRecord]
    now: datetime
    # Who may read what; None when the rbac service did not say (the facts are UNKNOWN).
    access: ReadAccess | None = None
    _children: dict[str, list[str]] = field(default_factory=dict, init=False)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False)
    _contained: dict[str, frozenset[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for record in self.records.values():
            if record.parent:
                self._children.setdefault(record.parent, []).append(record.name)

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Names of the assets above ``name`` that were read, nearest first."""
        cached = self._ancestors.get(name)
        if cached is not None:
            return cached
        chain: list[str] = []
        seen = {name}
        record = self.records.get(name)
        while record is not None and record.parent and record.parent not in seen:
            chain.append(record.parent)
            seen.add(record.parent)
            record = self.records.get(record.parent)
        result = tuple(chain)
        self._ancestors[name] = result
        return result

    def contained(self, name: str) -> frozenset[str]:
        """Labels of ``name`` and everything under it (iterative: trees may be deep)."""
        cached = self._contained.get(name)
        if cached is not None:
            return cached
        order: list[str] = []
        stack = [name]
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current in seen or current in self._contained:
                continue
            seen.add(current)
            order.append(current)
            stack.extend(self._children.get(current, ()))
        for current in reversed(order):  # children before parents
            labels: set[str] = set()
            record = self.records.get(current)
            if record is not None:
                labels.update(record.labels)
            for child in self._children.get(current, ()):
                labels.update(self._contained.get(child, frozenset()))
            self._contained[current] = frozenset(labels)
        return self._contained[name]

    def _inherited(self, record: AssetRecord, attr: str) -> Any:
        own = getattr(record, attr)
        if own:
            return own
        for ancestor in self.ancestors(record.name):
            value = getattr(self.records[ancestor], attr) if ancestor in self.records else None
            if value:
                return value
        return own

    def facts(self, name: str) -> AssetFacts:
        """The facts of asset ``name``, by fact name (pending facts are ``UNKNOWN``)."""
        return AssetFacts(self, self.records[name])

    def reviewed(self, record: AssetRecord) -> datetime | None:
        found: datetime | None = self._inherited(record, "access_reviewed_at")
        return found

    def readers(self, record: AssetRecord) -> tuple[list[str], list[str]] | None:
        """Principals who may read ``record`` and their roles; None when unknown."""
        if self.access is None:
            return None
        scopes = ["", record.workspace, record.name, *self.ancestors(record.name)]
        if record.data_source:
            scopes.append(record.data_source)
        return self.access.of(scopes)

    def is_protected(self, record: AssetRecord) -> bool:
        return record.protected or any(
            self.records[a].protected for a in self.ancestors(record.name) if a in self.records
        )


def _age(book: FactBook, record: AssetRecord) -> object:
    reviewed = book.reviewed(record)
    return book.now - reviewed if reviewed is not None else None


def _reading(book: FactBook, record: AssetRecord, which: int) -> object:
    found = book.readers(record)
    return UNKNOWN if found is None else found[which]


def _retention(book: FactBook, record: AssetRecord) -> object:
    days: int = book._inherited(record, "retention_days")
    return float(days) if days > 0 else None


# How each fact is derived; computed on first use, since most rules read one or two
# facts of most assets (a column-level rule reads `classifications` and stops there).
_GETTERS: dict[str, Callable[[FactBook, AssetRecord], object]] = {
    "access_review_age": _age,
    "access_reviewed_at": lambda b, r: b.reviewed(r),
    "asset_type": lambda b, r: r.type,
    "classification_categories": lambda b, r: sorted({lb.split(".", 1)[0] for lb in r.labels}),
    "classifications": lambda b, r: list(r.labels),
    "contained_classifications": lambda b, r: sorted(b.contained(r.name)),
    "data_source": lambda b, r: r.data_source or None,
    "display_name": lambda b, r: r.display_name,
    "last_scan_time": lambda b, r: r.last_scan_time,
    "owners": lambda b, r: list(b._inherited(r, "owners")),
    "protected": lambda b, r: b.is_protected(r),
    "qualified_name": lambda b, r: r.qualified_name,
    "reader_roles": lambda b, r: _reading(b, r, 1),
    "readers": lambda b, r: _reading(b, r, 0),
    "retention_days": _retention,
    "stewards": lambda b, r: list(b._inherited(r, "stewards")),
    "tags": lambda b, r: list(r.tags),
    "terms": lambda b, r: list(r.terms),
    "workspace": lambda b, r: r.workspace,
}


class AssetFacts(Mapping[str, object]):
    """One asset's facts, each derived when first read and then kept."""

    __slots__ = ("_book", "_record", "_values")

    def __init__(self, book: FactBook, record: AssetRecord) -> None:
        self._book = book
        self._record = record
        self._values: dict[str, object] = {}

    def __getitem__(self, name: str) -> object:
        try:
            return self._values[name]
        except KeyError:
            value = _GETTERS[name](self._book, self._record)
            self._values[name] = value
            return value

    def get(self, name: str, default: object = None) -> object:
        """As Mapping.get, without its exception round trip: rules call it per check."""
        if name in self._values:
            return self._values[name]
        return self[name] if name in _GETTERS else default

    def __iter__(self) -> Iterator[str]:
        return iter(_GETTERS)

    def __len__(self) -> int:
        return len(_GETTERS)

    def __contains__(self, name: object) -> bool:
        return name in _GETTERS


def facts_struct(facts: Mapping[str, object], names: Iterable[str] | None = None) -> dict[str, Any]:
    """Facts as JSON (all of them, or those in ``names``), for evidence."""
    chosen = sorted(facts) if names is None else sorted(n for n in set(names) if n in facts)
    return {n: to_json(facts[n]) for n in chosen}
