from django.apps import AppConfig


class SegmentsConfig(AppConfig):
    name = "journeymap.web.segments"
    label = "segments"
    verbose_name = "Customer segments"
