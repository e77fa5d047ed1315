"""Model fields of our own."""

from __future__ import annotations

from django.db import models

from mace.core import clock


class StampField(models.DateTimeField):
    """A DateTimeField whose ``auto_now`` and ``auto_now_add`` read ``mace.core.clock``
    (Django's own read ``timezone.now`` directly, which the demo must not patch)."""

    def pre_save(self, model_instance, add):
        if self.auto_now or (self.auto_now_add and add):
            value = clock.now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)
