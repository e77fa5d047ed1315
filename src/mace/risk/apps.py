from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "mace.risk"
    label = "risk"
    verbose_name = "Risk, plans, missing episodes and statutory processes"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from mace.risk.catalogues import load_bundled_catalogue_after_migrate

        post_migrate.connect(load_bundled_catalogue_after_migrate, sender=self)

        from mace.people.grants import register_open_actions
        from mace.risk.models import VrmpAction

        def open_vrmp_actions(user_id, child_id) -> bool:
            return VrmpAction.objects.filter(
                owner_id=user_id, vrmp__child_id=child_id, status=VrmpAction.Status.OPEN
            ).exists()

        register_open_actions("vrmp", open_vrmp_actions)

        from mace.risk import sources  # noqa: F401  (registers chronology entries, tasks)
        from mace.risk.permissions import can_record_for_child
        from mace.web.pages import register_record_context

        # The risk pages offer "add" and "change" only to those who may record.
        register_record_context(
            "can_record", lambda user, child: {"can_record": can_record_for_child(user, child)}
        )
