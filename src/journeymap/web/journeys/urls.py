from django.urls import path

from journeymap.web.journeys import (
    compare_views,
    file_views,
    history_views,
    journey_views,
    map_parts_views,
    map_views,
    share_views,
    step_views,
)

app_name = "journeys"

JOURNEY = "o/<slug:organisation_slug>/journeys/<int:journey_id>/"
MAP = JOURNEY + "maps/<int:map_id>/"
STEP = MAP + "steps/<int:step_id>/"

urlpatterns = [
    path("o/<slug:organisation_slug>/journeys/", journey_views.journey_list, name="list"),
    path("o/<slug:organisation_slug>/journeys/new/", journey_views.journey_create,
         name="create"),
    path("o/<slug:organisation_slug>/journeys/import/", file_views.map_import, name="import"),
    path("o/<slug:organisation_slug>/journeys/excel-template/", file_views.excel_template,
         name="excel_template"),
    path(JOURNEY, journey_views.journey_detail, name="detail"),
    path(JOURNEY + "edit/", journey_views.journey_edit, name="edit"),
    path(JOURNEY + "compare/", compare_views.journey_compare, name="compare"),
    path(JOURNEY + "maps/new/", journey_views.map_create, name="map_create"),
    path(MAP, map_views.map_detail, name="map"),
    path(MAP + "details/", map_views.map_details, name="map_details"),
    path(MAP + "persona/", map_parts_views.map_persona, name="map_persona"),
    path(MAP + "stages/", map_parts_views.map_stages, name="map_stages"),
    path(MAP + "lanes/", map_parts_views.map_lanes, name="map_lanes"),
    path(MAP + "rows/<str:field>/", map_parts_views.map_row, name="map_row"),
    path(MAP + "next-version/", map_views.map_copy, name="map_copy"),
    path(MAP + "delete/", map_views.map_delete, name="map_delete"),
    path(MAP + "download/<slug:file_format>/", file_views.map_download, name="map_download"),
    path(MAP + "download/", file_views.map_download_lanes, name="map_download_lanes"),
    path(MAP + "steps/new/", step_views.step_add, name="step_add"),
    path(STEP, step_views.step_edit, name="step_edit"),
    path(STEP + "move/", step_views.step_move, name="step_move"),
    path(STEP + "delete/", step_views.step_delete, name="step_delete"),
    path(MAP + "history/", history_views.map_history, name="map_history"),
    path(MAP + "history/<int:revision_id>/", history_views.revision_detail, name="revision"),
    path(MAP + "history/<int:revision_id>/restore/", history_views.revision_restore,
         name="revision_restore"),
    path(MAP + "share/", share_views.share_links, name="share_links"),
    path(MAP + "share/<int:share_id>/revoke/", share_views.share_revoke, name="share_revoke"),
    path("share/<str:token>/", share_views.shared_map, name="shared_map"),
]
