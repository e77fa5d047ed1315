from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mace.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from mace.audit import receivers  # noqa: F401  (connects the sign-in signals)
