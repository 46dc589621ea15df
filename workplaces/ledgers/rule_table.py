"""The printed books' rule values (the federation edits them on /rules/)."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import INT, rule_declare


def declare() -> None:
    # a PDF of 3,000 rows takes ~6 s to lay out, 10,000 ~25 s (near the web server's 30 s),
    # 100,000 minutes and gigabytes: past the cap the book is asked for as xlsx
    rule_declare(
        "ledgers.pdf_max_rows",
        3_000,
        kind=INT,
        label=_("Printed books: most rows of one PDF (more: ask for the xlsx)"),
    )
