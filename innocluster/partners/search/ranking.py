"""The ranked search: the text, name and meaning rankings in one statement, fused by reciprocal
rank fusion, with highlights; results kept per process under the index generation."""

import html
import math
from contextlib import contextmanager
from functools import lru_cache

from django.db import OperationalError, connection, transaction
from psycopg.errors import QueryCanceled

from innocluster.partners.errors import SearchTimedOut
from innocluster.partners.search import query
from innocluster.partners.search.cache import LRU, _generation
from innocluster.partners.search.encoding import _vector_literal, encoder, vector_enabled
from innocluster.partners.search.expansion import expand
from innocluster.partners.search.query import (
    TYPO_MIN_SIMILARITY,
    Filters,
    Hit,
    Result,
    _all_words_tsquery,
    _corrections,
    _narrowing,
    _tsquery,
    _words,
    clean_query,
    documents,
    lexeme_shares,
    slot_tsquery,
)

RRF_K = 60
CANDIDATES = 120
# The meaning ranking asks the HNSW graph for as many profiles as it keeps in view (hnsw.ef_search,
# SESSION_SETTINGS): asked for more, it goes on scanning the graph (iterative scan) for the rest,
# which at a million cost 3.2 ms instead of 1.9 (6.2 instead of 3.8 with a region filter) for
# profiles that fused below the 60th place hardly move a page (bench/README).
MEANING_CANDIDATES = 60
# Below this many profiles the meaning ranking compares the query with every profile instead of
# searching the graph: at most about 2 ms (2.4 µs a profile, measured at a million), and exact.
# The graph is approximate and built with random levels, so a small cluster's related profiles
# changed from one rebuild to the next (the judged corpus's meaning ranking moved by 0.015).
EXACT_BELOW = 1_000
ALL_WORDS_ENOUGH = 30
EXPAND_BELOW = 30  # the words as written find fewer: look for their other forms (_ranked)
# Ranking reads every matching document; on a large corpus a common word matches tens of
# thousands. Rank at most this many matches (the index gives them in no particular order): the
# other rankings and the fusion carry relevance where a query is that broad.
RANKED_AT_MOST = 500
# The floors and the weight were set on the judged corpus's tuning half (bench/README, issue 14),
# for profile vectors of whole text and parts (encoding.WHOLE_TEXT_SHARE), whose cosines are lower
# than those of parts alone.
MEANING_MIN_SIMILARITY = 0.25
# A search page never leaves a user with nothing when something is close: with no hit, the
# closest profiles by meaning are shown as related; with fewer than RELATED_WHEN_FEWER hits, those
# close enough to be plainly related. (USE's cosine for a one-word query is noisy: «токарка» is
# 0.39 from «хлебобулочные изделия» and 0.32 from «токарная обработка валов».)
RELATED_WHEN_FEWER = 3
RELATED_AT_MOST = 5
RELATED_MIN_SIMILARITY = 0.10  # with no hit
RELATED_BESIDE_HITS = 0.50  # below a few hits
MEANING_WEIGHT = 2.0  # × the cosine similarity: a close meaning counts more than a distant one
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
# Every statement of a search is stopped after this (_bounded): at a million profiles a new search
# takes tens of milliseconds, under load a few hundred.
SEARCH_TIMEOUT = "5s"


# Searches repeat (the same few words from many people, a page asked for again): a result is
# kept per process under the index generation it was computed at. Filters on membership, the
# register or a consortium read tables that change without reindexing; those are not kept.
RESULTS = LRU(2048)


@lru_cache(maxsize=2048)
def _query_vector(q: str) -> str:
    return _vector_literal(encoder().encode(q))


def search(
    q,
    *,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
    meaning: bool = True,
    text: bool = True,
) -> Result:
    filters = filters or Filters()
    q = clean_query(q)
    where, params = filters.sql()
    limit, offset = max(1, min(int(limit), 100)), max(0, min(int(offset), 1000))
    words = _words(q)
    cacheable = filters.participant is None and filters.in_register is None and not filters.consortium
    key = None
    if cacheable:
        with connection.cursor() as cursor:
            key = (_generation(cursor), q, (filters.region, filters.okved, filters.sme, filters.exclude))
        key += (limit, offset, meaning, text)
        if (kept := RESULTS.get(key)) is not None:
            return kept
    with _bounded() as cursor:
        if words:
            result = _ranked(
                cursor, q, words, where, params, limit=limit, offset=offset, meaning=meaning, text=text
            )
        elif q:  # typed, but no word to look for (a quote, an emoji, one letter): nothing matches
            result = Result(0, [], by_words=0)
        else:
            result = _listed(cursor, where, params, limit=limit, offset=offset)
    if key is not None:
        RESULTS.put(key, result)
    return result


