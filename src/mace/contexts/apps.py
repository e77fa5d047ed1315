from django.apps import AppConfig


class ContextsConfig(AppConfig):
    name = "mace.contexts"
    label = "contexts"
    verbose_name = "Contextual MACE: places, peer groups, persons of concern, the network"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mace.contexts import receivers
        from mace.contexts.catalogue import load_bundled_after_migrate

        post_migrate.connect(load_bundled_after_migrate, sender=self)
        receivers.connect()
