from datetime import date

from django.db import migrations

# Weekdays, not federal holidays, on which the SEC was closed by executive order or for a
# national day of mourning. More are added in the admin as they are declared.
KNOWN = [
    (date(2019, 12, 24), "Christmas Eve: executive branch closed by executive order"),
    (date(2020, 12, 24), "Christmas Eve: executive branch closed by executive order"),
    (date(2024, 12, 24), "Christmas Eve: executive branch closed by executive order"),
    (date(2025, 1, 9), "National day of mourning for President Jimmy Carter"),
]


def preload(apps, schema_editor):
    closures = apps.get_model("tracker", "SecClosure")
    for day, reason in KNOWN:
        closures.objects.get_or_create(day=day, defaults={"reason": reason})


def unload(apps, schema_editor):
    apps.get_model("tracker", "SecClosure").objects.filter(day__in=[d for d, _ in KNOWN]).delete()


class Migration(migrations.Migration):
    dependencies = [("tracker", "0022_sec_closures")]
    operations = [migrations.RunPython(preload, unload)]