@contextmanager
def _bounded():
    """A cursor whose statements PostgreSQL stops after SEARCH_TIMEOUT: anyone may search, and a
    query no limit foresaw must not hold a web process and a database backend for a minute (six
    copies of one word did, before words were taken once). In a transaction of its own, or a
    savepoint of the caller's, with the caller's timeout set back after. Raises SearchTimedOut."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('statement_timeout'), set_config('statement_timeout', %s, true)",
                [SEARCH_TIMEOUT],
            )
            before = cursor.fetchone()[0]
            yield cursor
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise SearchTimedOut() from error
        raise


def _listed(cursor, where, params, *, limit, offset) -> Result:
    """No words: the organisations that pass the filters, by name."""
    cursor.execute(f"SELECT count(*) FROM organizations_organization o WHERE true{where}", params)
    total = cursor.fetchone()[0]
    cursor.execute(
        f"SELECT o.id, o.short_name FROM organizations_organization o WHERE true{where} "
        "ORDER BY o.short_name, o.id LIMIT %s OFFSET %s",
        [*params, limit, offset],
    )
    return Result(total, [Hit(i, name, 0.0, "") for i, name in cursor.fetchall()])


SESSION_SETTINGS = (
    f"SET pg_trgm.similarity_threshold = {TYPO_MIN_SIMILARITY}; "
    f"SET hnsw.ef_search = {MEANING_CANDIDATES}; SET hnsw.iterative_scan = relaxed_order"
)


def set_session(sender, connection, **kwargs) -> None:
    """The threshold the `%` operator (typo corrections) and the HNSW scan read, once per database
    connection (connections are kept between requests): a search is then a few plain SELECTs,
    with no transaction to open for SET LOCAL. Connected to `connection_created` by the app."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(SESSION_SETTINGS)


def _word_selects(words, fixes, alternatives, join, where, params) -> tuple[list[str], list]:
    """The text and name rankings, each best first: (source, id, score, higher is better). Every
    word must be met (a typo and its correction, and the word's alternatives, are one slot):
    precise, and it keeps the ranked set small on a large corpus; when that finds little, any
    word will do (the narrowing, in _ranked)."""
    all_sql, all_params = _all_words_tsquery(words, fixes, alternatives)
    selects = [
        f"(WITH qq AS (SELECT ({all_sql}) AS query), hits AS ("
        f"SELECT d.organization_id, d.tsv FROM qq, partners_searchdocument d{join} "
        f"WHERE d.tsv @@ qq.query{where} LIMIT %s) "
        "SELECT 'text', hits.organization_id, ts_rank_cd(hits.tsv, qq.query, 32)::float8 AS score FROM hits, qq "
        "ORDER BY score DESC, hits.organization_id LIMIT %s)",
        f"(WITH qq AS (SELECT ({all_sql}) AS query), hits AS ("
        f"SELECT d.organization_id, d.name_tsv FROM qq, partners_searchdocument d{join} "
        f"WHERE d.name_tsv @@ qq.query{where} LIMIT %s) "
        "SELECT 'name', hits.organization_id, ts_rank(hits.name_tsv, qq.query)::float8 AS score FROM hits, qq "
        "ORDER BY score DESC, hits.organization_id LIMIT %s)",
    ]
    one = [*all_params, *params, RANKED_AT_MOST, CANDIDATES]
    return selects, one + one


def _scored(cursor, selects, args) -> dict[str, list[tuple[float, int]]]:
    """The rankings in one statement: per source, (-score, id) pairs."""
    scored: dict[str, list[tuple[float, int]]] = {}
    if selects:
        cursor.execute(" UNION ALL ".join(selects), args)
        for source, organization_id, score in cursor.fetchall():
            if score is not None:
                scored.setdefault(source, []).append((-score, organization_id))
    return scored


