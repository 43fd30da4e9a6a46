"""The rule language and the facts it reads, without a server: parsing, type checks,
three-valued logic, label prefixes, inherited and rolled-up facts, subtree scopes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf import json_format

from pursight.compliance.v1 import compliance_pb2
from services.compliance.catalog import Scope, _in_scope
from services.compliance.conditions import compile_condition
from services.compliance.expressions import compile_expression
from services.compliance.facts import UNKNOWN, AssetRecord, FactBook
from services.compliance.problems import Problem
from services.compliance.readers import Holder, ReadAccess

NOW = datetime(2025, 6, 1, tzinfo=UTC)
FACTS: dict[str, object] = {
    "asset_type": "column",
    "qualified_name": "postgresql://db/shop/public/payments#card",
    "classifications": ["financial.credit_card", "pii.email"],
    "contained_classifications": ["financial.credit_card", "pii.email"],
    "owners": [],
    "stewards": ["users/sam"],
    "tags": ["gdpr"],
    "retention_days": 400.0,
    "protected": False,
    "access_review_age": timedelta(days=30),
    "reader_roles": UNKNOWN,
}


def _expr(source: str) -> bool | None:
    problems: list[Problem] = []
    compiled = compile_expression(source, "e", problems)
    assert compiled is not None, problems
    return compiled.evaluate(FACTS)


def _problem(source: str) -> Problem:
    problems: list[Problem] = []
    assert compile_expression(source, "e", problems) is None
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"pii.*" in classifications', True),
        ('"health.*" in classifications', False),
        ('asset_type in ["table", "column"]', True),
        ("has(owners) || size(stewards) == 1", True),
        ("retention_days <= 365", False),
        ("!protected && retention_days > 365", True),
        ('access_review_age <= duration("90d")', True),
        ('qualified_name.startsWith("postgresql://") // a comment', True),
        ('matches(qualified_name, ".*#card")', True),
        ('containsAny(classifications, ["secret.*", "financial.*"])', True),
        ('tags.allIn(["gdpr", "pci"])', True),
        ("'it\\'s' == \"it's\"", True),
        # Three-valued: a pending fact is unknown unless the other side settles it.
        ('reader_roles.allIn(["roles/x"])', None),
        ('reader_roles.allIn(["roles/x"]) && protected', False),
        ('reader_roles.allIn(["roles/x"]) || !protected', True),
        ("has(reader_roles)", None),
    ],
)
def test_expressions_evaluate(source: str, expected: bool | None) -> None:
    assert _expr(source) is expected


@pytest.mark.parametrize(
    ("source", "line", "column", "words"),
    [
        ("owners &&", 1, 10, "expected a value"),
        ("has(owners", 1, 11, "expected ',' or ')'"),
        ('retention_days > "a"', 1, 16, "compares two numbers"),
        ("ownrs == []", 1, 1, 'did you mean "owners"'),
        ("size(owners)", 1, 1, "must be true or false"),
        ("owners\n  && protected == 1", 2, 16, "cannot compare a bool with a number"),
        ('duration("ninety days") > access_review_age', 1, 10, "not a duration"),
        ('matches(qualified_name, "(")', 1, 25, "not a valid RE2"),
        ("protected == true == false", 1, 19, "do not chain"),
        ("sizee(owners) > 0", 1, 1, 'did you mean "size"'),
        ("protected @ 1", 1, 11, "unexpected character"),
    ],
)
def test_expression_problems_say_where(source: str, line: int, column: int, words: str) -> None:
    problem = _problem(source)
    assert (problem.line, problem.column) == (line, column), problem
    assert words in problem.message


def test_deep_nesting_is_refused_not_crashed() -> None:
    problem = _problem("(" * 200 + "protected" + ")" * 200)
    assert "nested more than" in problem.message


def _condition(value: dict[str, object]) -> compliance_pb2.Condition:
    return json_format.ParseDict(value, compliance_pb2.Condition())


def test_structured_conditions_explain_themselves() -> None:
    problems: list[Problem] = []
    node = compile_condition(
        _condition(
            {
                "all_of": {
                    "conditions": [
                        {"fact": {"fact": "owners", "operator": "OPERATOR_EXISTS"}},
                        {
                            "fact": {
                                "fact": "retention_days",
                                "operator": "OPERATOR_LESS_OR_EQUAL",
                                "value": 365,
                            }
                        },
                    ]
                }
            }
        ),
        "require",
        problems,
    )
    assert node is not None, problems
    verdict = node.evaluate(FACTS)
    assert verdict.value is False
    assert verdict.why == (
        "owners is empty (must be set); retention_days is 400 (must be at most 365)"
    )
    pending = compile_condition(
        _condition(
            {
                "fact": {
                    "fact": "reader_roles",
                    "operator": "OPERATOR_ALL_IN",
                    "value": ["roles/dataSteward"],
                }
            }
        ),
        "require",
        problems,
    )
    assert pending is not None
    assert pending.evaluate(FACTS).value is None
    prefix = compile_condition(
        _condition(
            {
                "none_of": {
                    "conditions": [
                        {
                            "fact": {
                                "fact": "classifications",
                                "operator": "OPERATOR_CONTAINS",
                                "value": "financial.*",
                            }
                        }
                    ]
                }
            }
        ),
        "when",
        problems,
    )
    assert prefix is not None
    verdict = prefix.evaluate(FACTS)
    assert verdict.value is False
    assert verdict.why == "must not hold: classifications holds financial.credit_card"


def test_structured_problems_name_the_field() -> None:
    problems: list[Problem] = []
    node = compile_condition(
        _condition(
            {
                "any_of": {
                    "conditions": [
                        {"fact": {"fact": "tags", "operator": "OPERATOR_GREATER_THAN"}},
                        {"fact": {"fact": "owners", "operator": "OPERATOR_EXISTS", "value": 1}},
                        {
                            "fact": {
                                "fact": "qualified_name",
                                "operator": "OPERATOR_MATCHES",
                                "value": "[",
                            }
                        },
                        {"all_of": {}},
                        {},
                    ]
                }
            }
        ),
        "rules[0].require",
        problems,
        "r",
    )
    assert node is None
    fields = {p.field: p.message for p in problems}
    base = "rules[0].require.any_of.conditions"
    assert "does not fit tags" in fields[f"{base}[0].fact.operator"]
    assert "must be unset" in fields[f"{base}[1].fact.value"]
    assert "RE2" in fields[f"{base}[2].fact.value"]
    assert "at least one" in fields[f"{base}[3].all_of.conditions"]
    assert "is empty" in fields[f"{base}[4]"]
    assert {p.rule_id for p in problems} == {"r"}


def _record(name: str, parent: str = "", kind: str = "table", **values: object) -> AssetRecord:
    fields: dict[str, object] = {
        "name": f"workspaces/w/assets/{name}",
        "qualified_name": values.pop("qualified_name", name),
        "type": kind,
        "display_name": name,
        "parent": f"workspaces/w/assets/{parent}" if parent else "",
        "data_source": "workspaces/w/dataSources/d",
        "labels": (),
        "owners": (),
        "stewards": (),
        "tags": (),
        "terms": (),
        "retention_days": 0,
        "protected": False,
        "access_reviewed_at": None,
        "last_scan_time": None,
    }
    fields.update(values)
    return AssetRecord(**fields)  # type: ignore[arg-type]


def test_facts_inherit_downwards_and_roll_labels_up() -> None:
    records = [
        _record("db", kind="database", owners=("users/dana",), retention_days=30, protected=True),
        _record("t", "db", access_reviewed_at=NOW - timedelta(days=10)),
        _record("t-email", "t", "column", labels=("pii.email",), owners=("users/eve",)),
        _record("t-card", "t", "column", labels=("financial.credit_card",)),
    ]
    book = FactBook({r.name: r for r in records}, NOW)
    table = book.facts("workspaces/w/assets/t")
    assert table["owners"] == ["users/dana"]
    assert table["retention_days"] == 30.0
    assert table["protected"] is True
    assert table["contained_classifications"] == ["financial.credit_card", "pii.email"]
    assert table["classifications"] == []
    email = book.facts("workspaces/w/assets/t-email")
    assert email["owners"] == ["users/eve"]  # its own win
    assert email["access_review_age"] == timedelta(days=10)
    assert email["classification_categories"] == ["pii"]
    assert book.ancestors("workspaces/w/assets/t-card") == (
        "workspaces/w/assets/t",
        "workspaces/w/assets/db",
    )


def test_an_asset_subtree_leaves_out_look_alike_names() -> None:
    records = [
        _record("orders", qualified_name="db/orders"),
        _record("orders-id", "orders", "column", qualified_name="db/orders#id"),
        _record("orders-archive", qualified_name="db/orders_archive"),
    ]
    scope = Scope("workspaces/w", "workspaces/w/assets/orders")
    inside = _in_scope({r.name: r for r in records}, scope)
    assert sorted(inside) == ["workspaces/w/assets/orders", "workspaces/w/assets/orders-id"]


def test_readers_come_from_covering_bindings_and_stay_unknown_without_them() -> None:
    records = {
        r.name: r
        for r in (
            _record("db", kind="database"),
            _record("t", "db"),
            _record("c", "t", kind="column"),
            _record("other", "db"),
        )
    }
    column = "workspaces/w/assets/c"
    # The rbac service did not answer: unknown, so a rule testing it is undecided.
    assert FactBook(records, NOW).facts(column)["readers"] is UNKNOWN
    access = ReadAccess(
        [
            Holder("users/admin", "roles/platformAdmin", "", deny=False),
            Holder("users/ana", "roles/dataReader", "workspaces/w", deny=False),
            Holder("users/bo", "roles/dataSteward", "workspaces/w/dataSources/d", deny=False),
            Holder("users/cy", "roles/dataCurator", "workspaces/w/assets/t", deny=False),
            Holder("users/di", "roles/dataReader", "workspaces/w/assets/other", deny=False),
            Holder("users/ed", "roles/dataReader", "workspaces/v", deny=False),
            Holder("users/ana", "roles/dataReader", "workspaces/w/assets/db", deny=True),
        ]
    )
    facts = FactBook(records, NOW, access).facts(column)
    # ana is denied on the database above; di's and ed's bindings cover other assets.
    assert facts["readers"] == ["users/admin", "users/bo", "users/cy"]
    assert facts["reader_roles"] == [
        "roles/dataCurator",
        "roles/dataSteward",
        "roles/platformAdmin",
    ]
