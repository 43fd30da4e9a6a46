"""Classification throughput and column-level accuracy: PurSight against Presidio.

``python -m bench.classification_bench`` generates a labelled set of columns (Faker
data plus traps: booleans named email_opt_in, 16-digit order numbers that fail Luhn,
IBANs with bad checksums, IP addresses, ...), then on the same values measures

- values per second of PurSight's column engine, of Microsoft Presidio's analyzer
  (offline, with its no-op NLP engine), and of a plain set of 15 compiled regexes;
- column-level precision and recall of PurSight and Presidio. A column gets an entity
  from Presidio when at least 60% of its values contain it (PurSight's threshold).

Only entities both tools claim to find are scored (email, phone, IP, card, IBAN, SSN,
URL, NHS number, crypto wallet); anything else either tool reports is a false positive.
Without ``presidio-analyzer`` installed (the ``bench`` extra) the Presidio rows are
skipped and the regex baseline is the comparison. Importing nothing else from bench/.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from services.classification.classifiers import builtins
from services.classification.classifiers.contact import valid_phone
from services.classification.engine import ColumnInput, Engine

SCORED = {"email", "phone", "ip", "credit_card", "iban", "ssn", "url", "nhs", "crypto"}
PURSIGHT_MAP = {
    "email": "email", "phone-number": "phone", "ipv4-address": "ip", "ipv6-address": "ip",
    "credit-card": "credit_card", "iban": "iban", "us-ssn": "ssn", "url": "url",
    "uk-nhs-number": "nhs", "crypto-wallet": "crypto",
}  # fmt: skip
PRESIDIO_MAP = {
    "EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone", "IP_ADDRESS": "ip",
    "CREDIT_CARD": "credit_card", "IBAN_CODE": "iban", "US_SSN": "ssn", "URL": "url",
    "UK_NHS": "nhs", "CRYPTO": "crypto",
}  # fmt: skip
THRESHOLD = 0.6


@dataclass
class Column:
    name: str
    values: list[str]
    truth: set[str] = field(default_factory=set)


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def dataset(columns_per_kind: int, rows: int, seed: int = 7) -> list[Column]:
    """Labelled columns: positives of each scored entity, and traps labelled with none."""
    from faker import Faker

    fake = Faker(["en_US", "en_GB", "de_DE", "fr_FR"])
    Faker.seed(seed)
    rng = random.Random(seed)

    def order_number() -> str:
        body = "4" + "".join(rng.choice("0123456789") for _ in range(14))
        bad = str((int(_luhn_digit(body)) + rng.randint(1, 9)) % 10)
        return body + bad

    def bad_iban() -> str:
        good = fake.iban()
        return good[:2] + f"{(int(good[2:4]) + 1) % 100:02d}" + good[4:]

    kinds: list[tuple[str, Callable[[], str], set[str]]] = [
        ("email", fake.email, {"email"}),
        ("contact_phone", lambda: fake["en_US"].phone_number(), {"phone"}),
        (
            "mobile",
            lambda: f"+44 7{rng.choice('45789')}{rng.randint(10, 99)} {rng.randint(0, 999999):06d}",
            {"phone"},
        ),
        ("client_ip", fake.ipv4, {"ip"}),
        ("ipv6", fake.ipv6, {"ip"}),
        ("card_number", fake.credit_card_number, {"credit_card"}),
        ("iban", fake.iban, {"iban"}),
        ("ssn", lambda: fake["en_US"].ssn(), {"ssn"}),
        ("website", fake.url, {"url"}),
        ("wallet", lambda: rng.choice(_WALLETS), {"crypto"}),
        ("email_opt_in", lambda: rng.choice(["true", "false"]), set()),
        ("order_number", order_number, set()),
        ("iban_typo", bad_iban, set()),
        ("quantity", lambda: str(rng.randint(1, 500)), set()),
        ("price", lambda: f"{rng.uniform(1, 999):.2f}", set()),
        ("status", lambda: rng.choice(["open", "closed", "pending", "void"]), set()),
        ("created_at", lambda: fake.date_time().isoformat(), set()),
        ("city", fake.city, set()),
        ("product", lambda: fake.word().title() + " " + fake.word(), set()),
        ("sku", lambda: f"SKU-{rng.randint(10000, 99999)}", set()),
        ("uuid", lambda: str(fake.uuid4()), set()),
        (
            "version",
            lambda: f"{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}",
            set(),
        ),
    ]
    columns: list[Column] = []
    for index in range(columns_per_kind):
        for name, make, truth in kinds:
            columns.append(Column(f"{name}", [make() for _ in range(rows)], set(truth)))
        del index
    return columns


_WALLETS = [
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
]

REGEXES = [
    re.compile(p)
    for p in (
        r"[\w.+-]+@[\w-]+\.[\w.-]+", r"\+?\d[\d ()-]{7,}\d", r"(?:\d{1,3}\.){3}\d{1,3}",
        r"[0-9a-fA-F:]{2,39}", r"(?:\d[ -]?){13,19}", r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}",
        r"\d{3}-\d{2}-\d{4}", r"https?://\S+", r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?",
        r"\d{9}", r"\d{5}(?:-\d{4})?", r"AKIA[A-Z2-7]{16}", r"eyJ[\w-]+\.[\w-]+\.[\w-]*",
        r"[A-Z]{5}\d{4}[A-Z]", r"\d{4}-\d{2}-\d{2}",
    )
]  # fmt: skip


def pursight_labels(engine: Engine, columns: list[Column]) -> list[set[str]]:
    results = []
    for index, column in enumerate(columns):
        outcome = engine.classify(ColumnInput(str(index), column.name, column.values))
        results.append({PURSIGHT_MAP.get(f.classifier.id, f.classifier.id) for f in outcome.labels})
    return results


def presidio_engine() -> Any:
    """Presidio's analyzer with the no-op NLP engine, and tldextract kept offline."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.tldextract.TLD_EXTRACTOR = offline  # type: ignore[attr-defined]
    config = {"nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
        return AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])


