from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "journeymap.web.packs"
    label = "packs"
    verbose_name = "Evidence packs"
