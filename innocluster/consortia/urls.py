from django.urls import path

from innocluster.consortia import views

app_name = "consortia"
urlpatterns = [
    path("", views.consortium_list, name="list"),
    path("new/", views.create, name="create"),
    path("by-case/<int:case_id>/", views.by_case, name="by_case"),
    path("invitations/<int:invitation_id>/answer/", views.answer_invitation, name="answer_invitation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress_partial, name="progress"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/projects/", views.add_project, name="add_project"),
    path("<int:pk>/projects/<int:project_id>/roles/", views.add_role, name="add_role"),
    path("<int:pk>/roles/<int:role_id>/assign/", views.assign_role, name="assign_role"),
    path("<int:pk>/join-requests/<int:request_id>/", views.join_decision, name="join_decision"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/leave/", views.leave, name="leave"),
]
