"""A search's words and filters: the query cleaned and split, typo corrections against the
corpus's lexicon, the words common enough to narrow nothing, and the tsqueries."""

import re
import threading
import time
from dataclasses import dataclass, field

from django.db import connection

TYPO_MIN_SIMILARITY = 0.35
MAX_QUERY = 300
WORD = re.compile(r"[\w]+", re.UNICODE)


@dataclass
class Filters:
    region: str = ""
    okved: str = ""
    sme: str = ""
    participant: bool | None = None
    in_register: bool | None = None
    consortium: int | None = None
    exclude: tuple[int, ...] = ()

    def sql(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.region:
            clauses.append("o.region_id = %s")
            params.append(self.region)
        if self.okved:
            clauses.append(
                "(o.okved_main_id = %s OR EXISTS (SELECT 1 FROM organizations_organization_okved_additional a "
                "WHERE a.organization_id = o.id AND a.okvedclass_id = %s))"
            )
            params += [self.okved, self.okved]
        if self.sme:
            clauses.append("o.sme_category = %s")
            params.append(self.sme)
        if self.participant is not None:
            clauses.append(
                ("" if self.participant else "NOT ")
                + "EXISTS (SELECT 1 FROM membership_participation p WHERE p.organization_id = o.id)"
            )
        if self.in_register is not None:
            clauses.append(
                ("" if self.in_register else "NOT ")
                + "EXISTS (SELECT 1 FROM registry_registryentry e WHERE e.organization_id = o.id AND e.excluded_on IS NULL)"
            )
        if self.consortium:
            clauses.append(
                "EXISTS (SELECT 1 FROM consortia_consortiummember m WHERE m.organization_id = o.id "
                "AND m.left_at IS NULL AND m.consortium_id = %s)"
            )
            params.append(self.consortium)
        if self.exclude:
            clauses.append("NOT (o.id = ANY(%s))")
            params.append(list(self.exclude))
        return (" AND " + " AND ".join(clauses) if clauses else ""), params


@dataclass
class Hit:
    organization_id: int
    short_name: str
    score: float
    highlight: str
    why: list[str] = field(default_factory=list)


@dataclass
class Result:
    total: int
    hits: list[Hit]
    corrected: dict[str, str] = field(default_factory=dict)
    # Too few hits for the words: the profiles closest by meaning below them, said to be related
    related: list[Hit] = field(default_factory=list)
    # How many profiles every word (or its correction, family or synonym) found in the text or
    # the name, before any-word matches and meaning are added; None for a search without words
    by_words: int | None = None


def clean_query(q) -> str:
    text = ("" if q is None else str(q)).replace("\x00", " ")
    return " ".join(text.split())[:MAX_QUERY]


# Legal forms say nothing about what an organisation does, and «ООО» is in most names: a query
# word that matches most of a million documents costs a long posting list and ranks nothing.
LEGAL_FORMS = {"ооо", "ао", "пао", "зао", "оао", "нпо", "ип", "llc", "jsc", "ltd", "inc"}
LEGAL_FORM_SQL = r"^\s*(ООО|АО|ПАО|ЗАО|ОАО|НПО|ИП)\s+"


def _words(q: str) -> list[str]:
    """The query's words, each once (a repeated word asks for nothing more, and every copy would
    be one more slot of the tsqueries: six of «milling» took ts_headline past a gigabyte)."""
    words = list(dict.fromkeys(w.lower() for w in WORD.findall(q) if len(w) > 1))[:12]
    return [w for w in words if w not in LEGAL_FORMS] or words


CORRECTIONS = """
SELECT w, fix.word, fix.s
FROM unnest(%s::text[]) AS w
LEFT JOIN LATERAL (
    SELECT l.word, similarity(l.word, w) AS s FROM partners_lexicon l WHERE l.word %% w ORDER BY s DESC, l.word LIMIT 1
) fix ON true
WHERE NOT EXISTS (
    -- known to the corpus as it is, or in another form of the same word: nothing to correct
    SELECT 1 FROM partners_lexicon k
    WHERE k.word = w OR k.stem = coalesce((SELECT lexeme FROM unnest(to_tsvector('russian', w)) LIMIT 1), w)
)
"""


def _corrections(cursor, words: list[str]) -> dict[str, str]:
    """Words not in the corpus, mapped to the nearest corpus word (pg_trgm), when close enough:
    one query for all the words."""
    candidates = [w for w in words if len(w) >= 4 and not w.isdigit()]
    if not candidates:
        return {}
    cursor.execute(CORRECTIONS, [candidates])
    return {
        word: fix
        for word, fix, similarity in cursor.fetchall()
        if fix and similarity >= TYPO_MIN_SIMILARITY and not _a_word_for_a_name(word, fix)
    }


PROPER = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})


