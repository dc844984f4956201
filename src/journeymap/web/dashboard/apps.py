from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "journeymap.web.dashboard"
    label = "dashboard"
