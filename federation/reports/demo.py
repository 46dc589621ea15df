"""Demo data: one open cycle of the annual form for the demo township, reports in
different states, a few work news items. Called once per union by tenants.demo."""

import datetime as dt

from django.utils import timezone

DEMO_STATES = {
    "hongxing": "accepted",
    "dongfang": "submitted",
    "jiaotou": "returned",
    "zhongxin-school": "submitted_late",
    "weisheng": "pending",
}
DEMO_NEWS = {
    "hongxing": [("红星机械举办职工技能比武", "county"), ("红星机械“送清凉”慰问一线职工", None)],
    "dongfang": [("东方精密召开第三届职代会第二次会议", "city")],
    "zhongxin-school": [("中心小学教职工趣味运动会", "township")],
}


def reports_demo_seed(union) -> None:
    from federation.reports import defaults, news_services, services
    from federation.reports.models import Cycle, Submission

    form = defaults.annual_form_ensure()
    defaults.news_channels_ensure()
    today = timezone.localdate()
    period = str(today.year)
    cycle = Cycle.objects.filter(form=form, period=period).first()
    if cycle is None:
        cycle = services.cycle_open(form=form, period=period, due_date=today + dt.timedelta(days=20),
                                    unions=[union.slug], actor="demo")
    else:
        services.cycle_unions_add(cycle=cycle, unions=[union.slug], actor="demo")
    sub = Submission.objects.get(cycle=cycle, union=union)
    state = DEMO_STATES.get(union.slug, "pending")
    if state != "pending":
        manual = {"union_staff": 1, "congress_delegates": 35, "congress_held": "是",
                  "collective_contract": "是", "mediation_committee": "是", "women_committee": "是",
                  "funds_review_committee": "否"}
        base = {"members": max(union.employee_count - 10, 0), "women": max(union.employee_count // 3, 0),
                "migrant": max(union.employee_count // 5, 0)}
        prefilled = services.prefill_for(form=form, union=union)
        values = manual if prefilled.get("members") else {**base, **manual}
        sub = services.submission_submit(submission=sub, values=values, actor="demo")
        if state == "submitted_late":
            Submission.objects.filter(pk=sub.pk).update(late=True)
        elif state == "accepted":
            services.submission_accept(submission=sub, comment="数据已核对。", actor="demo")
        elif state == "returned":
            services.submission_return(submission=sub, comment="职工代表人数与职代会名册不符，请核实。",
                                       actor="demo")
    for title, channel in DEMO_NEWS.get(union.slug, []):
        news = news_services.news_submit(
            union=union, title=title, body=f"{title}。活动得到广大职工积极参与。",
            event_date=today - dt.timedelta(days=5), actor="demo")
        if channel:
            news_services.news_adopt(news=news, channel=channel, adopted_on=today, actor="demo")
