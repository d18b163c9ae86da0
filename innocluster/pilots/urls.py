from django.urls import path  # noqa: F401 - the routes come in below

app_name = "pilots"
urlpatterns = [
    # the catalogue, the sites and the pilots' pages (views.py): /pilots/, /pilots/completed/,
    # /pilots/sites/<pk>/, /pilots/sites/<pk>/request/, /pilots/by-case/<case_id>/, /pilots/<pk>/,
    # /pilots/<pk>/decision/, /pilots/<pk>/cancel/, /pilots/<pk>/publish/, /pilots/<pk>/protocol/
    # the protocol's PDF, the public feedback link and its QR code (feedback_views.py, pdf.py)
]
