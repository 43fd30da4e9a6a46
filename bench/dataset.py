"""A synthetic catalog for the search benchmark: databases, schemas, tables, columns.

Names are drawn from a skewed (Zipf-like) vocabulary, as in real warehouses: a few words
(id, customer, order, date, name...) appear in most names, a long tail of rare words
in few. Qualified names look like
``postgresql://host3:5432/db12/schema4/customer_orders#order_date``. Some assets have
descriptions, tags, owners and classifications. Everything derives from a seed, so a
size always produces the same rows and the queries know which rare words exist. JSON
columns hold what ``services.catalog.assets.plain`` stores (ints for int64 and enums).
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pursight.catalog.v1 import resources_pb2

GENERATOR_VERSION = "2"
WORKSPACE = "bench"
COLUMNS = (
    "id",
    "workspace",
    "qualified_name",
    "type",
    "display_name",
    "parent_id",
    "data_source",
    "description",
    "owners",
    "tags",
    "classifications",
    "column_info",
    "table_info",
    "last_scan_time",
)

# The head of the vocabulary, most frequent first.
# Word lists read best as text.
COMMON = (  # noqa: SIM905
    "id name customer order date created updated amount status type code address email"
    " product account price total user payment invoice item quantity description country"
    " city phone number key value time event source category currency balance transaction"
    " line region store employee company contract shipping billing discount tax session"
    " visit campaign channel"
).split()
# The middle: ordinary business words, still frequent.
MIDDLE = (  # noqa: SIM905
    "supplier vendor warehouse inventory stock sku brand model version revenue cost margin"
    " profit budget forecast target quota lead opportunity deal pipeline stage owner team"
    " department manager salary bonus hire termination benefit policy claim premium risk"
    " score rating review feedback survey response ticket incident priority severity"
    " resolution agent queue call chat message notification subscription plan tier license"
    " device browser platform os app release feature flag experiment variant cohort funnel"
    " click impression conversion attribution referrer utm keyword ad creative spend bid"
    " audience segment profile preference consent gdpr retention churn lifetime ltv arpu"
    " mrr arr renewal trial signup login logout password token role permission group"
    " organization tenant workspace project task milestone sprint epic story comment"
    " attachment document file folder path url domain host ip port latitude longitude"
    " geo zip postal state province street building floor room asset maintenance repair"
    " vehicle route trip driver fleet fuel mileage sensor reading metric gauge counter"
    " histogram sample batch job run schedule cron trigger workflow step result error"
    " warning log trace span parent child level depth weight height width length volume"
    " unit measure temperature pressure humidity energy power voltage current meter bill"
    " tariff rate fee charge refund chargeback dispute fraud alert rule threshold limit"
    " exposure collateral loan mortgage interest principal maturity coupon bond equity"
    " share dividend portfolio position trade execution venue broker counterparty"
    " settlement clearing ledger journal entry debit credit gl cost_center"
).split()
FILLER = "the of for and in per by with from to each when is a an".split()  # noqa: SIM905
TAGS = (
    "gold",
    "silver",
    "bronze",
    "finance",
    "marketing",
    "sales",
    "hr",
    "deprecated",
    "critical",
    "raw",
    "curated",
    "sensitive",
    "external",
    "internal",
    "archive",
)
LABELS = (
    "pii.email",
    "pii.phone",
    "pii.name",
    "pii.address",
    "pii.birthdate",
    "pii.ssn",
    "pii.ip",
    "finance.iban",
    "finance.card",
    "finance.salary",
)
LABEL_HINTS = {
    "email": "pii.email",
    "phone": "pii.phone",
    "name": "pii.name",
    "address": "pii.address",
    "street": "pii.address",
    "ip": "pii.ip",
    "salary": "finance.salary",
    "birthdate": "pii.birthdate",
}
OWNERS = (
    "users/alice",
    "users/bob",
    "groups/data-platform",
    "groups/finance",
    "serviceAccounts/etl",
)
TABLE_PREFIXES = ("", "", "", "", "fact_", "dim_", "stg_", "raw_", "agg_")
SQL_TYPES = (
    "bigint",
    "integer",
    "varchar(255)",
    "text",
    "date",
    "timestamptz",
    "numeric(12,2)",
    "boolean",
    "jsonb",
    "uuid",
)
# Most names hold one of these, whatever else they hold.
HEAD = ("id", "name", "customer", "order", "date")
HEAD_WEIGHTS = (30, 20, 20, 15, 15)
HEAD_CHANCE = 0.6
RARE_WORDS = 40_000
ZIPF_EXPONENT = 1.07
TABLES_PER_SCHEMA = 60
SCHEMAS_PER_DATABASE = 8
HOSTS = 6
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "zu",
    "ter",
    "vex",
    "qua",
    "ron",
    "bel",
    "dri",
    "fos",
    "gan",
    "hul",
    "jir",
    "nop",
    "pra",
    "sil",
    "tov",
    "wen",
    "yar",
    "zed",
    "cor",
    "mus",
    "plo",
    "tri",
    "val",
    "xen",
    "bro",
    "fla",
    "gru",
)


def rare_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words (``velquaron``) that collide with no real one."""
    taken = set(COMMON) | set(MIDDLE) | set(FILLER)
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4)))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