def _ranked(cursor, q, words, where, params, *, limit, offset, meaning, text) -> Result:
    fixes = _corrections(cursor, words)
    # the organisation row is read only to filter (the document has what ranking needs)
    join = " JOIN organizations_organization o ON o.id = d.organization_id" if where else ""
    selects, args = _word_selects(words, fixes, {}, join, where, params) if text else ([], [])
    if meaning and vector_enabled():
        vector = _query_vector(q)
        # No `embedding IS NOT NULL` here: the graph holds no profile without one, and while most
        # have none yet (a cluster imported before the worker embedded it) the planner reads that
        # condition as "one row" and scans the whole table instead of the graph (at a million:
        # 2 s against 2 ms). A profile without one, which only a scan could bring, is left out below.
        # the same distance plus nothing is an order the graph cannot give: every profile is read
        exact = " + 0" if 0 <= documents(cursor) < EXACT_BELOW else ""
        selects.append(
            "(SELECT 'meaning', d.organization_id, (1 - (d.embedding <=> %s::halfvec))::float8 "
            f"FROM partners_searchdocument d{join} WHERE true{where} "
            f"ORDER BY (d.embedding <=> %s::halfvec){exact} LIMIT %s)"
        )
        args += [vector, *params, vector, MEANING_CANDIDATES]
    scored = _scored(cursor, selects, args)
    alternatives = {}
    if text and (
        len(scored.get("text", ())) < EXPAND_BELOW or documents(cursor) < query.COMMON_FROM_DOCUMENTS
    ):
        # The words' families, compounds and synonyms, and the word rankings made again with
        # them. On a large corpus (query.COMMON_FROM_DOCUMENTS profiles on) only when the words as
        # written find little: there a query whose words fill the page needs no other forms
        # (their prefix matches are what a new query spends most on at a million), and the
        # meaning ranking still brings the profiles that say it otherwise. Below it always: a
        # synonym left out because the words found 30 lost the profiles that only say the
        # synonym («ЧПУ» found 35 profiles, 52 with «CNC»), and a filter, which leaves fewer than
        # 30, then found more than the same search without it.
        alternatives = expand(cursor, words, lexeme_shares(cursor))
        if any(alternatives.values()):
            scored |= {"text": [], "name": []} | _scored(
                cursor, *_word_selects(words, fixes, alternatives, join, where, params)
            )
    query_sql, query_params = _tsquery(words, fixes, alternatives)
    rankings = {
        source: [
            i
            for score, i in sorted(scored.get(source, []))
            if source != "meaning" or -score >= MEANING_MIN_SIMILARITY
        ]
        for source in ("text", "name", "meaning")
        if source in scored or (text and source != "meaning")
    }
    by_words = len(set(rankings.get("text", ())) | set(rankings.get("name", ())))
    # a close meaning counts more than a distant one
    weights = {("meaning", i): MEANING_WEIGHT * -score for score, i in scored.get("meaning", [])}
    narrowing = (
        _narrowing(cursor, words, fixes)
        if text and len(rankings["text"]) < ALL_WORDS_ENOUGH and len(words) > 1
        else []
    )
    if narrowing:
        # any of the words that narrow the search; each hit weighted by the words of the query it
        # matches, each word by how rare it is among the hits (_covered)
        match_sql, match_params = [], []
        for word in words:
            sql, args = slot_tsquery(word, fixes, alternatives.get(word, ()))
            match_sql.append(f"(hits.tsv @@ {sql})::int")
            match_params += args
        # the narrowing words and their alternatives (a common word's family is as common)
        extra = [
            a for w in words if w in narrowing or fixes.get(w) in narrowing for a in alternatives.get(w, ())
        ]
        any_sql = " || ".join(["plainto_tsquery('russian', %s)"] * len(narrowing) + [a.sql for a in extra])
        any_params = [*narrowing, *(p for a in extra for p in a.params)]
        found = rankings["text"]
        cursor.execute(
            f"WITH qq AS (SELECT ({any_sql}) AS query), "
            f"hits AS (SELECT d.organization_id, d.tsv FROM qq, partners_searchdocument d{join} "
            f"WHERE d.tsv @@ qq.query AND NOT (d.organization_id = ANY(%s)){where} LIMIT %s) "
            f"SELECT hits.organization_id, ts_rank_cd(hits.tsv, qq.query, 32), {', '.join(match_sql)} FROM hits, qq",
            [*any_params, found, *params, RANKED_AT_MOST, *match_params],
        )
        for organization_id, covered in _covered(cursor.fetchall())[: CANDIDATES - len(found)]:
            found.append(organization_id)
            weights[("text", organization_id)] = covered
    fused: dict[int, float] = {}
    why: dict[int, list[str]] = {}
    for source, ids in rankings.items():
        for rank, organization_id in enumerate(ids, start=1):
            weight = weights.get((source, organization_id), 1.0)
            fused[organization_id] = fused.get(organization_id, 0.0) + weight / (RRF_K + rank)
            why.setdefault(organization_id, []).append(source)
    ordered = sorted(fused, key=lambda i: (-fused[i], i))
    page = ordered[offset : offset + limit]
    related = []
    if offset == 0 and len(ordered) < RELATED_WHEN_FEWER:
        floor = RELATED_BESIDE_HITS if ordered else RELATED_MIN_SIMILARITY
        related = [i for score, i in sorted(scored.get("meaning", [])) if i not in fused and -score >= floor][
            :RELATED_AT_MOST
        ]
    closeness = {i: -score for score, i in scored.get("meaning", [])}
    hits, related_hits = [], []
    if page or related:
        cursor.execute(
            f"WITH qq AS (SELECT ({query_sql}) AS query) "
            "SELECT d.organization_id, o.short_name, ts_headline('russian', d.body, qq.query, "
            "'MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter= … , StartSel=\x02, StopSel=\x03') "
            "FROM qq, partners_searchdocument d JOIN organizations_organization o ON o.id = d.organization_id "
            "WHERE d.organization_id = ANY(%s)",
            [*query_params, page + related],
        )
        rows = {r[0]: r for r in cursor.fetchall()}
        for organization_id in page:
            _id, short_name, headline = rows[organization_id]
            hits.append(
                Hit(
                    organization_id,
                    short_name,
                    round(fused[organization_id], 6),
                    _safe_highlight(headline),
                    why[organization_id],
                )
            )
        for organization_id in related:
            _id, short_name, headline = rows[organization_id]
            related_hits.append(
                Hit(
                    organization_id,
                    short_name,
                    round(closeness[organization_id], 6),
                    _safe_highlight(headline),
                    ["related"],
                )
            )
    return Result(len(ordered), hits, fixes, related_hits, by_words)


