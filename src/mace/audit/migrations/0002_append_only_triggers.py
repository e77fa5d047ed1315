"""Refuse UPDATE, DELETE (and TRUNCATE) on the audit log in the database itself.

The model and queryset already refuse; the trigger also stops raw SQL through the
application's own database connection. The SQL lives in mace.audit.triggers.
"""

from django.db import migrations

from mace.audit import triggers


def forward(apps, schema_editor):
    triggers.install(schema_editor.connection)


def backward(apps, schema_editor):
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
