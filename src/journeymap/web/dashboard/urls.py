from django.urls import path

from journeymap.web.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.home, name="home"),
    path("o/<slug:organisation_slug>/", views.organisation, name="organisation"),
]
