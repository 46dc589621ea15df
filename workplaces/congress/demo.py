"""Demo data: every demo union gets a congress with delegates, sessions, a motion and
proposals; one union (卫生院) has held no congress this year (only last year's). The others
also held last year's session, whose proposal was answered before this year's: this year's
session hears it in its proposals' handling report."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tenants.models import Union

NO_CONGRESS_THIS_YEAR = "weisheng"


def _kind(union: Union) -> str:
    if union.kind == "school":
        return "teachers"
    return "workers" if union.employee_count >= 100 else "members"


def _last_year_seed(*, kind: str, size: int, names: list[str], year: int) -> None:
    """Last year's session and its proposal, answered and rated before this year's session
    (the dates set back after the services wrote them with today's date)."""
    from workplaces.congress import proposals, services
    from workplaces.congress.models import Proposal

    held_on = dt.date(year, 3, 20)
    session = services.session_record(
        kind=kind,
        title=f"{year}年职工（会员）代表大会",
        held_on=held_on,
        delegates_total=size,
        delegates_present=size - 1,
        proposals_deadline=held_on,
        actor=None,
    )
    proposal = proposals.proposal_submit(
        title="为一线职工配备防暑降温用品",
        body="建议夏季为高温岗位职工发放防暑降温用品。",
        proposer=names[4],
        seconders=[names[5], names[6]],
        session_id=session.pk,
        submitted_on=held_on,
        actor=None,
    )
    proposals.proposal_review(
        proposal=proposal, decision="accept", department="安全环保部", actor=None
    )
    proposals.proposal_answer(proposal=proposal, answer="已于六月发放到各高温岗位。", actor=None)
    proposals.proposal_rate(proposal=proposal, satisfaction="basically", actor=None)
    Proposal.objects.filter(pk=proposal.pk).update(
        reviewed_on=held_on + dt.timedelta(days=20), answered_on=dt.date(year, 6, 30)
    )


def congress_demo_seed(union: Union) -> None:
    from django_tenants.utils import schema_context

    from tenants.facts import facts_refresh
    from workplaces.congress import proposals, services
    from workplaces.members.models import Member, MemberStatus

    today = timezone.localdate()
    kind = _kind(union)
    with schema_context(union.schema_name):
        from workplaces.congress.models import Congress

        if Congress.objects.exists():  # idempotent: seeded already
            return
        congress = services.congress_create(
            kind=kind, starts_on=dt.date(today.year - 2, 3, 1), term_years=5, actor=None
        )
        size = max(30, -(-union.employee_count // 20))
        active = Member.objects.filter(status=MemberStatus.ACTIVE)
        if kind == "members":  # a members' assembly seats members only (if it has any)
            size = min(size, active.count()) or size
        people = list(active.order_by("-pk")[:size])
        names = [(m.name, m.gender == "F") for m in people]
        names += [(f"代表{i:02d}", i % 3 == 0) for i in range(len(names) + 1, size + 1)]
        for i, (name, woman) in enumerate(names):
            if i % 8 == 0:
                category = "manager"
            elif kind == "teachers":
                category = "teacher"
            else:
                category = "technician" if i % 5 == 0 else "front_line"
            services.delegate_add(
                congress=congress, name=name, category=category, woman=woman, actor=None
            )
        year = today.year - 1 if union.slug == NO_CONGRESS_THIS_YEAR else today.year
        if year == today.year:
            _last_year_seed(kind=kind, size=size, names=[n for n, _w in names], year=year - 1)
        held_on = min(dt.date(year, 3, 20), today)
        session = services.session_record(
            kind=kind,
            title=f"{year}年{congress.get_kind_display()}",
            held_on=held_on,
            delegates_total=size,
            delegates_present=size - 2,
            proposals_deadline=held_on,
            actor=None,
        )
        services.motion_vote(
            session=session,
            title="审议通过工会工作报告",
            yes=size - 3,
            no=0,
            abstain=1,
            actor=None,
        )
        first = proposals.proposal_submit(
            title="改善职工食堂就餐环境",
            body="建议增加就餐座位，延长供餐时间。",
            proposer=names[1][0],
            seconders=[names[2][0], names[3][0]],
            session_id=session.pk,
            submitted_on=held_on,
            actor=None,
        )
        proposals.proposal_review(
            proposal=first, decision="accept", department="行政部", actor=None
        )
        proposals.proposal_answer(
            proposal=first, answer="已增加座位二十个，供餐延长半小时。", actor=None
        )
        proposals.proposal_rate(proposal=first, satisfaction="satisfied", actor=None)
        facts_refresh(
            keys=[
                "congress.last_held_on",
                "congress.sessions_by_year",
                "congress.delegates",
                "congress.proposals_by_year",
            ]
        )
