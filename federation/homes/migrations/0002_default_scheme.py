"""Ships the default scheme (about 20 criteria, 100 points) and the default rule row."""

import datetime as dt
from decimal import Decimal

from django.db import migrations


def forwards(apps, schema_editor):
    from federation.homes import defaults

    if schema_editor.connection.schema_name != "public":
        return
    HomeRule = apps.get_model("homes", "HomeRule")
    Scheme = apps.get_model("homes", "Scheme")
    Criterion = apps.get_model("homes", "Criterion")
    Level = apps.get_model("homes", "Level")
    d = defaults.DEFAULT_RULE
    HomeRule.objects.get_or_create(
        effective_from=dt.date.fromisoformat(d["effective_from"]),
        defaults={
            "member_share_min": Decimal(d["member_share_min"]),
            "congress_months": d["congress_months"],
            "recheck_months": d["recheck_months"],
            "reminder_days": list(d["reminder_days"]),
            "recheck_reminder_days": list(d["recheck_reminder_days"]),
            "created_by": "system",
        },
    )
    if Scheme.objects.filter(is_default=True).exists():
        return
    scheme = Scheme.objects.create(
        name=defaults.DEFAULT_SCHEME_NAME, version=1, is_default=True, created_by="system",
        description="乡镇工会联合会职工之家建设验收通用标准，满分100分；标注“必备”的项目得0分即不予通过。",
    )
    for i, (code, cat, title, guide, points, mandatory, auto) in enumerate(defaults.DEFAULT_CRITERIA, 1):
        Criterion.objects.create(scheme=scheme, code=code, category=cat, title=title, guidance=guide,
                                 max_points=Decimal(points), mandatory=mandatory, auto_check=auto, order=i)
    for name, score, rate, order in defaults.DEFAULT_LEVELS:
        Level.objects.create(scheme=scheme, name=name, min_score=Decimal(score),
                             min_approval_rate=Decimal(rate), order=order)


class Migration(migrations.Migration):
    dependencies = [("homes", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
