"""Dues jobs (thin: each calls a service). Dispatchers run in the public schema and enqueue
one small idempotent task per union; a retried task creates nothing twice (unique keys)."""

from typing import TYPE_CHECKING

from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from tasks.app import app
from tasks.dispatch import dispatch_per_union
from tasks.options import DISPATCHER_TASK, PER_UNION_TASK

if TYPE_CHECKING:
    from tenants.models import Union


def _union(schema_name: str) -> "Union":
    from tenants.models import Union

    return Union.objects.get(schema_name=schema_name)


@app.task(name="dues.cycle_dispatch", **DISPATCHER_TASK)
def cycle_dispatch(period: str = "") -> int:
    """Monthly: one notice task per serving union for the period that just ended."""
    from federation.dues.periods import period_just_ended
    from federation.dues.selectors import policy_in_force

    if not period:
        today = timezone.localdate()
        ended = period_just_ended(today, policy_in_force(on=today).period_kind)
        if ended is None:
            return 0
        period = ended.code
    targets_chase.delay()
    return dispatch_per_union(cycle_union, args=(period,))


@app.task(name="dues.cycle_union", **PER_UNION_TASK)
def cycle_union(schema_name: str, period: str) -> int | None:
    """Issue one union's notice (idempotent); ask for the declaration when it is missing."""
    from federation.dues.services import declaration_missing_remind, notice_issue

    with schema_context(get_public_schema_name()):
        union = _union(schema_name)
        notice, _created = notice_issue(union=union, period=period)
        if notice is None:
            declaration_missing_remind(union=union, period=period)
            return None
        return notice.pk


@app.task(name="dues.daily_dispatch", **DISPATCHER_TASK)
def daily_dispatch() -> int:
    """Daily: mark overdue notices, then one task per union that has something to chase."""
    from federation.dues.selectors import unions_to_chase
    from federation.dues.services import notices_mark_overdue

    notices_mark_overdue()
    targets_chase.delay()
    return dispatch_per_union(daily_union, unions=unions_to_chase())


@app.task(name="dues.targets_chase", **PER_UNION_TASK)
def targets_chase() -> int:
    """Organizing targets (筹备金) on the same schedule as unions: bill their declarations of
    ended periods, then remind the overdue ones (at most once a day each)."""
    from federation.dues.services import target_notices_issue_pending, targets_remind

    with schema_context(get_public_schema_name()):
        target_notices_issue_pending()
        return targets_remind()


@app.task(name="dues.daily_union", **PER_UNION_TASK)
def daily_union(schema_name: str) -> int:
    """Bill late declarations and send the reminder that is due (at most one a day)."""
    from federation.dues.services import notices_issue_pending, reminder_send

    email = _finance_email()  # read in the union's own schema, where its users live
    with schema_context(get_public_schema_name()):
        union = _union(schema_name)
        notices_issue_pending(union=union)
        reminder = reminder_send(union=union, email=email)
        return reminder.pk if reminder else 0


def _finance_email() -> str:
    """The address of the union's finance officer (or chair) inside the union's schema."""
    from django.contrib.auth import get_user_model

    from federation.dues.selectors import union_settings
    from federation.platform.accounts.roles import CHAIR, FINANCE
    from tenants.context import current_union

    union = current_union()
    if union is None:
        return ""
    configured = union_settings(union=union).contact_email
    if configured:
        return configured
    user = (
        get_user_model()
        .objects.filter(groups__name__in=[FINANCE, CHAIR], is_active=True)
        .exclude(email="")
        .order_by("-groups__name", "pk")
        .first()
    )
    return user.email if user else ""
