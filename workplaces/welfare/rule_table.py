"""The rule values of welfare work (federation/rules): the 五必访 reasons with their
yearly cap per member, the festival goods limit per head and year, and the local
minimum-living line (低保标准) per year. Defaults are common township practice; the
federation sets its own."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import DECIMAL, JSON, rule_declare

VISIT_REASONS_DEFAULT = [
    {"code": "illness", "label": "重病住院", "yearly_cap": "1000.00"},
    {"code": "marriage", "label": "结婚", "yearly_cap": "500.00"},
    {"code": "childbirth", "label": "生育", "yearly_cap": "500.00"},
    {"code": "bereavement", "label": "直系亲属去世", "yearly_cap": "1000.00"},
    {"code": "retirement", "label": "退休", "yearly_cap": "500.00"},
    {"code": "hardship", "label": "生活困难", "yearly_cap": "2000.00"},
]


def declare() -> None:
    rule_declare(
        "welfare.visit_reasons",
        VISIT_REASONS_DEFAULT,
        kind=JSON,
        label=_("五必访 reasons with the yearly gift cap per member and reason (CNY)"),
        source="工会经费收支管理办法 / 本镇总工会规定",
    )
    rule_declare(
        "welfare.festival_yearly_limit",
        "2000.00",
        kind=DECIMAL,
        label=_("Festival goods per member and year, at most (CNY)"),
        source="基层工会经费收支管理办法（2017）",
    )
    rule_declare(
        "welfare.minimum_living_line",
        "1100.00",
        kind=DECIMAL,
        label=_("Local minimum-living line per person and month (CNY), one row a year"),
        source="当地城乡居民最低生活保障标准",
        since=dt.date(2000, 1, 1),
    )
