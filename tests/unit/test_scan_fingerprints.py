"""Scan fingerprints are compared with the ones earlier runs stored: a change in how they
are computed would make every object of every source look changed on the next scan."""

from __future__ import annotations

import hashlib
import json

from services.connectors.model import ColumnMetadata, Container, ObjectMetadata, ObjectType
from services.scan import convert


def _stored(value: object) -> str:
    """How the first release computed a digest."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _table() -> ObjectMetadata:
    columns = tuple(
        ColumnMetadata(
            name=name,
            qualified_name=f"postgresql://h:5432/shop/public/clients#{name}",
            data_type=data_type,
            nullable=nullable,
            ordinal=ordinal,
            primary_key=ordinal == 1,
            foreign_key="shop.public.pays.code" if name == "pays" else "",
            comment=comment,
            default="",
        )
        for ordinal, (name, data_type, nullable, comment) in enumerate(
            [
                ("id", "integer", False, ""),
                ("prénom", "text", True, "Prénom du client, « tel quel »"),
                ("pays", "character(2)", True, 'ISO "alpha-2"'),
            ],
            start=1,
        )
    )
    return ObjectMetadata(
        type=ObjectType.TABLE,
        name="clients",
        path=("shop", "public", "clients"),
        qualified_name="postgresql://h:5432/shop/public/clients",
        parents=(Container(ObjectType.DATABASE, "shop", "postgresql://h:5432/shop"),),
        columns=columns,
        comment="Clients\n(fichier maître)",
    )


def test_column_digests_are_the_ones_earlier_runs_stored() -> None:
    obj = _table()
    expected = {
        c.name: _stored(
            [c.name, c.data_type, c.nullable, c.ordinal, c.primary_key, c.foreign_key, c.comment]
        )
        for c in obj.columns
    }
    assert convert.column_digests(obj) == expected


def test_a_fingerprint_is_the_same_with_or_without_the_digests_passed_in() -> None:
    obj = _table()
    digests = convert.column_digests(obj)
    expected = _stored([int(obj.type), obj.comment, "", None, sorted(digests.items())])
    assert convert.fingerprint(obj) == expected
    assert convert.fingerprint(obj, digests) == expected
