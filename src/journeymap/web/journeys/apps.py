from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "journeymap.web.journeys"
    label = "journeys"
    verbose_name = "Journeys and maps"
