from django.urls import path

from innocluster.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/assign/", views.assign, name="assign"),
]
