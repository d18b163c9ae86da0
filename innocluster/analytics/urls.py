from django.urls import path

from innocluster.analytics import views

app_name = "analytics"
urlpatterns = [
    path("analytics/", views.dashboard, name="dashboard"),
    path("analytics/staff/", views.staff_dashboard, name="staff"),
    path("opendata/", views.catalogue, name="catalogue"),
    path("opendata/<slug:code>/", views.dataset, name="dataset"),
]
