from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from innocluster.config.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("innocluster.accounts.urls")),
    path("organizations/", include("innocluster.organizations.urls")),
    path("membership/", include("innocluster.membership.urls")),
    path("registry/", include("innocluster.registry.urls")),
    path("measures/", include("innocluster.measures.urls")),
    path("consortia/", include("innocluster.consortia.urls")),
    path("partners/", include("innocluster.partners.urls")),
    path("staff/desk/", include("innocluster.reviews.urls")),
    path("", include("innocluster.core.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