def _covered(rows) -> list[tuple[int, float]]:
    """The any-word hits best first, each with its weight in the fusion: rows of (id, ts_rank_cd,
    then 1 or 0 for each query word it matches). A word counts by its rarity among the hits,
    ln(1 + hits / hits with the word): matching the rare word of «токарные услуги» puts a turner
    above the profiles that only offer «услуги», where counting words made them equal and
    `ts_rank_cd`, which knows no word's rarity, put the services first. The weight is the share of
    the query's rarity the hit matches (1 for every word)."""
    if not rows:
        return []
    width = len(rows[0]) - 2
    rarity = [math.log(1 + len(rows) / max(sum(row[2 + k] for row in rows), 1)) for k in range(width)]
    whole = sum(rarity) or 1.0
    weighted = [
        (sum(r for r, matched in zip(rarity, row[2:], strict=True) if matched) / whole, row[1], row[0])
        for row in rows
    ]
    return [
        (organization_id, covered)
        for covered, _rank, organization_id in sorted(weighted, key=lambda t: (-t[0], -t[1], t[2]))
    ]


def _safe_highlight(headline: str) -> str:
    """The headline is the organisation's own text: escape it, then turn our markers into <mark>."""
    escaped = html.escape(headline or "")
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def rank_for_suggestions(text: str, *, participants_only: bool, exclude: tuple[int, ...], limit: int):
    """For other apps (consortium suggestions): ids best first, with the rankings that found them
    and a plain-text snippet."""
    filters = Filters(participant=True if participants_only else None, exclude=tuple(exclude))
    hits = search(text, filters=filters, limit=limit).hits
    return [
        (h.organization_id, h.why, html.unescape(h.highlight.replace("<mark>", "").replace("</mark>", "")))
        for h in hits
    ]
