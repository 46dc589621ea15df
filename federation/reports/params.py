"""Query-parameter parsing shared by the news API and pages."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from federation.reports.models import NewsStatus

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_param(raw: str, *, default_current: bool = True) -> str:
    raw = (raw or "").strip()
    if not raw and default_current:
        return timezone.localdate().strftime("%Y-%m")
    if not MONTH_RE.match(raw):
        raise ValidationError({"month": ["Give a month as YYYY-MM."]})
    return raw


def news_filters(params) -> dict:
    out = {
        "union_slug": params.get("union", "")[:40],
        "status": params.get("status", ""),
        "month": "",
    }
    if out["status"] and out["status"] not in NewsStatus.values:
        raise ValidationError({"status": [f"Choose one of: {', '.join(NewsStatus.values)}."]})
    if params.get("month"):
        out["month"] = month_param(params.get("month"))
    return out
