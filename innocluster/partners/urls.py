from django.urls import path

from innocluster.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("orders/", views.order_list, name="orders"),
    path("orders/new/", views.order_new, name="order_new"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/quote/", views.order_quote, name="order_quote"),
    path("orders/<int:pk>/quotes/<int:quote_id>/award/", views.order_award, name="order_award"),
    path("orders/<int:pk>/files/<int:file_id>/", views.order_file, name="order_file"),
    path(
        "orders/<int:pk>/files/<int:file_id>/visibility/",
        views.order_file_visibility,
        name="order_file_visibility",
    ),
    path("orders/<int:pk>/files/<int:file_id>/request/", views.order_file_request, name="order_file_request"),
    path(
        "orders/<int:pk>/access-requests/<int:access_id>/decision/",
        views.order_access_decision,
        name="order_access_decision",
    ),
]
