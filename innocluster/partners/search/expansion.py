"""What a query's words also stand for, so that a profile written in other words is found:
- synonyms from the table coordinators edit (БПЛА = беспилотник = дрон = UAV), a group applying
  when all the words of one of its terms are in the query (in any form);
- the word's derivational family by the prefix of its root: «сварка» also finds «сварочные
  работы», «гравировка» «гравировальные станки», «роботы» «роботизированные комплексы». The root is
  the lemma (pymorphy3) less a derivational ending; a root that begins too many words of the corpus
  (more than ROOT_AT_MOST, «стан-») is not used;
- a compound's head word: «электропривод» also finds «электрический привод»;
- a Latin word in Cyrillic letters, as a Russian name is written in Latin ones: «svetovod» also
  finds «Световод», «mikron» «Микрон».
Each expansion is an alternative (OR) for the word it stands for: every word of the query must
still be met, by itself or by one of its alternatives."""

import re
import threading
from dataclasses import dataclass

from innocluster.partners.search import query
from innocluster.partners.search.cache import _generation
from innocluster.partners.search.query import _analyser

CYRILLIC = re.compile(r"^[а-яё]+$")
LATIN = re.compile(r"^[a-z]{4,}$")  # shorter ones read as too many Russian words
# Russian written in Latin letters, as passports, signs and company sites write it (ISO 9 and the
# common practical forms), read back: the longer letter groups first.
LATIN_GROUPS = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("yo", "ё"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("ey", "ей"),
    ("ay", "ай"),
    ("oy", "ой"),
    ("uy", "уй"),
)
LATIN_LETTERS = {
    **dict(zip("abvgdezijklmnoprstufhcywq", "абвгдезийклмнопрстуфхкывк", strict=True)),
    "x": "кс",
}
ROOT_AT_LEAST = 4
ROOT_AT_MOST = 40  # corpus words a root may begin, or it says too little
# derivational endings, longest first: what is left is the family's root
ENDINGS = sorted(
    {
        # adjectives and participles of a family: «сварочный», «гравировальный», «роботизированный»
        "изированный",
        "ированный",
        "овальный",
        "ительный",
        "альный",
        "ический",
        "очный",
        "ечный",
        "ичный",
        "енный",
        "анный",
        "ный",
        "ной",
        "ний",
        "ский",
        "овый",
        "ый",
        "ий",
        "ой",
        # nouns: «гравировка», «обработка», «сварщик», «управление»
        "ирование",
        "ировать",
        "ировка",
        "ование",
        "ение",
        "ание",
        "ация",
        "яция",
        "ость",
        "ство",
        "овка",
        "ёвка",
        "ник",
        "щик",
        "чик",
        "тель",
        "ка",
        "ок",
        "ек",
        # bare endings
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "а",
        "я",
        "о",
        "е",
        "ы",
        "и",
        "ь",
        "й",
    },
    key=len,
    reverse=True,
)
# The instrument or agent in «-ор», «-ер» («тепловизор», «контроллер», «дизайнер») shares its root
# with the rest of its family («тепловизионные модули», «контроллерный», «дизайн»), and so does its
# misspelling («тепловизер»). Only where at least AGENT_ROOT_AT_LEAST letters are left: «сервер»
# would give «серв-», which begins «сервис».
AGENT_ENDINGS = ("ор", "ер")
AGENT_ROOT_AT_LEAST = 6
COMPOUND_PREFIXES = (
    "кибер",
    "электро",
    "авиа",
    "радио",
    "био",
    "нано",
    "микро",
    "фото",
    "теле",
    "гидро",
    "термо",
    "видео",
    "аэро",
    "агро",
    "энерго",
    "нейро",
)


@dataclass(frozen=True)
class Alternative:
    sql: str
    params: tuple
    kind: str  # synonym / family / compound / transliteration


