from django.urls import path  # noqa: F401 - the editor's routes are added here

app_name = "journeys"

urlpatterns: list = []
