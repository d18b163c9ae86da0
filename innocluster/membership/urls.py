from django.urls import path

from innocluster.membership import views

app_name = "membership"
urlpatterns = [
    path("<int:org_id>/", views.page, name="page"),
    path("<int:org_id>/autosave/", views.autosave, name="autosave"),
]
