from django.urls import path

from innocluster.kpi import board_views, views

app_name = "kpi"
urlpatterns = [
    # the organisations' reports (views.py)
    path("", views.mine, name="mine"),
    path("report/<int:org_id>/<str:period>/", views.report_form, name="report"),
    path("report/<int:org_id>/<str:period>/draft/", views.autosave, name="autosave"),
    path("report/<int:org_id>/<str:period>/evidence/", views.add_evidence, name="add_evidence"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("evidence/<int:pk>/remove/", views.remove_evidence, name="remove_evidence"),
    path("reports/<int:pk>/", views.version, name="version"),
    path("reports/<int:pk>/decision/", views.decide, name="decide"),
    path("review/", views.review, name="review"),
    # the coordinators' board, indicators and targets (board_views.py)
    path("board/", board_views.board, name="board"),
    path("indicators/", board_views.indicators, name="indicators"),
    path("targets/", board_views.targets, name="targets"),
]
