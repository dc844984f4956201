from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "journeymap.web.indicators"
    label = "indicators"
    verbose_name = "Indicators and evaluation"
