"""Column decisions, evidence, the traps of the issue, free-text spans and validators."""

from __future__ import annotations

import time

import pytest

from services.classification.classifiers import Category, ValidatorKind, builtins
from services.classification.classifiers._checksums import (
    aba_routing,
    iso7064_mod11_10,
    luhn,
    mod97,
    verhoeff,
)
from services.classification.definitions import Definition, build, compile_pattern, problems
from services.classification.engine import ColumnInput, Engine, normalise_column_name
from services.classification.text import find_spans

ENGINE = Engine(builtins())


def classify(name: str, values: list[str]) -> dict[str, object]:
    outcome = ENGINE.classify(ColumnInput("k", name, values), include_rejected=True)
    return {f.classifier.id: f for f in outcome.labels} | {
        "_rejected": {f.classifier.id: f for f in outcome.rejected}
    }


def test_email_opt_in_booleans_are_not_emails() -> None:
    found = classify("email_opt_in", ["true", "false"] * 20)
    assert "email" not in found


def test_name_alone_labels_only_an_empty_column_and_says_so() -> None:
    outcome = ENGINE.classify(ColumnInput("k", "customerEmail", ["", "  "]))
    (label,) = [f for f in outcome.labels if f.classifier.id == "email"]
    assert label.empty_column
    assert label.confidence <= 0.25
    assert "column name alone" in label.explanation()
    assert ENGINE.classify(ColumnInput("k", "email_opt_in", [])).labels == []


def test_luhn_failing_sixteen_digit_numbers_are_not_cards() -> None:
    orders = [f"41{n:014d}" for n in range(1000, 1040)]
    orders = [o for o in orders if not luhn(o)]
    found = classify("card_number", orders)
    assert "credit-card" not in found
    rejected = found["_rejected"]["credit-card"]  # type: ignore[index]
    assert rejected.rejected == len(orders)
    assert rejected.matched == 0


def test_bad_iban_checksum_is_not_an_iban() -> None:
    assert "iban" not in classify("iban", ["GB82WEST12345698765431", "DE89370400440532013001"])
    assert "iban" in classify("iban", ["GB82WEST12345698765432", "DE89370400440532013000"])


def test_ips_are_not_phones_and_emails_are_not_urls() -> None:
    ips = classify("value", ["192.168.1.20", "10.0.0.1", "8.8.8.8", "172.16.0.5"])
    assert "ipv4-address" in ips
    assert "phone-number" not in ips
    emails = classify("value", ["ann@example.com", "bob@example.org", "c@d.io"])
    assert "email" in emails
    assert "url" not in emails


def test_evidence_counts_and_explains_without_values() -> None:
    values = ["ann@example.com", "ann@example.com", "bob@example.org", "n/a", "c@d.io"]
    finding = classify("contact_email", values)["email"]
    assert (finding.sampled, finding.matched, finding.distinct_matched) == (5, 4, 3)  # type: ignore[attr-defined]
    assert finding.name_matched  # type: ignore[attr-defined]
    assert finding.threshold == 0.4  # type: ignore[attr-defined]
    text = finding.explanation()  # type: ignore[attr-defined]
    assert "4 of 5" in text
    assert "example" not in text


def test_threshold_and_distinct_minimum() -> None:
    half = ["ann@example.com", "bob@example.org", "x", "y", "z"]
    assert "email" not in classify("misc", half)  # 40% < 60% without a name hint
    assert "email" in classify("email", half)  # the name lowers it to 40%
    assert "person-name" not in classify("customer_name", ["John Smith"] * 20)


def test_weak_values_need_the_column_name() -> None:
    zips = ["94043", "10001", "60614", "30301"]
    assert "us-zip-code" in classify("zip", zips)
    assert "us-zip-code" not in classify("amount", zips)
    finding = classify("zip", zips)["us-zip-code"]
    assert finding.weak_used == 4  # type: ignore[attr-defined]


