from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mace.core"
    label = "core"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from mace.core.receivers import history_stamped_by_clock

        pre_create_historical_record.connect(
            history_stamped_by_clock, dispatch_uid="mace.core.history_stamped_by_clock"
        )
