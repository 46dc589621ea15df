"""Demo data for the staff home: one open round with assessments in different states, and
one union holding a 先进 title from an earlier round. Idempotent per union (a DEMO_HOOK)."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

DEMO_OPEN_ROUND = "2026年度职工之家建设验收"
DEMO_PAST_ROUND = "2025年度职工之家建设验收"
# union slug -> state in the open round ("titled": accepted 先进 in the earlier round)
DEMO_STATES = {
    "hongxing": "titled",
    "dongfang": "submitted",
    "jiaotou": "draft",
    "zhongxin-school": "returned",
    "weisheng": "not_started",
    "lianhe": "not_started",
}


def _round(title: str, deadline: dt.date):
    from federation.homes.models import Round
    from federation.homes.services import scheme_default_ensure

    scheme = scheme_default_ensure()
    rnd = Round.objects.filter(title=title).first()
    if rnd is None:
        rnd = Round.objects.create(title=title, scheme=scheme, deadline=deadline, opened_by="demo")
    return rnd


def _self_fill(union, assessment, factor: str, approval: str) -> None:
    from federation.homes.services import assessment_save

    items = []
    for item in assessment.items.select_related("criterion"):
        points = (item.criterion.max_points * Decimal(factor) * 2).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        ) / 2
        items.append(
            {
                "code": item.criterion.code,
                "self_score": points,
                "evidence": f"见{item.criterion.category}台账及附件（{item.criterion.code}）。",
            }
        )
    with schema_context(union.schema_name):
        assessment_save(
            union=union,
            assessment=assessment,
            items=items,
            approval_rate=Decimal(approval),
            survey_note="发放问卷150份，收回142份",
            actor=None,
        )
        from federation.homes.services import assessment_submit

        assessment_submit(union=union, assessment=assessment, actor=None)


def homes_demo_seed(union) -> None:
    from federation.homes.models import Assessment
    from federation.homes.services import assessment_review, round_add_unions

    state = DEMO_STATES.get(union.slug, "not_started")
    today = timezone.localdate()
    with transaction.atomic():
        open_round = _round(DEMO_OPEN_ROUND, today + dt.timedelta(days=30))
        if Assessment.objects.filter(round=open_round, union=union).exists():
            return
        if state == "titled":
            past = _round(DEMO_PAST_ROUND, today + dt.timedelta(days=1))
            added = (
                round_add_unions(round=past, unions=[union], actor=None)
                if past.closed_at is None
                else []
            )
            (a,) = added or [None]  # type: ignore[list-item]
            if a is not None:
                _self_fill(union, a, "0.88", "91.5")
                scores = [
                    {"code": i.criterion.code, "score": (i.self_score or 0) - (1 if n < 3 else 0)}
                    for n, i in enumerate(
                        a.items.select_related("criterion").order_by("criterion__order")
                    )
                ]
                # a veto from the demo's own records leaves it submitted
                with contextlib.suppress(ValidationError):
                    assessment_review(
                        assessment=a,
                        items=scores,
                        decision="accept",
                        comment="材料齐全，现场查看阵地建设规范。",
                        actor=None,
                    )
                from federation.homes.services import round_close

                round_close(round=past, actor=None)
        (a,) = round_add_unions(round=open_round, unions=[union], actor=None)
        if state in ("submitted", "returned", "draft"):
            factor = {"submitted": "0.92", "returned": "0.7", "draft": "0.8"}[state]
            if state == "draft":
                from federation.homes.services import assessment_save

                items = [
                    {"code": i.criterion.code, "self_score": i.criterion.max_points}
                    for i in a.items.select_related("criterion")[:8]
                ]
                with schema_context(union.schema_name):
                    assessment_save(union=union, assessment=a, items=items, actor=None)
            else:
                _self_fill(union, a, factor, "86" if state == "submitted" else "78")
            if state == "returned":
                assessment_review(
                    assessment=a,
                    decision="return",
                    deadline=today + dt.timedelta(days=20),
                    comment="职代会会议记录缺失，请补充2026年职代会决议及签到表后重新提交。",
                    actor=None,
                )


# after the modules whose records the veto checks read (members, counts, governance, dues)
homes_demo_seed.demo_order = 90  # type: ignore[attr-defined]
