from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mace.meetings"
    label = "meetings"
    verbose_name = "MACE meetings: series, agendas, minutes and actions"

    def ready(self) -> None:
        from mace.meetings import (
            grants,  # noqa: F401  (registers open meeting actions)
            sources,  # noqa: F401  (chronology entries, tasks)
        )
