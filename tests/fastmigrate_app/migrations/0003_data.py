from django.db import migrations, models


def mark(apps, schema_editor):
    apps.get_model("fastmigrate_app", "Probe").objects.create(name="ran here", score=1)


def unmark(apps, schema_editor):
    apps.get_model("fastmigrate_app", "Probe").objects.filter(name="ran here").delete()


class Migration(migrations.Migration):
    dependencies = [("fastmigrate_app", "0002_column_index_constraint")]
    operations = [
        migrations.AddField("probe", "note", models.CharField(max_length=40, default="", blank=True)),
        migrations.RunPython(mark, unmark),
    ]
