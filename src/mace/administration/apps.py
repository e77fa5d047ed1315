from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "mace.administration"
    label = "administration"
    verbose_name = "Administration: users, agencies, domains, series and catalogues"
