from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "mace.web"
    label = "web"
