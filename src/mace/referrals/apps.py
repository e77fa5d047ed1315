from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "mace.referrals"
    label = "referrals"
    verbose_name = "Referrals and triage"
