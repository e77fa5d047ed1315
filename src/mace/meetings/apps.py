from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "mace.meetings"
    label = "meetings"
    verbose_name = "MACE meetings: series, agendas, minutes and actions"

    def ready(self) -> None:
        from mace.meetings import (
            grants,  # noqa: F401  (registers open meeting actions)
            receivers,
            sources,  # noqa: F401  (chronology entries, tasks)
        )
        from mace.referrals.placements import register_placement
        from mace.referrals.signals import referral_accepted

        # Accepted referrals land on an agenda; the triage page says which.
        referral_accepted.connect(
            receivers.place_accepted_referral, dispatch_uid="meetings.place_accepted_referral"
        )
        register_placement("meetings", receivers.placement_line)
