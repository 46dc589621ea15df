"""What the app ships with: the annual basic-union statistics form (基层工会基本情况) and
the news channels rule table. ``*_ensure`` are idempotent; the data migration and the
demo seed call them. They take an ``apps`` registry so a migration can pass its own."""

import datetime as dt

ANNUAL_FORM_CODE = "annual-basic"
ANNUAL_FORM_TITLE = "基层工会基本情况（年报）"
YES_NO = ["是", "否"]

# key, label, type, required, source, choices
ANNUAL_FIELDS = [
    ("members", "会员人数", "integer", True, "members.active", []),
    ("women", "其中：女会员人数", "integer", True, "members.active.women", []),
    ("migrant", "其中：农民工会员人数", "integer", True, "members.active.migrant", []),
    ("employees", "职工人数", "integer", True, "employees", []),
    ("union_staff", "专职工会工作人员数", "integer", False, "union_staff", []),
    ("congress_delegates", "职工代表人数", "integer", False, "congress.delegates", []),
    (
        "congress_held",
        "本年度是否召开职工（代表）大会",
        "choice",
        True,
        "congress.held_yes_no",
        YES_NO,
    ),
    (
        "collective_contract",
        "是否签订集体合同并在有效期内",
        "choice",
        True,
        "rights.contract_in_force",
        YES_NO,
    ),
    (
        "mediation_committee",
        "是否建立劳动争议调解委员会",
        "choice",
        True,
        "rights.mediation_committee",
        YES_NO,
    ),
    ("women_committee", "是否建立女职工委员会", "choice", True, "", YES_NO),
    ("funds_review_committee", "是否建立经费审查委员会", "choice", True, "", YES_NO),
]
ANNUAL_RULES = [
    {"kind": "lte", "left": "women", "right": "members"},
    {"kind": "lte", "left": "migrant", "right": "members"},
    {"kind": "lte", "left": "members", "right": "employees"},
]

# code, name, points (a rule table row each, in force from 2026-01-01)
NEWS_CHANNELS = [
    ("township", "镇总工会公众号/工作简报", "1.0"),
    ("county", "区（县）总工会网站/简报", "3.0"),
    ("city", "市总工会网站/刊物", "5.0"),
    ("province", "省级及以上媒体", "10.0"),
]
CHANNELS_FROM = dt.date(2026, 1, 1)


def _models(apps):
    if apps is None:
        from django.apps import apps as apps_registry

        apps = apps_registry
    return (
        apps.get_model("reports", "ReportForm"),
        apps.get_model("reports", "FormField"),
        apps.get_model("reports", "NewsChannel"),
    )


def annual_form_ensure(apps=None):
    """The shipped annual form, version 1, created once (a federation's edits make later
    versions; this never touches them)."""
    ReportForm, FormField, _ = _models(apps)
    form, created = ReportForm.objects.get_or_create(
        code=ANNUAL_FORM_CODE,
        version=1,
        defaults={
            "title": ANNUAL_FORM_TITLE,
            "rules": ANNUAL_RULES,
            "created_by": "system",
            "description": "基层工会调查表：会员、职工、组织建设基本情况。",
        },
    )
    if created:
        FormField.objects.bulk_create(
            FormField(
                form=form,
                key=key,
                label=label,
                type=kind,
                required=required,
                source=source,
                choices=choices,
                order=i,
            )
            for i, (key, label, kind, required, source, choices) in enumerate(
                ANNUAL_FIELDS, start=1
            )
        )
    return form


def news_channels_ensure(apps=None) -> int:
    _, _, NewsChannel = _models(apps)
    created = 0
    for code, name, points in NEWS_CHANNELS:
        if not NewsChannel.objects.filter(code=code).exists():
            NewsChannel.objects.create(
                code=code, name=name, points=points, effective_from=CHANNELS_FROM
            )
            created += 1
    return created
