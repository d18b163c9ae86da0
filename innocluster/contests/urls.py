from django.urls import path

from innocluster.contests import views

app_name = "contests"
urlpatterns = [
    # the catalogue, the coordinator's form, a contest's page and its actions
    path("", views.catalogue, name="catalogue"),
    path("new/", views.new_contest, name="new"),
    path("<int:pk>/", views.contest_page, name="contest"),
    path("<int:pk>/edit/", views.edit_contest, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/experts/", views.add_expert, name="add_expert"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/assign-by-hand/", views.assign_by_hand, name="assign_by_hand"),
    path("<int:pk>/publish-results/", views.publish_results, name="publish_results"),
    # the participant's solution and its files
    path("<int:pk>/solution/", views.solution_form, name="solution"),
    path("solutions/<int:pk>/files/", views.upload, name="upload"),
    path("solutions/<int:pk>/files/<int:file_id>/", views.download, name="download"),
    path("solutions/<int:pk>/files/<int:file_id>/remove/", views.remove_file, name="remove_file"),
    # a solution's page: the expert's scores, the participant's results, the winner's pilot
    path("solutions/<int:pk>/", views.solution_page, name="solution_page"),
    path("solutions/<int:pk>/scores/", views.score, name="score"),
    path("solutions/<int:pk>/pilot/", views.pilot_from_prize, name="pilot_from_prize"),
    # the expert's declaration of conflicts, then their queue
    path("<int:pk>/declaration/", views.declaration, name="declaration"),
    path("<int:pk>/review/", views.review, name="review"),
]
