from django.db import migrations


def forward(apps, schema_editor):
    # shared app: this runs in the public schema only
    if schema_editor.connection.schema_name != "public":
        return
    from federation.reports.defaults import annual_form_ensure, news_channels_ensure

    annual_form_ensure(apps)
    news_channels_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
