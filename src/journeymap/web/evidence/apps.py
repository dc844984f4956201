from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "journeymap.web.evidence"
    label = "evidence"
    verbose_name = "Research evidence"
