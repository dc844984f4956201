from django.urls import path

from journeymap.web.actions import views

app_name = "actions"

BOARD = "o/<slug:organisation_slug>/actions/"
JOURNEY = "o/<slug:organisation_slug>/journeys/<int:journey_id>/actions/"
ACTION = JOURNEY + "<int:action_id>/"

urlpatterns = [
    path(BOARD, views.organisation_board, name="board"),
    path(BOARD + "matrix/", views.organisation_matrix, name="matrix"),
    path(JOURNEY, views.journey_board, name="journey_board"),
    path(JOURNEY + "matrix/", views.journey_matrix, name="journey_matrix"),
    path(JOURNEY + "new/", views.action_create, name="create"),
    path(JOURNEY + "to-be/", views.to_be_draft, name="to_be"),
    path(ACTION, views.action_edit, name="edit"),
    path(ACTION + "status/", views.action_status, name="status"),
    path(ACTION + "delete/", views.action_delete, name="delete"),
]
