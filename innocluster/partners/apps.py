from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "innocluster.partners"
    label = "partners"
    verbose_name = _("Partner search and production orders")
    role_permissions = {
        "coordinator": [
            "partners.view_synonym",
            "partners.add_synonym",
            "partners.change_synonym",
            "partners.delete_synonym",
            "partners.view_unmetsearch",
            "partners.change_unmetsearch",
            "partners.delete_unmetsearch",
        ],
        "administrator": ["partners.view_synonym", "partners.view_unmetsearch"],
    }

    def ready(self) -> None:
        from datetime import timedelta

        from django.db import transaction

        from innocluster.core.periodic import register_periodic
        from innocluster.partners.tasks import ensure_search_graph, prune_search_log

        # four times a day, so that a worker's restart never skips a day
        register_periodic(prune_search_log, every=timedelta(hours=6))
        # at each worker's start (a deploy is what cuts a rebuild short) and then hourly
        register_periodic(ensure_search_graph, every=timedelta(hours=1))

        from innocluster.organizations.selectors import RANKERS
        from innocluster.organizations.services import PROFILE_CHANGED_HOOKS
        from innocluster.partners.search import rank_for_suggestions

        if rank_for_suggestions not in RANKERS:
            RANKERS.append(rank_for_suggestions)

        def reindex_after_commit(organization_id: int) -> None:
            from innocluster.partners.tasks import reindex_organization

            transaction.on_commit(lambda: reindex_organization.enqueue(organization_id))

        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_migrate, post_save

        from innocluster.organizations.models import Organization
        from innocluster.partners.search import changed, set_session

        connection_created.connect(set_session, dispatch_uid="partners-search-settings")
        post_migrate.connect(turn_meaning_search_on, sender=self, dispatch_uid="partners-meaning-search")

        # a kept search result lists names and filters by region and size: an organisation saved
        # or removed makes the kept results old at once, before its document is rebuilt
        for signal in (post_save, post_delete):
            signal.connect(
                lambda **kwargs: changed(), sender=Organization, weak=False, dispatch_uid="partners"
            )

        if reindex_after_commit.__qualname__ not in [h.__qualname__ for h in PROFILE_CHANGED_HOOKS]:
            PROFILE_CHANGED_HOOKS.append(reindex_after_commit)


def turn_meaning_search_on(using: str = "default", **kwargs) -> None:
    """After every migrate: meaning search on where pgvector has appeared since the migrations ran
    (search.enable_meaning_search), and every profile embedded by a worker."""
    # imported here: apps.py is imported before the app registry is ready
    from innocluster.partners.models import SearchDocument
    from innocluster.partners.search import enable_meaning_search
    from innocluster.partners.tasks import embed_all

    if using == "default" and enable_meaning_search() and SearchDocument.objects.exists():
        embed_all.enqueue()
