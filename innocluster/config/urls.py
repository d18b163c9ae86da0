from django.contrib import admin
from django.urls import include, path

from innocluster.accounts.views import admin_login, set_language
from innocluster.config.api import api

admin.site.login = admin_login  # one sign-in for every door: our limits and the second factor

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("innocluster.accounts.urls")),
    path("organizations/", include("innocluster.organizations.urls")),
    path("membership/", include("innocluster.membership.urls")),
    path("registry/", include("innocluster.registry.urls")),
    path("measures/", include("innocluster.measures.urls")),
    path("consortia/", include("innocluster.consortia.urls")),
    path("pilots/", include("innocluster.pilots.urls")),
    path("contests/", include("innocluster.contests.urls")),
    path("partners/", include("innocluster.partners.urls")),
    path("kpi/", include("innocluster.kpi.urls")),
    path("", include("innocluster.analytics.urls")),
    path("staff/desk/", include("innocluster.reviews.urls")),
    path("", include("innocluster.core.urls")),
]
# Uploaded files have no URL of their own: each app serves its files through a view that checks
# the object's permission (core.files.serve_private_file).

handler500 = "innocluster.core.views.server_error"
