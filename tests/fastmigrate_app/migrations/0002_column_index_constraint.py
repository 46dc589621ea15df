from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("fastmigrate_app", "0001_initial")]
    operations = [
        migrations.AddField("probe", "score", models.IntegerField(default=0)),
        migrations.AddIndex(
            "probe", models.Index(fields=["score", "name"], name="probe_score_name")
        ),
        migrations.AddConstraint(
            "probe",
            models.CheckConstraint(condition=models.Q(score__gte=0), name="probe_score_gte_0"),
        ),
    ]
