"""Before issue 9 a sign-in link could reach the enrolment page of a staff account and show
its authenticator secret to whoever held the link. Enrolment reuses an unconfirmed device,
so a secret shown then could be the one the real user enrols later. Forget every
unconfirmed device: each user is shown a new secret at their next password sign-in."""

from django.db import migrations


def forget_unconfirmed(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    TOTPDevice.objects.filter(confirmed=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitations_and_sessions"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(forget_unconfirmed, migrations.RunPython.noop)]
