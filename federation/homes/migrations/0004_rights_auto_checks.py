"""The shipped default scheme's rights criteria get their automatic evidence: WQ01 (the
collective contract) and WQ02 (labour dispute mediation) read the union's own records.
Only the criteria still without a check are touched (a federation's own choice stays)."""

from django.db import migrations

CHECKS = {"WQ01": "collective_contract", "WQ02": "mediation"}


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
    dependencies = [("homes", "0003_rectification_days")]

    operations = [migrations.RunPython(forwards, backwards)]
