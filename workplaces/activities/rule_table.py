"""The activities app's rules: the honours a union may nominate for, with their levels."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import JSON, rule_declare

LEVELS = {"national": "全国", "provincial": "省级", "city": "市级", "county": "县级"}

HONOUR_KINDS = [
    {"code": "model_worker", "name": "劳动模范", "levels": list(LEVELS), "model_worker": True},
    {"code": "may_day_medal", "name": "五一劳动奖章", "levels": ["national", "provincial", "city"]},
    {
        "code": "pioneer_team",
        "name": "工人先锋号",
        "levels": ["national", "provincial", "city"],
        "collective": True,
    },
    {"code": "march8_red_banner", "name": "三八红旗手", "levels": list(LEVELS)},
    {"code": "excellent_cadre", "name": "优秀工会干部", "levels": []},
    {"code": "excellent_member", "name": "优秀会员", "levels": []},
]


def declare() -> None:
    rule_declare(
        "activities.honour_kinds",
        HONOUR_KINDS,
        kind=JSON,
        label=_("Honours and their levels (code, name, levels, model_worker, collective)"),
        source="全国总工会 劳动模范评选管理; 工会表彰",
    )
    rule_declare(
        "activities.honour_levels",
        LEVELS,
        kind=JSON,
        label=_("Honour levels (code: name)"),
        source="劳动模范 国家级/省部级/市级/县级",
    )
