from django.urls import path

from journeymap.web.feedback import (
    analysis_views,
    link_views,
    public_views,
    translation_views,
)

app_name = "feedback"

MAP = "o/<slug:organisation_slug>/journeys/<int:journey_id>/maps/<int:map_id>/"
LINK = MAP + "feedback/links/<int:link_id>/"

urlpatterns = [
    path("f/<str:token>/", public_views.feedback_form, name="form"),
    path(MAP + "feedback/", analysis_views.map_feedback, name="map_feedback"),
    path(MAP + "feedback/links/", link_views.feedback_links, name="links"),
    path(LINK + "close/", link_views.link_close, name="link_close"),
    path(LINK + "reopen/", link_views.link_reopen, name="link_reopen"),
    path(MAP + "feedback/translations/<str:language>/", translation_views.map_translation,
         name="translation"),
]
