from django.apps import AppConfig


class ContextsConfig(AppConfig):
    name = "mace.contexts"
    label = "contexts"
    verbose_name = "Contextual MACE: places, peer groups, persons of concern, the network"

    def ready(self) -> None:
        from mace.contexts import receivers

        receivers.connect()
