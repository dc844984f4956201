from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "journeymap.web.audit"
    label = "audit"
    verbose_name = "Audit log"
