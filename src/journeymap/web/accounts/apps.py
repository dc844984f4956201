from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "journeymap.web.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"
