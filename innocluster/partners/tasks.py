from django.tasks import task

from innocluster.partners.search import ensure_graph, index_all, index_organizations
from innocluster.partners.search import log as search_log


@task()
def reindex_organization(organization_id: int) -> None:
    """Rebuild one organisation's search document after its profile changed."""
    index_organizations([organization_id])


@task()
def embed_all() -> int:
    """Every profile again, the HNSW graph built once at the end (a large import)."""
    return index_all()


@task()
def embed_organizations(organization_ids: list[int]) -> int:
    """Compute the meaning embeddings of a batch of organisations (large imports index text at
    once and leave this to the workers)."""
    return index_organizations(organization_ids)


@task()
def prune_search_log() -> int:
    """Forget the searches that found little once they are a year unseen, and keep the table
    bounded (periodic; idempotent)."""
    return search_log.prune()


@task()
def ensure_search_graph() -> bool:
    """Build partner search's HNSW graph again if a rebuild was cut short (periodic; idempotent)."""
    return ensure_graph()
