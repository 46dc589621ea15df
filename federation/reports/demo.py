"""Demo data: one open cycle of the annual form for the demo township, reports in
different states, a few work news items. Called once per union by tenants.demo.

The hooks of other modules (members) run after this one for the same union, so a union's
report is filled in when the next union's hook runs: by then its roll-up is there and the
prefilled values are the real counts. The last demo union's report stays pending.
"""

import datetime as dt

from django.utils import timezone

DEMO_STATES = {
    "hongxing": "accepted",
    "dongfang": "submitted",
    "jiaotou": "returned",
    "zhongxin-school": "submitted",
    "weisheng": "pending",
}
DEMO_NEWS: dict[str, list[tuple[str, str | None]]] = {
    "hongxing": [("红星机械举办职工技能比武", "county"), ("红星机械“送清凉”慰问一线职工", None)],
    "dongfang": [("东方精密召开第三届职代会第二次会议", "city")],
    "zhongxin-school": [("中心小学教职工趣味运动会", "township")],
}
MANUAL = {
    "union_staff": 1,
    "congress_delegates": 35,
    "congress_held": "是",
    "collective_contract": "是",
    "mediation_committee": "是",
    "women_committee": "是",
    "funds_review_committee": "否",
}


def _fill(sub, state: str) -> None:
    from federation.reports import services

    prefilled = services.prefill_for(form=sub.cycle.form, union=sub.union)
    # typed by hand only where the union's records give no value: the report agrees with them
    values = {k: v for k, v in MANUAL.items() if prefilled.get(k) in (None, "")}
    if state == "returned" and prefilled.get("congress_delegates"):
        # the mismatch the federation's return comment names
        values["congress_delegates"] = prefilled["congress_delegates"] + 5
    if not prefilled.get("members"):
        employees = sub.union.employee_count
        values.update(
            {"members": max(employees - 10, 0), "women": employees // 3, "migrant": employees // 5}
        )
    elif state == "submitted":
        values["members"] = prefilled["members"] + 1  # shows an override beside the prefilled value
    sub = services.submission_submit(submission=sub, values=values, actor=None)
    if state == "accepted":
        services.submission_accept(submission=sub, comment="数据已核对。", actor=None)
    elif state == "returned":
        services.submission_return(
            submission=sub, comment="职工代表人数与职代会名册不符，请核实。", actor=None
        )


def reports_demo_seed(union) -> None:
    from federation.reports import defaults, services
    from federation.reports.models import Cycle

    form = defaults.annual_form_ensure()
    defaults.news_channels_ensure()
    today = timezone.localdate()
    cycle = Cycle.objects.filter(form__code=form.code, period=str(today.year)).first()
    if cycle is None:
        cycle = services.cycle_open(
            form=form,
            period=str(today.year),
            due_date=today + dt.timedelta(days=20),
            unions=[union.slug],
            actor=None,
        )
    else:
        services.cycle_unions_add(cycle=cycle, unions=[union.slug], actor=None)
    waiting = cycle.submissions.filter(status="pending", events__isnull=True).exclude(union=union)
    for sub in waiting.select_related("union", "cycle", "cycle__form"):
        state = DEMO_STATES.get(sub.union.slug, "pending")
        if state != "pending":
            _fill(sub, state)
    for title, channel in DEMO_NEWS.get(union.slug, []):
        news = services.news_submit(
            union=union,
            title=title,
            body=f"{title}。活动得到广大职工积极参与。",
            event_date=today - dt.timedelta(days=5),
            actor=None,
        )
        if channel:
            services.news_adopt(news=news, channel=channel, adopted_on=today, actor=None)
