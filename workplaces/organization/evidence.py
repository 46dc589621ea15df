"""Staff-home evidence from this module (``federation.homes.checks.auto_check``), read
from the public facts only: openness of affairs items published this year."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.models import Union

if TYPE_CHECKING:
    from federation.homes.checks import CheckResult


def openness_evidence(*, union: Union, on: dt.date) -> CheckResult:
    from federation.homes.checks import FAIL, NO_DATA, PASS, CheckResult
    from tenants.facts import fact_value

    fact = fact_value(union=union, key="organization.openness_by_year")
    if fact is None:
        return CheckResult(NO_DATA, _("No openness of affairs records in the app yet."))
    count = int(fact.get(str(on.year), 0))
    text = _("%(n)s items of openness of affairs published in %(year)s.") % {
        "n": count,
        "year": on.year,
    }
    return CheckResult(PASS if count else FAIL, text, str(count))


def register_evidence() -> None:
    from federation.homes.checks import auto_check

    auto_check("openness", gettext_lazy("Openness of affairs (厂务公开)"))(openness_evidence)
