from django.urls import path

from innocluster.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.register_list, name="list"),
    path("register.csv", views.register_csv, name="csv"),
    path("apply/<int:org_id>/", views.apply, name="apply"),
    path("apply/<int:org_id>/autosave/", views.autosave, name="autosave"),
    path("entries/<int:number>/exclude/", views.exclude, name="exclude"),
]
