from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "journeymap.web.actions"
    label = "actions"
    verbose_name = "Improvement actions"
