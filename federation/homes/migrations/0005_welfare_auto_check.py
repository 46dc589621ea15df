"""The shipped default scheme's GA01 (五必访 visits, hardship files) gets its automatic
evidence from the union's welfare records; a criterion the federation gave a check keeps it."""

from django.db import migrations

CHECKS = {"GA01": "welfare_care"}


def forwards(apps, schema_editor):
    if schema_editor.connection.schema_name != "public":
        return
    Criterion = apps.get_model("homes", "Criterion")
    for code, key in CHECKS.items():
        Criterion.objects.filter(
            scheme__is_default=True, scheme__created_by="system", code=code, auto_check=""
        ).update(auto_check=key)


def backwards(apps, schema_editor):
    if schema_editor.connection.schema_name != "public":
        return
    Criterion = apps.get_model("homes", "Criterion")
    for code, key in CHECKS.items():
        Criterion.objects.filter(
            scheme__is_default=True, scheme__created_by="system", code=code, auto_check=key
        ).update(auto_check="")


class Migration(migrations.Migration):
    dependencies = [("homes", "0004_rights_auto_checks")]

    operations = [migrations.RunPython(forwards, backwards)]
