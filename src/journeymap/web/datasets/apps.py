from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "journeymap.web.datasets"
    label = "datasets"
    verbose_name = "Contact datasets"
