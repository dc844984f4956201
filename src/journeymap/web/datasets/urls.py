from django.urls import path

from journeymap.web.datasets import views

app_name = "datasets"

DATASETS = "o/<slug:organisation_slug>/datasets/"
DATASET = DATASETS + "<int:dataset_id>/"

urlpatterns = [
    path(DATASETS, views.dataset_list, name="list"),
    path(DATASETS + "upload/", views.dataset_upload, name="upload"),
    path(DATASETS + "avoidable-contact-rules/", views.avoidable_rules, name="avoidable_rules"),
    path(DATASET, views.dataset_detail, name="detail"),
    path(DATASET + "columns/", views.dataset_mapping, name="mapping"),
    path(DATASET + "figures.json", views.dataset_download, name="download"),
    path(DATASET + "compare/", views.dataset_compare, name="compare"),
    path(DATASET + "maps/", views.dataset_maps, name="maps"),
    path(DATASET + "maps/<int:map_id>/", views.dataset_link, name="link"),
    path(DATASET + "maps/<int:map_id>/steps/<int:step_id>/fill/", views.step_fill,
         name="step_fill"),
]
