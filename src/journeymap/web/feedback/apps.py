from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "journeymap.web.feedback"
    label = "feedback"
    verbose_name = "Citizens' feedback"
