"""The organization module's rules (换届, committee size, reminders), declared with the
defaults the app ships with; the federation edits dated rows on /rules/."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import INT, JSON, STR, rule_declare

# 2016 election rules for basic-level unions (基层工会选举工作条例, 2016): committee size
# per active-member band; ``single`` allows one organiser instead of a committee.
COMMITTEE_BANDS_2016 = [
    {"up_to": 24, "min": 3, "max": 5, "single": True},
    {"up_to": 200, "min": 3, "max": 7},
    {"up_to": 1000, "min": 7, "max": 15},
    {"up_to": 5000, "min": 15, "max": 21},
    {"up_to": 10000, "min": 21, "max": 29},
    {"up_to": 50000, "min": 29, "max": 37},
    {"up_to": None, "min": 37, "max": 45},
]

SOURCE = "基层工会选举工作条例（2016）"


def declare() -> None:
    rule_declare(
        "organization.term_years_allowed",
        [3, 5],
        kind=JSON,
        label=_("Committee term lengths allowed (years)"),
        source=SOURCE,
    )
    rule_declare(
        "organization.committee_bands",
        COMMITTEE_BANDS_2016,
        kind=JSON,
        label=_("Committee size by active members (bands)"),
        source=SOURCE,
    )
    rule_declare(
        "organization.women_committee_threshold",
        10,
        kind=INT,
        label=_("Women members from which a women workers' committee is set up"),
        source="工会女职工委员会工作条例",
    )
    rule_declare(
        "organization.candidate_surplus",
        "1/5",
        kind=STR,
        label=_("Competitive election: candidates above seats, at least (share)"),
        source=SOURCE,
    )
    rule_declare(
        "organization.election_validity",
        "2/3",
        kind=STR,
        label=_("Election valid with at least this share of eligible voters present"),
        source=SOURCE,
    )
    rule_declare(
        "organization.election_majority",
        "1/2",
        kind=STR,
        label=_("Elected with yes votes of more than this share of eligible voters"),
        source=SOURCE,
    )
    rule_declare(
        "organization.due_soon_months",
        6,
        kind=INT,
        label=_("A term is due for election this many months before it ends"),
        source=SOURCE,
    )
    rule_declare(
        "organization.reminder_months",
        [6, 1],
        kind=JSON,
        label=_("Election reminders: months before the term ends"),
        source=SOURCE,
    )
    rule_declare(
        "organization.overdue_reminder_days",
        7,
        kind=INT,
        label=_("Election reminders once overdue: every this many days"),
        source=SOURCE,
    )