def root(word: str) -> str:
    """The derivational root of a Russian word: its lemma less one derivational ending, at least
    ROOT_AT_LEAST letters; "" for a word too short or not Cyrillic."""
    if not CYRILLIC.match(word) or len(word) < ROOT_AT_LEAST + 1:
        return ""
    lemma = _analyser().parse(word)[0].normal_form.replace("ё", "е")
    found = lemma
    for ending in ENDINGS:
        if lemma.endswith(ending) and len(lemma) - len(ending) >= ROOT_AT_LEAST:
            found = lemma[: -len(ending)]
            break
    if found == lemma and lemma.endswith(AGENT_ENDINGS) and len(lemma) - 2 >= AGENT_ROOT_AT_LEAST:
        found = lemma[:-2]
    # «школьник» → «школь» → «школ», which «школа» and «школьный» share
    if found.endswith(("ь", "й")) and len(found) > ROOT_AT_LEAST:
        found = found[:-1]
    return found if len(found) >= ROOT_AT_LEAST else ""


def cyrillic_of(word: str) -> str:
    """A Latin word read as Russian written in Latin letters: «svetovod» → «световод»."""
    letters, at = [], 0
    while at < len(word):
        for latin, cyrillic in LATIN_GROUPS:
            if word.startswith(latin, at):
                letters.append(cyrillic)
                at += len(latin)
                break
        else:
            letters.append(LATIN_LETTERS.get(word[at], ""))
            at += 1
    return "".join(letters)


def compound_head(word: str) -> tuple[str, str] | None:
    """(the prefix's root, the head word) of a compound such as «электропривод»."""
    for prefix in COMPOUND_PREFIXES:
        head = word[len(prefix) :]
        if word.startswith(prefix) and len(head) >= 4 and CYRILLIC.match(head):
            return prefix[:5], head
    return None


# ---- the synonym groups, kept per process under the index generation --------------------------

_GROUPS: dict = {}
_GROUPS_LOCK = threading.Lock()

GROUPS_SQL = """
SELECT s.id, t.term, ARRAY(SELECT lexeme FROM unnest(to_tsvector('russian', t.term)) WHERE strpos(lexeme, '-') = 0)
FROM partners_synonym s, unnest(string_to_array(replace(s.terms, ';', ','), ',')) AS t0(raw),
     LATERAL (SELECT btrim(t0.raw) AS term) t
WHERE s.is_active AND btrim(t0.raw) <> ''
ORDER BY s.id
"""


def synonym_groups(cursor) -> list[list[tuple[str, frozenset]]]:
    """The active groups: each a list of (term, its lexemes). Read again when the index generation
    moves (an edit of the table bumps it). A hyphenated word's lexemes are its parts: the query is
    split into words, so «пресс-формы» in a group would otherwise never be met by a query."""
    generation = _generation(cursor)
    kept = _GROUPS.get("groups")
    if kept is not None and kept[0] == generation:
        return kept[1]
    cursor.execute(GROUPS_SQL)
    groups: dict[int, list] = {}
    for group_id, term, lexemes in cursor.fetchall():
        if lexemes:
            groups.setdefault(group_id, []).append((term, frozenset(lexemes)))
    result = [terms for terms in groups.values() if len(terms) > 1]
    with _GROUPS_LOCK:
        _GROUPS["groups"] = (generation, result)
    return result


WORDS_SQL = """
SELECT w, ARRAY(SELECT lexeme FROM unnest(to_tsvector('russian', w))),
       (SELECT count(*) FROM (SELECT 1 FROM partners_lexicon l WHERE r <> '' AND l.word LIKE r || '%%' LIMIT %s) n),
       ARRAY(SELECT lexeme FROM unnest(to_tsvector('russian', t)))
FROM unnest(%s::text[], %s::text[], %s::text[]) AS q(w, r, t)
"""


