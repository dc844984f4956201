from django.urls import path

from journeymap.web.evidence import views

app_name = "evidence"

RESEARCH = "o/<slug:organisation_slug>/research/"
ACTIVITY = RESEARCH + "<int:activity_id>/"
STEP = ("o/<slug:organisation_slug>/journeys/<int:journey_id>/maps/<int:map_id>/steps/"
        "<int:step_id>/")

urlpatterns = [
    path(RESEARCH, views.activity_list, name="list"),
    path(RESEARCH + "new/", views.activity_create, name="create"),
    path(ACTIVITY, views.activity_detail, name="detail"),
    path(ACTIVITY + "edit/", views.activity_edit, name="edit"),
    path(ACTIVITY + "delete/", views.activity_delete, name="delete"),
    path(ACTIVITY + "observations/new/", views.observation_add, name="observation_add"),
    path(ACTIVITY + "observations/<int:observation_id>/delete/", views.observation_delete,
         name="observation_delete"),
    path(ACTIVITY + "proposed-steps/new/", views.proposed_step_add, name="proposed_step_add"),
    path(ACTIVITY + "proposed-steps/<int:proposal_id>/accept/", views.proposed_step_accept,
         name="proposed_step_accept"),
    path(ACTIVITY + "proposed-steps/<int:proposal_id>/decline/", views.proposed_step_decline,
         name="proposed_step_decline"),
    path(STEP + "evidence/", views.step_evidence, name="step_evidence"),
    path(STEP + "evidence/provenance/", views.step_provenance, name="step_provenance"),
]
