from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "mace.referrals"
    label = "referrals"
    verbose_name = "Referrals and triage"

    def ready(self) -> None:
        from mace.referrals import sources  # noqa: F401  (registers chronology entries)
