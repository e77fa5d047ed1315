from django.apps import AppConfig


class CasefileConfig(AppConfig):
    name = "mace.casefile"
    label = "casefile"
    verbose_name = "The child's whole record and the user's work"