@dataclass
class Vocabulary:
    """Words by rank and a Zipf sampler over them."""

    words: list[str]
    _cumulative: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        total = 0.0
        for rank in range(1, len(self.words) + 1):
            total += 1.0 / rank**ZIPF_EXPONENT
            self._cumulative.append(total)

    def word(self, rng: random.Random) -> str:
        point = rng.random() * self._cumulative[-1]
        return self.words[min(bisect.bisect_left(self._cumulative, point), len(self.words) - 1)]

    def phrase(self, rng: random.Random, low: int, high: int) -> list[str]:
        words: list[str] = []
        for _ in range(rng.randint(low, high)):
            word = self.word(rng)
            if word not in words:
                words.append(word)
        return words or [self.word(rng)]


def vocabulary(seed: int = 7) -> Vocabulary:
    rng = random.Random(seed)
    return Vocabulary([*COMMON, *MIDDLE, *rare_words(rng, RARE_WORDS)])


@dataclass
class Generator:
    """Produces ``size`` asset rows (parents before children) in COPY column order."""

    size: int
    seed: int = 11
    vocab: Vocabulary = field(default_factory=vocabulary)
    rare_seen: dict[str, int] = field(default_factory=dict)
    now: datetime = field(default_factory=lambda: datetime(2026, 1, 1, tzinfo=UTC))

    def rows(self) -> Iterator[tuple[Any, ...]]:
        rng = random.Random(self.seed)
        emitted = 0
        for db in itertools.count(1):
            host = f"host{db % HOSTS + 1}"
            source = f"pg-{host}"
            db_qn = f"postgresql://{host}:5432/db{db}"
            db_id = self._id(rng)
            yield self._row(
                db_id, db_qn, resources_pb2.ASSET_TYPE_DATABASE, f"db{db}", None, source
            )
            emitted += 1
            for schema in range(1, SCHEMAS_PER_DATABASE + 1):
                if emitted >= self.size:
                    return
                schema_qn = f"{db_qn}/schema{schema}"
                schema_id = self._id(rng)
                yield self._row(
                    schema_id,
                    schema_qn,
                    resources_pb2.ASSET_TYPE_SCHEMA,
                    f"schema{schema}",
                    db_id,
                    source,
                )
                emitted += 1
                for row in self._tables(rng, schema_qn, schema_id, source):
                    if emitted >= self.size:
                        return
                    yield row
                    emitted += 1

    def _tables(
        self, rng: random.Random, schema_qn: str, schema_id: str, source: str
    ) -> Iterator[tuple[Any, ...]]:
        names: set[str] = set()
        for _ in range(TABLES_PER_SCHEMA):
            name = rng.choice(TABLE_PREFIXES) + "_".join(self._words(rng, 1, 3))
            if name in names:
                continue
            names.add(name)
            table_qn = f"{schema_qn}/{name}"
            table_id = self._id(rng)
            kind = (
                resources_pb2.ASSET_TYPE_VIEW
                if rng.random() < 0.1
                else resources_pb2.ASSET_TYPE_TABLE
            )
            columns = self._column_names(rng)
            yield self._row(
                table_id,
                table_qn,
                kind,
                name,
                schema_id,
                source,
                description=self._description(rng) if rng.random() < 0.3 else "",
                owners=[rng.choice(OWNERS)] if rng.random() < 0.5 else [],
                tags=self._tags(rng, 0.2),
                table_info={"row_count": rng.randint(0, 10**8), "column_count": len(columns)},
            )
            for position, column in enumerate(columns, start=1):
                yield self._row(
                    self._id(rng),
                    f"{table_qn}#{column}",
                    resources_pb2.ASSET_TYPE_COLUMN,
                    column,
                    table_id,
                    source,
                    description=self._description(rng) if rng.random() < 0.1 else "",
                    tags=self._tags(rng, 0.05),
                    classifications=self._labels(rng, column),
                    column_info={
                        "data_type": rng.choice(SQL_TYPES),
                        "nullable": rng.random() < 0.6,
                        "ordinal_position": position,
                    },
                )

    def _column_names(self, rng: random.Random) -> list[str]:
        names: list[str] = []
        for _ in range(max(2, int(rng.gauss(12, 6)))):
            words = self._words(rng, 1, 3)
            if rng.random() < 0.1:  # camelCase, as some sources spell them
                name = words[0] + "".join(w.capitalize() for w in words[1:])
            else:
                name = "_".join(words)
            if name not in names:
                names.append(name)
        return names

    def _words(self, rng: random.Random, low: int, high: int) -> list[str]:
        words = self.vocab.phrase(rng, low, high)
        if rng.random() < HEAD_CHANCE:
            head = rng.choices(HEAD, HEAD_WEIGHTS)[0]
            if head not in words:
                words.insert(rng.randint(0, len(words)), head)
        for word in words:
            if word not in COMMON and word not in MIDDLE:
                self.rare_seen[word] = self.rare_seen.get(word, 0) + 1
        return words

    def _description(self, rng: random.Random) -> str:
        words = [
            rng.choice(FILLER) if rng.random() < 0.3 else self.vocab.word(rng)
            for _ in range(rng.randint(6, 16))
        ]
        return " ".join(words).capitalize() + "."

    @staticmethod
    def _tags(rng: random.Random, chance: float) -> list[str]:
        if rng.random() >= chance:
            return []
        # Skewed: the first tags are far more common than the last.
        return sorted(
            {TAGS[min(int(rng.expovariate(0.35)), len(TAGS) - 1)] for _ in range(rng.randint(1, 2))}
        )

    @staticmethod
    def _labels(rng: random.Random, column: str) -> list[dict[str, Any]]:
        found = {label for hint, label in LABEL_HINTS.items() if hint in column.lower()}
        if rng.random() < 0.03:
            found.add(rng.choice(LABELS))
        if found and rng.random() < 0.2:
            return []  # not every sensitive column was classified yet
        return [
            {
                "label": label,
                "confidence": round(rng.uniform(0.6, 1.0), 2),
                "origin": resources_pb2.ORIGIN_SCAN,
            }
            for label in sorted(found)
        ]

    @staticmethod
    def _id(rng: random.Random) -> str:
        return f"{rng.getrandbits(64):016x}"

    def _row(
        self,
        asset_id: str,
        qualified_name: str,
        kind: int,
        display_name: str,
        parent_id: str | None,
        source: str,
        *,
        description: str = "",
        owners: list[str] | None = None,
        tags: list[str] | None = None,
        classifications: list[dict[str, Any]] | None = None,
        column_info: dict[str, Any] | None = None,
        table_info: dict[str, Any] | None = None,
    ) -> tuple[Any, ...]:
        return (
            asset_id,
            WORKSPACE,
            qualified_name,
            kind,
            display_name,
            parent_id,
            source,
            description,
            owners or [],
            tags or [],
            json.dumps(classifications or []),
            json.dumps(column_info) if column_info is not None else None,
            json.dumps(table_info) if table_info is not None else None,
            self.now,
        )
