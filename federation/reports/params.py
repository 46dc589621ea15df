"""Query-parameter parsing of the news pages (a bad filter falls back to no filter: a page
never refuses to show)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from federation.reports.models import NewsStatus

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_param(raw: str, *, fallback: bool = True) -> str:
    """A YYYY-MM month; the current month when ``raw`` is empty or (``fallback``) bad."""
    raw = (raw or "").strip()
    if MONTH_RE.match(raw):
        return raw
    return timezone.localdate().strftime("%Y-%m") if fallback or not raw else raw


def news_filters(params: Mapping[str, Any]) -> dict[str, str]:
    status = str(params.get("status", ""))
    month = str(params.get("month", "") or "").strip()
    union = str(params.get("union", ""))[:40].replace("\x00", "")
    return {
        "union_slug": union,
        "status": status if status in NewsStatus.values else "",
        "month": month if MONTH_RE.match(month) else "",
    }
