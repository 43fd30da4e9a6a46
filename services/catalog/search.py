"""Ranked, typo-tolerant search over the catalog in PostgreSQL.

Finding every row that matches common words does not scale: at a million assets the GIN
bitmap of ``customer:* & order:* & date:*`` alone takes 150-300 ms, and ranking
thousands of matches (``ts_rank_cd`` plus ``word_similarity``, ~20 us a row) as long.
So one statement gathers a small candidate set whose cost is bounded, then ranks it:

1. names starting with the query (btree range on the folded name, ``text_pattern_ops``);
2. full-text matches: the last word as a prefix, the others as whole words (weighted
   tsvector: name highest, then tags and labels, qualified name, descriptions), found
   one of two ways, chosen from the planner's own statistics of the vector
   (``pg_stats.most_common_elems``):
   - some word is selective (matches under ``INDEX_FRACTION`` of assets): the GIN index
     on the selective words only, the common ones checked on the rows found. A prefix
     costs the GIN index its whole posting list (``address:*`` at 4% of a million
     assets: ~25 ms, against ~3 ms for ``address`` ANDed with another word), so the
     index is first probed with the common words the prefix completes to, looked up
     whole; only when that finds fewer than the bound (so the total is exact) is it
     probed again with the prefix, which also finds the rare completions;
   - every word is common and all of them together still match over ``SCAN_FRACTION``:
     the table read in order until ``SCAN_CANDIDATES`` matches, which takes a few
     thousand rows, where the GIN bitmaps would take hundreds of thousands;
3. typos: a word that is not a common word (the last word: that starts no common
   word) is also looked up among the common words by trigram similarity or as two
   swapped letters (``custmer`` -> ``customer``, ``emial`` -> ``email``), and when the
   above found fewer than ``TYPO_WHEN_FEWER`` assets, names similar to the query (GIN
   trigram, ``<%``: at a million assets that lookup alone takes ~100 ms for a common
   misspelt word, so it is not made when the corrected words found enough).

The score adds the full-text rank, name similarity and bonuses for names that are the
query (as corrected, and as words: ``customer_addresses`` is "customer addresses"),
start with it, or are within a typo or two of what was typed. Facets are counted over
the candidates; the total is exact while the full-text source was not cut off by its
bound, and estimated from the same statistics beyond it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pursight.catalog.v1 import catalog_pb2
from services.catalog.visibility import Reach

CANDIDATES = 10_000  # listing without words; and how deep pages may go
FTS_CANDIDATES = 200  # full-text matches ranked, when some word is selective
SCAN_CANDIDATES = 100  # full-text matches ranked, when every word is common
PREFIX_CANDIDATES = 100  # names starting with the query
TYPO_CANDIDATES = 200
TYPO_WHEN_FEWER = 20  # names similar to the query only when fewer exact matches
TYPO_THRESHOLD = 0.45
MAX_FIXES = 3  # common words a misspelt word may stand for
MAX_COMPLETIONS = 8  # common words the last word may complete to, looked up whole
# Trigram similarity of a misspelt word to a common one: lower than TYPO_THRESHOLD,
# since only the few hundred most common words are candidates (ordr -> order: 0.375).
FIX_THRESHOLD = 0.3
# Share of assets a word may match and still drive the GIN index (above it, the
# posting lists cost more than they save); and the estimated share of assets matching
# every word above which reading the table in order finds enough matches sooner.
INDEX_FRACTION = 0.1
SCAN_FRACTION = 0.01
MAX_WORDS = 8
FACET_FIELDS = {
    "type": "type::text",
    "tag": "unnest(tags)",
    "owner": "unnest(owners)",
    "classification": "unnest(labels)",
    "data_source": "nullif(data_source, '')",
    "term": "unnest(terms)",
}
FACET_BUCKETS = 20
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents, as catalog.fold does in SQL."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def query_words(text: str) -> list[str]:
    return [w[:64] for w in _WORD.findall(fold(text))][:MAX_WORDS]


@dataclass
class SearchSql:
    """A parameterised statement under construction."""

    params: list[Any] = field(default_factory=list)

    def add(self, value: Any) -> str:
        self.params.append(value)
        return f"${len(self.params)}"


def _filters(sql: SearchSql, request: catalog_pb2.SearchAssetsRequest, reach: Reach) -> str:
    clauses = []
    visible = reach.clause(sql.add)
    if visible != "true":
        clauses.append(visible)
    if not request.show_deleted:
        clauses.append("NOT deleted")
    if request.types:
        clauses.append(f"type = ANY({sql.add(list(request.types))}::smallint[])")
    # The array indexes leave out empty arrays: each filter says its array is not empty,
    # which an array holding one of the values is anyway, so the planner may use them.
    if request.tags:
        clauses.append(f"tags @> {sql.add(list(request.tags))}::text[] AND tags <> '{{}}'")
    if request.owners:
        clauses.append(f"owners && {sql.add(list(request.owners))}::text[] AND owners <> '{{}}'")
    if request.classifications:
        values = sql.add(list(request.classifications))
        clauses.append(f"labels && {values}::text[] AND labels <> '{{}}'")
    if request.data_sources:
        clauses.append(f"data_source = ANY({sql.add(list(request.data_sources))}::text[])")
    if request.terms:
        clauses.append(f"terms && {sql.add(list(request.terms))}::text[] AND terms <> '{{}}'")
    return " AND ".join(clauses) or "true"


def build_candidates(
    request: catalog_pb2.SearchAssetsRequest, reach: Reach
) -> tuple[SearchSql, str, bool]:
    """The listing of a query without words: ids by name; False (not ranked)."""
    sql = SearchSql()
    where = _filters(sql, request, reach)
    if request.query.strip():
        # Only punctuation: nothing can match, and a lone "%" must not mean "everything".
        statement = f"SELECT id, 0::float8 AS score FROM catalog.assets WHERE {where} AND false"
        return sql, statement, False
    statement = (
        f"SELECT id, 0::float8 AS score FROM catalog.assets WHERE {where}"
        f" ORDER BY name_folded, id LIMIT {CANDIDATES}"
    )
    return sql, statement, False


def _next_string(text: str) -> str | None:
    """The least string above every string starting with ``text`` (UTF-8 byte order), or
    None when its last character is the highest one."""
    code = ord(text[-1]) + 1
    if 0xD800 <= code < 0xE000:  # surrogates are not characters
        code = 0xE000
    return text[:-1] + chr(code) if code <= 0x10FFFF else None


def _ranked_statement(
    sql: SearchSql,
    request: catalog_pb2.SearchAssetsRequest,
    reach: Reach,
    words: list[str],
    columns: str,
    order: str,
    facets: str,
    size: int,
    offset: int,
) -> str:
    """Bounded candidates, chosen by how common the words are, ranked; see the module
    docstring. One statement: total, facets and the page."""
    where = _filters(sql, request, reach)
    phrase = " ".join(words)
    p_phrase = sql.add(phrase)
    p_words = sql.add(words)
    p_typo = sql.add(FIX_THRESHOLD)
    p_scan = sql.add(SCAN_FRACTION)
    last = len(words)  # the word matched as a prefix; the others are whole words
    # Names starting with the phrase, as a range the btree (text_pattern_ops) serves.
    # starts_with, not LIKE: the trigram index also answers LIKE 'acc%' and, in a
    # generic plan, gets ANDed in, reading every name holding the trigrams (~300 ms).
    named = f"starts_with(a.name_folded, {p_phrase}) AND a.name_folded ~>=~ {p_phrase}"
    upper = _next_string(phrase)
    if upper is not None:
        named += f" AND a.name_folded ~<~ {sql.add(upper)}"
    limit = (
        f"CASE WHEN (SELECT fraction >= {p_scan} FROM q) THEN {SCAN_CANDIDATES}"
        f" ELSE {FTS_CANDIDATES} END"
    )
    # Names are compared with the query as corrected (q.fixed: a misspelt word stands for
    # the common word it is closest to) and as words: customer_addresses is exactly
    # "customer addresses".
    # A name within a typo or two of what was typed (edits: one per four letters) ranks
    # near an exact one, unless it merely goes on from it (that is a prefix match);
    # levenshtein takes at most 255 characters.
    spaced = "trim(regexp_replace(a.name_folded, '[^[:alnum:]]+', ' ', 'g'))"
    edits = max(1, len(phrase) // 4)
    p_edits = sql.add(edits)
    near = (
        f"length({spaced}) BETWEEN {len(phrase) - edits} AND {len(phrase) + edits}"
        f" AND NOT starts_with({spaced}, {p_phrase})"
        f" AND levenshtein_less_equal({p_phrase}, {spaced}, {p_edits}) <= {p_edits}"
        if len(phrase) + edits <= 255
        else "false"
    )
    score = (
        "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', a.search_vector, (SELECT tsq FROM q))"
        " + word_similarity((SELECT fixed FROM q), a.name_folded)"
        f" + CASE WHEN {spaced} = (SELECT fixed FROM q) THEN 2.0"
        f" WHEN starts_with({spaced}, (SELECT fixed FROM q)) THEN 1.0 ELSE 0 END"
        f" + CASE WHEN {near} THEN 2.0 ELSE 0 END"
        " - length(a.qualified_name) / 10000.0"
    )
    return f"""
        WITH mce AS MATERIALIZED (
            SELECT u.lexeme, u.freq FROM pg_catalog.pg_stats s,
                   unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)
                       AS u(lexeme, freq)
             WHERE s.schemaname = 'catalog' AND s.tablename = 'assets'
               AND s.attname = 'search_vector' AND u.lexeme IS NOT NULL
        ),
        terms AS MATERIALIZED (
            SELECT w.ord, w.word, coalesce(CASE WHEN w.ord = {last} THEN p.freq ELSE e.freq END, 0)
                       + coalesce(fx.freq, 0) AS freq,
                   quote_literal(w.word) || CASE WHEN w.ord = {last} THEN ':*' ELSE '' END
                       || coalesce(fx.fixes, '') AS term,
                   CASE WHEN w.ord = {last} AND p.n BETWEEN 1 AND {MAX_COMPLETIONS}
                        THEN p.lexemes || coalesce(fx.fixes, '') END AS common_term,
                   coalesce(fx.best, w.word) AS fixed
              FROM unnest({p_words}::text[]) WITH ORDINALITY AS w(word, ord)
              LEFT JOIN LATERAL (
                  SELECT sum(m.freq) AS freq, count(*) AS n,
                         string_agg(quote_literal(m.lexeme), ' | ' ORDER BY m.lexeme) AS lexemes
                    FROM mce m WHERE starts_with(m.lexeme, w.word)
              ) p ON true
              LEFT JOIN LATERAL (SELECT m.freq FROM mce m WHERE m.lexeme = w.word) e ON true
              LEFT JOIN LATERAL (
                  SELECT string_agg(' | ' || quote_literal(f.lexeme), '') AS fixes,
                         sum(f.freq) AS freq,
                         (array_agg(f.lexeme ORDER BY f.sim DESC, f.lexeme))[1] AS best
                    FROM (SELECT c.* FROM (
                            SELECT m.lexeme, m.freq,
                                   -- Two letters swapped is a typo trigrams miss
                                   -- (emial: 0.2 to email).
                                   CASE WHEN m.lexeme = ANY(ARRAY(
                                       SELECT overlay(w.word PLACING substr(w.word, i + 1, 1)
                                                      || substr(w.word, i, 1) FROM i FOR 2)
                                         FROM generate_series(1, length(w.word) - 1) i))
                                   THEN 1.0 ELSE similarity(m.lexeme, w.word) END AS sim
                              FROM mce m
                             WHERE CASE WHEN w.ord = {last} THEN p.n = 0
                                        ELSE e.freq IS NULL END) c
                           WHERE c.sim >= {p_typo}
                           ORDER BY c.sim DESC, c.lexeme
                           LIMIT {MAX_FIXES}) f
              ) fx ON true
        ),
        q AS MATERIALIZED (
            SELECT to_tsquery('simple', string_agg('(' || t.term || ')', ' & ' ORDER BY t.ord))
                       AS tsq,
                   to_tsquery('simple', string_agg('(' || t.term || ')', ' & ' ORDER BY t.ord)
                       FILTER (WHERE t.indexed)) AS index_tsq,
                   to_tsquery('simple', string_agg(
                       '(' || coalesce(t.common_term, t.term) || ')', ' & ' ORDER BY t.ord)
                       FILTER (WHERE t.indexed)) AS common_tsq,
                   exp(sum(ln(greatest(t.freq, 1e-9)))) AS fraction,
                   string_agg(t.fixed, ' ' ORDER BY t.ord) AS fixed
              FROM (SELECT t.*, t.freq < {INDEX_FRACTION} OR t.ord = (
                               SELECT r.ord FROM terms r ORDER BY r.freq, r.ord LIMIT 1) AS indexed
                      FROM terms t) t
        ),
        common AS MATERIALIZED (
            (SELECT {columns}, {score} AS score FROM catalog.assets a
              WHERE (SELECT fraction >= {p_scan} FROM q) AND {where}
                AND ts_match_vq(a.search_vector, (SELECT tsq FROM q))
              LIMIT {SCAN_CANDIDATES})
            UNION ALL
            (SELECT {columns}, {score} AS score FROM catalog.assets a
              WHERE (SELECT fraction < {p_scan} FROM q) AND {where}
                AND a.search_vector @@ (SELECT common_tsq FROM q)
                AND ts_match_vq(a.search_vector, (SELECT tsq FROM q))
              LIMIT {FTS_CANDIDATES})
        ),
        again AS MATERIALIZED (
            SELECT q.fraction < {p_scan} AND q.common_tsq::text <> q.index_tsq::text
                   AND (SELECT count(*) FROM common) < {FTS_CANDIDATES} AS redo
              FROM q
        ),
        fts AS MATERIALIZED (
            SELECT * FROM common WHERE NOT (SELECT redo FROM again)
            UNION ALL
            (SELECT {columns}, {score} AS score FROM catalog.assets a
              WHERE (SELECT redo FROM again) AND {where}
                AND a.search_vector @@ (SELECT index_tsq FROM q)
                AND ts_match_vq(a.search_vector, (SELECT tsq FROM q))
              LIMIT {FTS_CANDIDATES})
        ),
        named AS MATERIALIZED (
            SELECT {columns}, {score} AS score FROM catalog.assets a
             WHERE {where} AND {named} LIMIT {PREFIX_CANDIDATES}
        ),
        typo AS MATERIALIZED (
            SELECT {columns}, {score} AS score FROM catalog.assets a
             WHERE (SELECT count(*) FROM fts) + (SELECT count(*) FROM named) < {TYPO_WHEN_FEWER}
               AND {where} AND {p_phrase} <% a.name_folded
             LIMIT {TYPO_CANDIDATES}
        ),
        src AS MATERIALIZED (
            SELECT DISTINCT ON (u.id) u.*
              FROM (SELECT * FROM fts UNION ALL SELECT * FROM named
                    UNION ALL SELECT * FROM typo) u
             ORDER BY u.id
        ),
        meta AS (
            SELECT CASE WHEN (SELECT count(*) FROM fts) >= {limit}
                        THEN greatest((SELECT count(*) FROM src), (SELECT round(
                            greatest(c.reltuples, 0) * least((SELECT fraction FROM q), 1))::bigint
                            FROM pg_catalog.pg_class c WHERE c.oid = 'catalog.assets'::regclass))
                        ELSE (SELECT count(*) FROM src) END AS total,
                   {facets} AS facets
        )
        SELECT meta.total, meta.facets, p.*
          FROM meta LEFT JOIN LATERAL (
              SELECT * FROM src ORDER BY {order} LIMIT {sql.add(size)} OFFSET {sql.add(offset)}
          ) p ON true
    """


def order_clause(order_by: str, ranked: bool) -> str:
    key = order_by.strip().lower()
    if key in ("", "relevance"):
        return "score DESC, name_folded, id" if ranked else "name_folded, id"
    if key == "name":
        return "name_folded, id"
    if key == "update_time desc":
        return "update_time DESC, id"
    raise ValueError(order_by)


def facets_expression(names: list[str]) -> str:
    """A jsonb object: facet name -> [[value, count], ...], counted over ``src``."""
    parts = []
    for name in names:
        expression = FACET_FIELDS[name]
        parts.append(
            f"'{name}', (SELECT coalesce(jsonb_agg(jsonb_build_array(value, n)), '[]')"
            f" FROM (SELECT value, count(*) AS n FROM (SELECT {expression} AS value FROM src) f"
            f" WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value"
            f" LIMIT {FACET_BUCKETS}) b)"
        )
    return f"jsonb_build_object({', '.join(parts)})" if parts else "'{}'::jsonb"


def search_statement(
    request: catalog_pb2.SearchAssetsRequest,
    reach: Reach,
    columns: str,
    size: int,
    offset: int,
) -> tuple[str, list[Any]]:
    """One statement returning the total, the facets and the page of rows."""
    facets = facets_expression(list(dict.fromkeys(request.facets)))
    words = query_words(request.query)
    if words:
        sql = SearchSql()
        order = order_clause(request.order_by, True)
        return _ranked_statement(
            sql, request, reach, words, columns, order, facets, size, offset
        ), sql.params
    sql, candidates, ranked = build_candidates(request, reach)
    order = order_clause(request.order_by, ranked)
    statement = f"""
        WITH c AS MATERIALIZED ({candidates}),
        src AS MATERIALIZED (SELECT {columns}, c.score FROM c JOIN catalog.assets a USING (id)),
        meta AS (SELECT (SELECT count(*) FROM src) AS total, {facets} AS facets)
        SELECT meta.total, meta.facets, p.*
          FROM meta LEFT JOIN LATERAL (
              SELECT * FROM src ORDER BY {order} LIMIT {sql.add(size)} OFFSET {sql.add(offset)}
          ) p ON true
    """
    return statement, sql.params
