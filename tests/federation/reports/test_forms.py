"""Forms and their versions: a cycle keeps the version it was issued with."""

import pytest
from django.core.exceptions import ValidationError

from federation.reports import services
from federation.reports.models import Cycle, ReportForm

pytestmark = pytest.mark.django_db

FIELDS = [
    {
        "key": "members",
        "label": "会员",
        "type": "integer",
        "required": True,
        "source": "members.active",
    },
    {"key": "women", "label": "女会员", "type": "integer", "source": "members.active.women"},
]
RULES = [{"kind": "lte", "left": "women", "right": "members"}]


def test_the_annual_form_ships_with_its_indicators_and_rules(annual):
    keys = [f.key for f in annual.fields.all()]
    assert keys == [
        "members",
        "women",
        "migrant",
        "employees",
        "union_staff",
        "congress_delegates",
        "congress_held",
        "collective_contract",
        "mediation_committee",
        "women_committee",
        "funds_review_committee",
    ]
    sources = {f.key: f.source for f in annual.fields.all()}
    assert sources["members"] == "members.active"
    assert sources["women"] == "members.active.women"
    assert sources["migrant"] == "members.active.migrant"
    assert sources["employees"] == "employees"
    assert sources["mediation_committee"] == "rights.mediation_committee"
    assert sources["congress_held"] == "congress.held_yes_no"
    assert annual.fields.get(key="congress_held").choices == ["是", "否"]
    assert annual.rules == [
        {"kind": "lte", "left": "women", "right": "members"},
        {"kind": "lte", "left": "migrant", "right": "members"},
        {"kind": "lte", "left": "members", "right": "employees"},
    ]


def test_ensuring_the_annual_form_twice_creates_it_once(annual):
    from federation.reports.defaults import annual_form_ensure

    assert annual_form_ensure().pk == annual.pk
    assert ReportForm.objects.filter(code="annual-basic").count() == 1


def test_a_new_form_is_version_1():
    form = services.form_save(code="quarterly", title="季报", fields=FIELDS, rules=RULES)
    assert (form.version, [f.key for f in form.fields.all()], form.rules) == (
        1,
        ["members", "women"],
        RULES,
    )


def test_editing_a_form_no_cycle_uses_changes_it_in_place():
    first = services.form_save(code="quarterly", title="季报", fields=FIELDS)
    again = services.form_save(code="quarterly", title="季报（改）", fields=FIELDS[:1])
    assert again.pk == first.pk
    assert (again.version, again.title, again.fields.count()) == (1, "季报（改）", 1)


def test_editing_a_form_a_cycle_uses_makes_a_new_version_and_the_cycle_keeps_its_own(cycle, annual):
    changed = [
        {
            "key": "members",
            "label": "会员总数",
            "type": "integer",
            "required": True,
            "source": "members.active",
        }
    ]
    v2 = services.form_save(code="annual-basic", title="基层工会基本情况（新）", fields=changed)
    assert v2.pk != annual.pk
    assert v2.version == 2
    cycle = Cycle.objects.get(pk=cycle.pk)
    assert cycle.form_id == annual.pk
    assert cycle.form.fields.count() == 11
    assert cycle.form.fields.get(key="members").label == "会员人数"
    assert cycle.form.title == "基层工会基本情况（年报）"


@pytest.mark.parametrize(
    ("fields", "error_key"),
    [
        ([], "fields"),
        ([{"key": "Bad Key", "label": "x", "type": "integer"}], "fields[0]"),
        ([{"key": "a", "label": "x", "type": "float"}], "fields[0]"),
        ([{"key": "a", "label": "x", "type": "integer", "source": "nope"}], "fields[0]"),
        ([{"key": "a", "label": "x", "type": "choice", "choices": ["只有一个"]}], "fields[0]"),
        (
            [
                {"key": "a", "label": "x", "type": "integer"},
                {"key": "a", "label": "y", "type": "text"},
            ],
            "fields[1]",
        ),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_saved(fields, error_key):
    with pytest.raises(ValidationError) as exc:
        services.form_save(code="bad", title="坏表", fields=fields)
    assert error_key in exc.value.message_dict
    assert not ReportForm.objects.filter(code="bad").exists()


def test_a_rule_on_a_text_field_is_refused():
    fields = [*FIELDS, {"key": "note", "label": "说明", "type": "text"}]
    with pytest.raises(ValidationError) as exc:
        services.form_save(
            code="bad",
            title="坏表",
            fields=fields,
            rules=[{"kind": "lte", "left": "note", "right": "members"}],
        )
    assert list(exc.value.message_dict) == ["rules"]
    assert not ReportForm.objects.filter(code="bad").exists()


def test_the_api_creates_a_form(fed):
    r = fed.post(
        "/api/v1/reports/forms/",
        {"code": "quarterly", "title": "季报", "fields": FIELDS, "rules": RULES},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["code"], body["version"], body["rules"]) == ("quarterly", 1, RULES)
    assert [f["key"] for f in body["fields"]] == ["members", "women"]


def test_the_api_refuses_a_bad_form_with_field_errors(fed):
    r = fed.post(
        "/api/v1/reports/forms/",
        {"code": "q", "title": "季报", "fields": [{"key": "a", "label": "A", "type": "money"}]},
        format="json",
    )
    assert r.status_code == 400
    assert "fields[0]" in r.json()


def test_the_api_refuses_a_null_rule_naming_it_and_saves_nothing(fed):
    r = fed.post(
        "/api/v1/reports/forms/",
        {"code": "nullrule", "title": "季报", "fields": FIELDS, "rules": [None]},
        format="json",
    )
    assert r.status_code == 400
    assert list(r.json()) == ["rules[0]"]
    assert not ReportForm.objects.filter(code="nullrule").exists()
