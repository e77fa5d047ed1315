from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "mace.risk"
    label = "risk"
    verbose_name = "Risk, plans, missing episodes and statutory processes"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mace.risk.catalogues import load_bundled_catalogue_after_migrate

        post_migrate.connect(load_bundled_catalogue_after_migrate, sender=self)
