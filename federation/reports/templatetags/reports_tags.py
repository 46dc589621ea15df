"""``{% open_reports %}`` on the union home page: the reports this union still has to send."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("reports/_home_block.html", takes_context=True)
def open_reports(context):
    from federation.platform.accounts.permissions import has_role
    from federation.platform.accounts.roles import UNION_OFFICERS
    from federation.reports.models import EDITABLE_STATUSES
    from federation.reports.selectors import submission_is_late, union_reports
    from tenants.context import current_union

    request = context.get("request")
    union = current_union()
    if union is None or request is None or not has_role(request.user, *UNION_OFFICERS):
        return {"show": False}
    today = timezone.localdate()
    reports = [
        r for r in union_reports(union=union, open_only=True) if r.status in EDITABLE_STATUSES
    ]
    for r in reports:
        r.is_late = submission_is_late(r, today=today)  # type: ignore[attr-defined]
    return {"show": True, "reports": reports}