def _a_word_for_a_name(word: str, fix: str) -> bool:
    """Whether the correction would take a word of the Russian dictionary for a proper name only
    (every reading of it a surname, a first name, a patronymic, a place…): the names of sole
    proprietors are in the lexicon, and «аренда серверов» searched for «ИП Серов». A correction
    that is also a common word («станков», «марка») stays; a word the dictionary does not know may
    still be corrected to any word of the lexicon."""
    morph = _analyser()
    return morph.word_is_known(word) and all(PROPER & parse.tag.grammemes for parse in morph.parse(fix))


_morph = None
_morph_lock = threading.Lock()


def _analyser():
    """The Russian morphological analyser (pymorphy3 and its dictionaries), loaded once per process."""
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer(lang="ru")
    return _morph


# A word in more than this share of the documents narrows nothing when any word may match: on a
# large corpus its posting list is most of the cost («обработка»: 150,000 of a million). The
# shares come from the planner's statistics of the tsv column (ANALYZE keeps them current).
COMMON_SHARE = 0.02
COMMON_FROM_DOCUMENTS = 50_000  # below this every posting list is short: no word is left out
_COMMON: dict[str, tuple[float, dict[str, float], float]] = {}


def _statistics(cursor) -> tuple[dict[str, float], float]:
    """The planner's statistics of the search documents, read again every 10 minutes: the share of
    the documents each frequent lexeme is in (the most common elements of the tsv column, up to a
    thousand; none below COMMON_FROM_DOCUMENTS documents) and the number of documents (-1 before
    the table's first ANALYZE)."""
    key = connection.settings_dict["NAME"]
    at, shares, documents = _COMMON.get(key, (-1e9, {}, -1.0))
    if time.monotonic() - at > 600:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs FROM pg_class c "
            "LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'partners_searchdocument' "
            "AND s.attname = 'tsv' WHERE c.oid = 'partners_searchdocument'::regclass"
        )
        documents, elements, frequencies = cursor.fetchone()
        shares = {}
        if elements and documents >= COMMON_FROM_DOCUMENTS:
            shares = dict(zip(elements, frequencies, strict=False))
        _COMMON[key] = (time.monotonic(), shares, documents)
    return shares, documents


def lexeme_shares(cursor) -> dict[str, float]:
    """The share of the documents each frequent lexeme is in, empty below COMMON_FROM_DOCUMENTS
    documents (_statistics)."""
    return _statistics(cursor)[0]


def documents(cursor) -> float:
    """About how many search documents there are (_statistics); -1 while unknown."""
    return _statistics(cursor)[1]


def common_among(shares: dict[str, float]) -> set[str]:
    """The lexemes of `shares` (lexeme_shares) in more than COMMON_SHARE of the documents."""
    return {lexeme for lexeme, share in shares.items() if share > COMMON_SHARE}


def _common_lexemes(cursor) -> set[str]:
    return common_among(lexeme_shares(cursor))


def _narrowing(cursor, words: list[str], fixes: dict[str, str]) -> list[str]:
    """The query's words (and typo corrections) that match something and are not common."""
    terms = [t for w in words for t in (w, fixes.get(w)) if t]
    common = _common_lexemes(cursor)
    cursor.execute(
        "SELECT t, ARRAY(SELECT lexeme FROM unnest(to_tsvector('russian', t))) FROM unnest(%s::text[]) AS t",
        [terms],
    )
    return [t for t, lexemes in cursor.fetchall() if lexemes and not set(lexemes) <= common]


def slot_tsquery(word: str, fixes: dict[str, str], extra=()) -> tuple[str, list]:
    """The word, its typo correction and its alternatives (`expansion.expand`), any of which
    meets it."""
    parts, params = ["plainto_tsquery('russian', %s)"], [word]
    if word in fixes:
        parts.append("plainto_tsquery('russian', %s)")
        params.append(fixes[word])
    for alternative in extra:
        parts.append(alternative.sql)
        params += list(alternative.params)
    return ("(" + " || ".join(parts) + ")" if len(parts) > 1 else parts[0]), params


def _all_words_tsquery(words: list[str], fixes: dict[str, str], alternatives=None) -> tuple[str, list]:
    parts, params = [], []
    for word in words:
        sql, args = slot_tsquery(word, fixes, (alternatives or {}).get(word, ()))
        parts.append(sql)
        params += args
    return " && ".join(parts), params


def _tsquery(words: list[str], fixes: dict[str, str], alternatives=None) -> tuple[str, list]:
    # each word may match (OR); ranking rewards documents that match more of them
    parts, params = [], []
    for word in words:
        sql, args = slot_tsquery(word, fixes, (alternatives or {}).get(word, ()))
        parts.append(sql)
        params += args
    return " || ".join(parts), params
