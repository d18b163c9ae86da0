from django.urls import path

from innocluster.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("cabinet/", views.cabinet, name="cabinet"),
    path("cabinet/notifications/", views.notifications, name="notifications"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("favicon.ico", views.favicon, name="favicon"),
]
