from django.urls import path

from innocluster.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.register, name="register"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/people/", views.people, name="people"),
    path("<int:pk>/people/<int:person_id>/role/", views.change_role, name="change_role"),
    path(
        "<int:pk>/invitations/<int:invitation_id>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
