from __future__ import annotations

from services.catalog.search import fold, query_words


def test_fold_removes_accents_and_case() -> None:
    assert fold("Crème BRÛLÉE") == "creme brulee"


def test_query_words_split_identifiers_and_drop_operators() -> None:
    assert query_words("customer_email") == ["customer", "email"]
    assert query_words("orders & !payments | (x:*)") == ["orders", "payments", "x"]
    assert query_words("'; DROP TABLE catalog.assets; --") == ["drop", "table", "catalog", "assets"]
    assert len(query_words("w " * 50)) == 8
