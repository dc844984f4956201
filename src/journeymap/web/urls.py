from django.urls import include, path

urlpatterns = [
    path("", include("journeymap.web.dashboard.urls")),
    path("", include("journeymap.web.accounts.urls")),
    path("", include("journeymap.web.journeys.urls")),
]
