from django.urls import path

from innocluster.pilots import feedback_views, views

app_name = "pilots"
urlpatterns = [
    # the catalogue, the sites and the pilots' pages (views.py)
    path("", views.catalogue, name="catalogue"),
    path("completed/", views.completed, name="completed"),
    path("sites/new/", views.new_site, name="new_site"),
    path("sites/<int:pk>/", views.site_page, name="site"),
    path("sites/<int:pk>/request/", views.request_form, name="request"),
    path("by-case/<int:case_id>/", views.by_case, name="by_case"),
    path("<int:pk>/", views.pilot_page, name="pilot"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/feedback/", views.enter_feedback, name="enter_feedback"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/protocol/", views.protocol_form, name="protocol"),
    # the protocol's PDF, the public feedback link and its QR code (feedback_views.py, pdf.py)
    path("<int:pk>/protocol/<int:version>.pdf", feedback_views.protocol_pdf_view, name="protocol_pdf"),
    path("<int:pk>/qr.svg", feedback_views.qr_svg, name="qr"),
    path("feedback/<str:token>/", feedback_views.feedback_form, name="feedback"),
    path("feedback/<str:token>/thanks/", feedback_views.feedback_thanks, name="feedback_thanks"),
]