def test_suppression_keeps_the_more_specific_label() -> None:
    found = classify("nhs_number", ["943 476 5919", "401 023 2137", "485 777 3456"])
    assert "uk-nhs-number" in found
    assert "phone-number" not in found


def test_comments_column_gets_email_and_phone_labels() -> None:
    comments = [
        "Please call me back at +1 415-555-2671 after five",
        "You can reach the team at support@example.com any time",
        "Customer was happy with the delivery and the packaging",
        "Send the invoice to billing@example.org and call +44 20 7946 0958",
        "No further action needed on this ticket for now",
    ]
    outcome = ENGINE.classify(ColumnInput("k", "comments", comments))
    ids = {f.classifier.id: f for f in outcome.labels}
    assert {"email", "phone-number"} <= set(ids)
    assert ids["email"].method.name == "TEXT_SPANS"


def test_text_spans_have_exact_offsets() -> None:
    text = (
        "Écrivez à jane.doe@example.com ou +1 415-555-2671; carte 4111 1111 1111 1111, IP 10.0.0.7."
    )
    spans = find_spans(text, [c for c in builtins() if c.text_finder is not None])
    found = [(s.classifier.id, text[s.start : s.end]) for s in spans]
    assert found == [
        ("email", "jane.doe@example.com"),
        ("phone-number", "+1 415-555-2671"),
        ("credit-card", "4111 1111 1111 1111"),
        ("ipv4-address", "10.0.0.7"),
    ]
    assert all(0 < s.score <= 1 for s in spans)


def test_column_names_are_normalised() -> None:
    assert normalise_column_name("customerEmailAddress") == "customer_email_address"
    assert normalise_column_name(" Date of Birth ") == "date_of_birth"


@pytest.mark.parametrize(
    ("check", "valid", "invalid"),
    [
        (luhn, "79927398713", "79927398710"),
        (mod97, "GB82WEST12345698765432", "GB82WEST12345698765433"),
        (verhoeff, "2363", "2364"),
        (aba_routing, "021000021", "021000022"),
        (iso7064_mod11_10, "86095742719", "86095742718"),
    ],
)
def test_validators(check: object, valid: str, invalid: str) -> None:
    assert check(valid) is True  # type: ignore[operator]
    assert check(invalid) is False  # type: ignore[operator]


def _definition(**fields: object) -> Definition:
    base: dict[str, object] = {"name": "workspaces/w/classifiers/c", "display_name": "Employee id"}
    return Definition(**(base | fields))  # type: ignore[arg-type]


def test_custom_definition_problems_name_the_fields() -> None:
    found = problems(_definition(data_patterns=("EMP-\\d{6}", "(a)\\1", "(?=x)y", "(ab")))
    assert [p.field for p in found] == [
        "classifier.data_patterns[1]",
        "classifier.data_patterns[2]",
        "classifier.data_patterns[3]",
    ]
    assert "RE2" in found[0].message
    assert [p.field for p in problems(_definition(display_name=""))] == [
        "classifier.display_name",
        "classifier.data_patterns",
    ]


def test_nested_quantifiers_cannot_backtrack() -> None:
    pattern = compile_pattern("(a+)+$")
    started = time.perf_counter()
    assert pattern.fullmatch("a" * 50_000 + "!") is None
    assert time.perf_counter() - started < 0.5
    with pytest.raises(ValueError, match="at most"):
        compile_pattern("a" * 2000)


def test_custom_classifier_with_dictionary_and_validator() -> None:
    item = build(
        _definition(
            data_patterns=("\\d{16}",),
            dictionary=("Finance", "HR"),
            validator=ValidatorKind.LUHN,
            category=Category.FINANCIAL,
            column_name_patterns=("dept|card",),
        )
    )
    engine = Engine([item])
    assert engine.classify(ColumnInput("k", "dept", ["finance", "hr", "HR"])).labels
    outcome = engine.classify(ColumnInput("k", "x", ["4111111111111112"] * 3), True)
    assert not outcome.labels
    assert outcome.rejected[0].rejected == 3
