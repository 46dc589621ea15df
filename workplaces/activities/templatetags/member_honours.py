"""``{% member_honours member %}``: the honours and open nominations of one member, for
the member's record (a page of the members app shows them without knowing this app)."""

from __future__ import annotations

from typing import Any

from django import template

from workplaces.activities.models import HonourStatus
from workplaces.activities.selectors import honours_for_member

register = template.Library()


@register.inclusion_tag("activities/_member_honours.html")
def member_honours(member: Any) -> dict[str, Any]:
    rows = honours_for_member(member.pk)
    for row in rows:
        row["status_label"] = HonourStatus(row["status"]).label
    return {"honours": rows}
