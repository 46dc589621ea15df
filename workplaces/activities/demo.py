"""Demo union life: a year of activities with sign-ups and attendance, a yearly plan, a
competition, a training session and a model worker."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django_tenants.utils import tenant_context

TITLES = [
    ("sports", "职工篮球赛"),
    ("culture", "迎新春文艺汇演"),
    ("study", "工会法知识讲座"),
    ("sports", "健步走活动"),
    ("volunteer", "社区志愿服务"),
    ("culture", "书画摄影展"),
    ("sports", "乒乓球比赛"),
    ("study", "读书分享会"),
    ("training", "安全生产培训"),
    ("sports", "趣味运动会"),
    ("culture", "中秋游园会"),
    ("volunteer", "无偿献血"),
]


def demo_activities_seed(union) -> None:
    from workplaces.activities import recognition, services
    from workplaces.activities.models import Activity
    from workplaces.members.models import Member

    rng = random.Random(f"activities-{union.slug}")
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    with tenant_context(union):
        if Activity.objects.exists():
            return
        members = list(Member.objects.filter(status="active").order_by("pk"))
        if not members:
            return
        plan = services.plan_save(
            actor=None,
            period_kind="year",
            year=today.year,
            title=f"{today.year}年度文体活动计划",
            body="每月组织一次职工文体活动，上半年举办篮球赛，下半年举办趣味运动会。",
        )
        for i, (kind, title) in enumerate(TITLES):
            day = today - dt.timedelta(days=30 * (11 - i) + 7)
            starts = dt.datetime.combine(day, dt.time(14, 0), tzinfo=tz)
            activity = services.activity_create(
                actor=None,
                title=title,
                kind=kind,
                starts_at=starts,
                capacity=len(members),
                place="职工活动室",
                plan=plan,
            )
            joined = rng.sample(members, k=max(1, len(members) // 2))
            for m in joined:
                services.signup_create(actor=_ORGANISER, activity=activity, member=m)
            services.attendance_record(
                actor=None,
                activity=activity,
                member_ids=[m.pk for m in joined[: len(joined) * 4 // 5 or 1]],
            )
        services.activity_create(
            actor=None,
            title="元旦长跑",
            kind="sports",
            starts_at=dt.datetime.combine(today + dt.timedelta(days=20), dt.time(9, 0), tzinfo=tz),
            capacity=max(5, len(members) // 2),
            place="厂区环路",
        )
        competition = recognition.competition_save(
            actor=None, title="岗位技能比武", starts_on=today - dt.timedelta(days=100)
        )
        for rank, m in enumerate(members[:3], start=1):
            recognition.entrant_save(
                actor=None, competition=competition, member=m, result="完成", rank=rank
            )
        recognition.training_save(
            actor=None,
            title="工会干部业务培训",
            audience="cadre",
            held_on=today - dt.timedelta(days=60),
            hours=Decimal("4.0"),
            member_ids=[m.pk for m in members[:5]],
        )
        honour = recognition.honour_nominate(
            actor=None,
            kind="model_worker",
            level="county",
            member=members[0],
            year=today.year,
            deeds="爱岗敬业，技术革新成效显著。",
        )
        recognition.honour_decide(actor=None, honour=honour, awarded=True, awarded_by="县人民政府")


class _Organiser:  # noqa: D101
    """The demo seeds sign-ups as an organiser would (the chair passes every role check)."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = 0

    def get_username(self) -> str:
        return "demo"


_ORGANISER: Any = _Organiser()
