from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mace.accounts"
    label = "accounts"
    verbose_name = "Accounts and agencies"

    def ready(self) -> None:
        from mace.accounts import receivers  # noqa: F401  (tracks each user's sessions)
