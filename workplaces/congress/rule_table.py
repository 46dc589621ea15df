"""The congress module's rules, declared with the defaults the app ships with; the
federation edits dated rows on /rules/. Shares are exact fractions (``"2/3"``)."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import INT, JSON, STR, rule_declare

SOURCE = "企业民主管理规定（2012）/ 学校教职工代表大会规定（2011）"


def declare() -> None:
    rule_declare(
        "congress.quorum",
        "2/3",
        kind=STR,
        label=_("A session is quorate with at least this share of ALL delegates present"),
        source=SOURCE,
    )
    rule_declare(
        "congress.motion_majority",
        "1/2",
        kind=STR,
        label=_("A motion passes with yes votes of more than this share of ALL delegates"),
        source=SOURCE,
    )
    rule_declare(
        "congress.managers_cap",
        "1/5",
        kind=STR,
        label=_("Middle and senior managers: at most this share of delegates"),
        source=SOURCE,
    )
    rule_declare(
        "congress.teachers_min",
        "3/5",
        kind=STR,
        label=_("Teachers' congress: teachers at least this share of delegates"),
        source=SOURCE,
    )
    rule_declare(
        "congress.delegates_min_share",
        "1/20",
        kind=STR,
        label=_("Delegates: at least this share of employees"),
        source=SOURCE,
    )
    rule_declare(
        "congress.delegates_min",
        30,
        kind=INT,
        label=_("Delegates: at least this many"),
        source=SOURCE,
    )
    rule_declare(
        "congress.term_years",
        {"min": 3, "max": 5},
        kind=JSON,
        label=_("Congress term (years, from and to)"),
        source=SOURCE,
    )
    rule_declare(
        "congress.workers_congress_threshold",
        100,
        kind=INT,
        label=_("Employees from which a workers' congress (职代会) is held"),
        source=SOURCE,
    )
    rule_declare(
        "congress.sessions_per_year",
        1,
        kind=INT,
        label=_("Sessions a year, at least"),
        source=SOURCE,
    )
    rule_declare(
        "congress.proposal_seconders_min",
        2,
        kind=INT,
        label=_("Seconders a proposal needs, at least"),
        source=SOURCE,
    )
