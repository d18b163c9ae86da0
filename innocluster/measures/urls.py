from django.urls import path

from innocluster.measures import views

app_name = "measures"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("applications/<int:pk>/", views.application_page, name="application"),
    path("applications/by-case/<int:case_id>/", views.application_by_case, name="by_case"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/check/", views.check_answers, name="check"),
    path("applications/<int:pk>/submitted/", views.submitted, name="submitted"),
    path("applications/<int:pk>/documents/", views.upload, name="upload"),
    path("applications/<int:pk>/documents/<int:document_id>/", views.download, name="document"),
    path(
        "applications/<int:pk>/documents/<int:document_id>/remove/",
        views.remove_document,
        name="remove_document",
    ),
    path("applications/<int:pk>/agreement.pdf", views.agreement, name="agreement"),
    path("applications/<int:pk>/agreement/sign/", views.sign, name="sign"),
    path("applications/<int:pk>/reports/", views.report, name="report"),
    path("applications/<int:pk>/payments/<int:payment_id>/paid/", views.payment_paid, name="payment_paid"),
    path(
        "applications/<int:pk>/reports/<int:report_id>/decision/",
        views.report_decision,
        name="report_decision",
    ),
    path("<slug:code>/", views.measure_detail, name="measure"),
    path("<slug:code>/quote/", views.calculate, name="calculate"),
    path("<slug:code>/apply/", views.apply, name="apply"),
    path("<slug:code>/apply/<int:application_id>/", views.apply, name="edit"),
    path("<slug:code>/apply/autosave/", views.autosave, name="autosave"),
    path("<slug:code>/apply/<int:application_id>/autosave/", views.autosave, name="autosave_edit"),
]
