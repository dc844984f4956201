from django.urls import path

from journeymap.web.segments import file_views, priority_views, views

app_name = "segments"

SEGMENTS = "o/<slug:organisation_slug>/segments/"
SEGMENT = SEGMENTS + "<int:segment_id>/"

urlpatterns = [
    path(SEGMENTS, views.segment_list, name="list"),
    path(SEGMENTS + "new/", views.segment_create, name="create"),
    path(SEGMENTS + "priorities/", priority_views.priorities, name="priorities"),
    path(SEGMENTS + "import/", file_views.register_import, name="import"),
    path(SEGMENTS + "download/<slug:file_format>/", file_views.register_download,
         name="download"),
    path(SEGMENT, views.segment_detail, name="detail"),
    path(SEGMENT + "edit/", views.segment_edit, name="edit"),
    path(SEGMENT + "delete/", views.segment_delete, name="delete"),
    path(SEGMENT + "persona/", views.segment_persona, name="persona"),
    path(SEGMENT + "persona/maps/<int:map_id>/", views.map_take_persona, name="map_persona"),
    path(SEGMENT + "journeys/", views.journey_link, name="journey_link"),
    path(SEGMENT + "journeys/<int:journey_id>/remove/", views.journey_unlink,
         name="journey_unlink"),
]
