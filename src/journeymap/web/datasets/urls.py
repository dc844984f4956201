from django.urls import path

from journeymap.web.datasets import views

app_name = "datasets"

DATASETS = "o/<slug:organisation_slug>/datasets/"
DATASET = DATASETS + "<int:dataset_id>/"

urlpatterns = [
    path(DATASETS, views.dataset_list, name="list"),
    path(DATASETS + "upload/", views.dataset_upload, name="upload"),
    path(DATASET, views.dataset_detail, name="detail"),
    path(DATASET + "columns/", views.dataset_mapping, name="mapping"),
    path(DATASET + "figures.json", views.dataset_download, name="download"),
]
