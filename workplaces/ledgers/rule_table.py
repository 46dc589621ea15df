"""The printed books' rule values (the federation edits them on /rules/)."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import INT, rule_declare


def declare() -> None:
    # laid out in linear time (federation.platform.pdf.long_table): 10,000 rows ~2 s laid
    # out, 20,000 ~4-6 s and 7-12 s through the API, on a 2-core machine
    # (`make bench tests/benchmarks/test_bench_ledgers.py`); past the cap: the xlsx
    rule_declare(
        "ledgers.pdf_max_rows",
        10_000,
        kind=INT,
        label=_("Printed books: most rows of one PDF (more: ask for the xlsx)"),
    )
