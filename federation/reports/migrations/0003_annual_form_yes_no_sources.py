from django.db import migrations

# the shipped annual form's yes/no questions read the union's own records: "congress held"
# took the number of sessions (never a 是/否), "mediation committee" had no source
SOURCES = {
    "congress_held": ("congress.held", "congress.held_yes_no"),
    "mediation_committee": ("", "rights.mediation_committee"),
}


def forward(apps, schema_editor):
    if schema_editor.connection.schema_name != "public":
        return
    FormField = apps.get_model("reports", "FormField")
    for key, (old, new) in SOURCES.items():
        FormField.objects.filter(
            form__code="annual-basic", form__version=1, key=key, source=old
        ).update(source=new)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_defaults")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
