"""The SQL functions that turn names into search words (migration 0003 rewrote them for
speed): their output is what every search matches against, so it must not drift."""

from __future__ import annotations

import asyncpg
import pytest

from tests.conftest import Platform

CASES = [
    ("customerEmail", "customer email"),
    ("CustomerEmailAddress2", "customer email address2"),
    ("shop.public.orders", "shop public orders"),
    (
        "postgresql://db:5432/shop/public/orders#card_number",
        "postgresql db 5432 shop public orders card number",
    ),
    ("Crème_Brûlée", "creme brulee"),
    ("ÉCOLE normale", "ecole normale"),
    ("straße", "strasse"),
    ("already plain", "already plain"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "words"), CASES)
async def test_words_split_and_fold(platform: Platform, text: str, words: str) -> None:
    assert platform.server.stores is not None
    conn = await asyncpg.connect(platform.server.stores.urls.database)
    try:
        assert (await conn.fetchval("SELECT trim(catalog.words($1))", text)) == words
        assert await conn.fetchval("SELECT catalog.fold($1)", text) == await conn.fetchval(
            "SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1))", text
        )
        assert await conn.fetchval("SELECT catalog.fold(NULL)") is None
    finally:
        await conn.close()
