from django.urls import include, path

# Django tries the patterns in order; the citizen's form (feedback) is served most, to the
# public, so its few patterns come first rather than after every staff page's.
urlpatterns = [
    path("", include("journeymap.web.feedback.urls")),
    path("", include("journeymap.web.dashboard.urls")),
    path("", include("journeymap.web.accounts.urls")),
    path("", include("journeymap.web.journeys.urls")),
    path("", include("journeymap.web.segments.urls")),
    path("", include("journeymap.web.evidence.urls")),
    path("", include("journeymap.web.datasets.urls")),
    path("", include("journeymap.web.packs.urls")),
    path("", include("journeymap.web.indicators.urls")),
    path("", include("journeymap.web.actions.urls")),
]

handler400 = "journeymap.web.errors.bad_request"
handler403 = "journeymap.web.errors.permission_denied"
handler404 = "journeymap.web.errors.page_not_found"
handler500 = "journeymap.web.errors.server_error"
