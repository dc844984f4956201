from django.urls import path

from journeymap.web.indicators import views

app_name = "indicators"

JOURNEY = "o/<slug:organisation_slug>/journeys/<int:journey_id>/"
INDICATOR = JOURNEY + "indicators/<int:indicator_id>/"
EVALUATION = JOURNEY + "evaluations/<int:evaluation_id>/"

urlpatterns = [
    path(JOURNEY + "indicators/", views.indicator_list, name="list"),
    path(JOURNEY + "indicators/new/", views.indicator_create, name="create"),
    path(INDICATOR, views.indicator_detail, name="detail"),
    path(INDICATOR + "edit/", views.indicator_edit, name="edit"),
    path(INDICATOR + "delete/", views.indicator_delete, name="delete"),
    path(INDICATOR + "record/", views.measurement_add, name="record"),
    path(INDICATOR + "measurements/<int:measurement_id>/delete/", views.measurement_delete,
         name="measurement_delete"),
    path(INDICATOR + "compute/", views.measurement_compute, name="compute"),
    path(JOURNEY + "evaluations/new/", views.evaluation_schedule, name="schedule"),
    path(EVALUATION, views.evaluation_detail, name="evaluation"),
    path(EVALUATION + "perform/", views.evaluation_perform, name="perform"),
    path("o/<slug:organisation_slug>/contact-costs/", views.contact_costs, name="costs"),
]