def expand(cursor, words: list[str], shares: dict[str, float] | None = None) -> dict[str, list[Alternative]]:
    """Each query word's alternatives (synonyms, its family, a compound's head). Two queries.
    `shares`: the share of the documents frequent lexemes are in (query.lexeme_shares; empty on
    a corpus too small for any word to be common). A word whose lexemes are all common gets no
    family and no compound head, and no word gets a family whose known lexemes together are
    common: it is found as written, since matching the family would read the postings of a
    large part of the corpus for nothing (at a million, «сварка титан» took 170 ms a search
    with them against about 30)."""
    shares = shares or {}
    common = query.common_among(shares)
    roots = [root(w) for w in words]
    cyrillic = [cyrillic_of(w) if LATIN.match(w) else "" for w in words]
    cursor.execute(WORDS_SQL, [ROOT_AT_MOST + 1, words, roots, cyrillic])
    found = cursor.fetchall()
    lexemes = {w: frozenset(lx or ()) for w, lx, _n, _t in found}
    begun = {w: n for w, _lx, n, _t in found}
    # a word in Latin letters read as Russian, unless that is common (its postings read whole)
    transliterated = {w: frozenset(t or ()) for w, _lx, _n, t in found}
    alternatives: dict[str, list[Alternative]] = {w: [] for w in words}
    for word, word_root in zip(words, roots, strict=True):
        if lexemes[word] and lexemes[word] <= common:
            continue
        family_share = (
            sum(share for lexeme, share in shares.items() if lexeme.startswith(word_root)) if word_root else 0
        )
        # (the lexicon holds the names, capabilities and products: a root absent from it is rare)
        if word_root and begun[word] <= ROOT_AT_MOST and family_share <= query.COMMON_SHARE:
            alternatives[word].append(Alternative("to_tsquery('simple', %s)", (f"{word_root}:*",), "family"))
        if transliterated[word] and not transliterated[word] & common:
            alternatives[word].append(
                Alternative("plainto_tsquery('russian', %s)", (cyrillic_of(word),), "transliteration")
            )
        compound = compound_head(word)
        if compound:
            prefix, head = compound
            alternatives[word].append(
                Alternative(
                    "(to_tsquery('simple', %s) && plainto_tsquery('russian', %s))",
                    (f"{prefix}:*", head),
                    "compound",
                )
            )
    in_query = frozenset().union(*lexemes.values()) if lexemes else frozenset()
    for group in synonym_groups(cursor):
        for _term, term_lexemes in group:
            if term_lexemes <= in_query:
                covered = [w for w in words if lexemes[w] & term_lexemes]
                rest = [(lexemes[w], r) for w, r in zip(words, roots, strict=True) if w not in covered]
                # every word of a synonym is looked for; none with a word common on a large
                # corpus, as a common word gets no family: an alternative's posting lists are read
                # whole («аддитивное производство»: «производство» is in 88% of a million demo
                # profiles), and leaving the common word out would change what the synonym says
                # («гибка листа» is not «лист»)
                synonyms = [
                    Alternative("plainto_tsquery('russian', %s)", (other,), "synonym")
                    for other, other_lexemes in group
                    if other_lexemes != term_lexemes
                    and not other_lexemes & common
                    and not _repeats(other_lexemes, rest)
                ]
                for word in covered:  # another group may name the same term
                    alternatives[word] += [s for s in synonyms if s not in alternatives[word]]
                break
    return alternatives


def _repeats(term_lexemes: frozenset, rest: list[tuple[frozenset, str]]) -> bool:
    """Whether a synonym says nothing but what other words of the query already ask for (their
    lexemes, or words of their families): as an alternative it would let those words stand in for
    the covered one as well. «роботизированный манипулятор» with the group «манипулятор = робот»
    found every robot, a service robot in a shopping centre first, since «робот» met the
    manipulator's place too. A synonym with a word of its own still counts: «интегральная схема»
    for the «микросхема» of «интегральная микросхема»."""
    return bool(term_lexemes) and all(
        any(lexeme in lexemes or (word_root and lexeme.startswith(word_root)) for lexemes, word_root in rest)
        for lexeme in term_lexemes
    )
