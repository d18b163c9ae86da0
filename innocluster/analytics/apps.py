from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "innocluster.analytics"
    label = "analytics"
    verbose_name = _("Analytics and open data")

    def ready(self) -> None:
        from innocluster.analytics import catalogue, catalogue_staff  # noqa: F401  (declare the datasets)
