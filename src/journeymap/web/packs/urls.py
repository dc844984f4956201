from django.urls import path

from journeymap.web.packs import views

app_name = "packs"

JOURNEY = "o/<slug:organisation_slug>/journeys/<int:journey_id>/"

urlpatterns = [
    path(JOURNEY + "evidence-pack/", views.pack_page, name="page"),
    path(JOURNEY + "evidence-pack.pdf", views.pack_download, name="pdf"),
]
