from django.db import migrations

DEFAULTS = [
    ("*.gov.uk", "Central and local government"),
    ("nhs.net", "NHS mail"),
    ("*.nhs.uk", "NHS organisations"),
    ("*.police.uk", "Police forces"),
    ("*.sch.uk", "Schools"),
    ("*.ac.uk", "Colleges and universities"),
]


def forward(apps, schema_editor):
    AllowedDomain = apps.get_model("referrals", "AllowedDomain")
    for pattern, description in DEFAULTS:
        AllowedDomain.objects.get_or_create(pattern=pattern, defaults={"description": description})


def backward(apps, schema_editor):
    AllowedDomain = apps.get_model("referrals", "AllowedDomain")
    AllowedDomain.objects.filter(pattern__in=[p for p, _ in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
