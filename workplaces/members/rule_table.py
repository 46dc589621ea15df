"""The member register's rule values (the federation edits them on /rules/)."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import INT, rule_declare


def declare() -> None:
    rule_declare(
        "members.import_max_rows",
        50_000,
        kind=INT,
        label=_("Member import: most data rows in one file"),
    )
    rule_declare(
        "members.import_max_unpacked_mb",
        100,
        kind=INT,
        label=_("Member import: most megabytes an xlsx file may unpack to"),
    )
    rule_declare(
        "members.export_keep_hours",
        24,
        kind=INT,
        label=_("Member export: hours a prepared download is kept"),
    )
    # the printable roster is one HTML page: 20,000 rows are ~3 MB and seconds to draw,
    # and a browser prints hundreds of pages from it; past the cap, filter or export
    rule_declare(
        "members.roster_max_rows",
        10_000,
        kind=INT,
        label=_("Printable roster: most members on one page (more: filter it, or export)"),
    )
    rule_declare(
        "members.import_seconds",
        600,
        kind=INT,
        label=_("Member import: time limit of one import, in seconds"),
    )
    rule_declare(
        "members.dry_run_max_rows",
        2_000,
        kind=INT,
        label=_("Member import: most data rows in one check-only run"),
    )
    rule_declare(
        "members.index_lookups_per_day",
        20_000,
        kind=INT,
        label=_(
            "Member import: most people a union may check against the federation index "
            "per day without admitting them"
        ),
    )