def presidio_labels(analyzer: Any, columns: list[Column]) -> list[set[str]]:
    results = []
    for column in columns:
        counts: dict[str, int] = {}
        for value in column.values:
            for entity in {r.entity_type for r in analyzer.analyze(value, language="en")}:
                counts[entity] = counts.get(entity, 0) + 1
        results.append(
            {
                PRESIDIO_MAP.get(e, e)
                for e, n in counts.items()
                if n >= THRESHOLD * len(column.values)
            }
        )
    return results


def score(columns: list[Column], predicted: list[set[str]]) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    mistakes: list[str] = []
    for column, labels in zip(columns, predicted, strict=True):
        tp += len(labels & column.truth)
        wrong, missed = labels - column.truth, column.truth - labels
        fp, fn = fp + len(wrong), fn + len(missed)
        if wrong or missed:
            mistakes.append(f"{column.name}: +{sorted(wrong)} -{sorted(missed)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    return precision, tp / (tp + fn) if tp + fn else 1.0, mistakes


def timed(work: Callable[[], object], rounds: int) -> float:
    """Median seconds of ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.classification_bench")
    parser.add_argument("--columns-per-kind", type=int, default=4)
    parser.add_argument("--rows", type=int, default=64, help="sampled values per column")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs; medians compared")
    parser.add_argument("--presidio-rounds", type=int, default=1)
    parser.add_argument("--show-mistakes", action="store_true")
    args = parser.parse_args(argv)
    columns = dataset(args.columns_per_kind, args.rows)
    values = [v for c in columns for v in c.values]
    print(f"{len(columns)} columns, {len(values)} values")

    def run_pursight() -> list[set[str]]:
        valid_phone.cache_clear()  # no memoised phone checks between rounds
        return pursight_labels(Engine(builtins()), columns)

    run_pursight()  # imports, name dictionaries, phone metadata
    ours = len(values) / timed(run_pursight, args.rounds)
    regex = len(values) / timed(
        lambda: [[r.search(v) for r in REGEXES] for v in values], args.rounds
    )
    rows = [("PurSight (54 classifiers, column engine)", ours), ("15 compiled regexes", regex)]
    accuracy = [("PurSight", *score(columns, run_pursight()))]
    try:
        analyzer = presidio_engine()
    except ImportError as exc:
        print(f"presidio-analyzer unavailable ({exc}); comparing with the regex baseline only")
    else:
        presidio_labels(analyzer, columns[:3])  # warm-up
        theirs = len(values) / timed(
            lambda: presidio_labels(analyzer, columns), args.presidio_rounds
        )
        rows.append(("Presidio analyzer (no-op NLP engine)", theirs))
        accuracy.append(("Presidio", *score(columns, presidio_labels(analyzer, columns))))
    print(f"\n{'engine':45} {'values/s':>12}")
    for name, rate in rows:
        print(f"{name:45} {rate:12,.0f}")
    if len(rows) == 3:
        print(f"\nPurSight / Presidio throughput: {ours / rows[2][1]:,.0f}x (target >= 100x)")
    print(f"PurSight / 15 regexes throughput: {ours / regex:.2f}x")
    print(f"\n{'column-level':12} {'precision':>10} {'recall':>8}")
    for name, precision, recall, mistakes in accuracy:
        print(f"{name:12} {precision:10.3f} {recall:8.3f}")
        if args.show_mistakes:
            for line in sorted(set(mistakes)):
                print(f"    {line}")


if __name__ == "__main__":
    main()
