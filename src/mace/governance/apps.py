from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "mace.governance"
    label = "governance"
    verbose_name = "Silver and Gold: escalations, the action plan, assurance, Gold's decisions"

    def ready(self) -> None:
        from mace.governance import sources  # noqa: F401  (tasks, the findings' links)
