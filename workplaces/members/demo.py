"""Demo members for each demo union: Chinese names, valid ID numbers, groups."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone
from django_tenants.utils import tenant_context

from tenants.validators import id_number_check_char

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_M = [
    "伟",
    "强",
    "磊",
    "军",
    "勇",
    "杰",
    "涛",
    "斌",
    "超",
    "明",
    "建华",
    "志强",
    "国庆",
    "海峰",
    "永刚",
    "晓东",
    "文斌",
    "俊杰",
]
GIVEN_F = [
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "艳",
    "娟",
    "霞",
    "燕",
    "玲",
    "秀英",
    "丽华",
    "晓红",
    "春梅",
    "雪梅",
    "婷婷",
    "佳怡",
    "欣悦",
]
GROUPS = ["一车间小组", "二车间小组", "机关小组", "后勤小组"]
REGIONS = ["330102", "330106", "330110", "410102", "420106", "510104", "360102", "340104"]
EMPLOYMENT = (
    ["regular"] * 6 + ["contract"] * 3 + ["migrant"] * 3 + ["dispatched", "retired_rehired"]
)


def demo_id_number(rng: random.Random, *, birth: dt.date, gender: str) -> str:
    seq = rng.randint(0, 99)
    digit = rng.choice([1, 3, 5, 7, 9] if gender == "M" else [0, 2, 4, 6, 8])
    first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{seq:02d}{digit}"
    return first17 + id_number_check_char(first17)


def demo_members_seed(union) -> None:
    from workplaces.members.models import UnionGroup
    from workplaces.members.services import member_create

    rng = random.Random(union.slug)
    count = rng.randint(20, 60)
    with tenant_context(union):
        groups = [UnionGroup.objects.get_or_create(name=name)[0] for name in GROUPS]
        made: set[str] = set()
        while len(made) < count:
            gender = rng.choice("MF")
            birth = dt.date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
            number = demo_id_number(rng, birth=birth, gender=gender)
            if number in made:
                continue
            made.add(number)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN_M if gender == "M" else GIVEN_F)
            joined = max(dt.date(birth.year + 18, 9, 1), dt.date(2005, 1, 1)) + dt.timedelta(
                days=rng.randint(0, 3000)
            )
            joined = min(joined, timezone.localdate() - dt.timedelta(days=30))
            wage = Decimal(rng.randint(2800, 14000)) + Decimal(
                rng.choice(["0.00", "0.50", "9.99", "5.00"])
            )
            member_create(
                actor=None,
                name=name,
                gender=gender,
                id_number=number,
                phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
                employment=rng.choice(EMPLOYMENT),
                group=rng.choice(groups),
                monthly_wage=wage,
                joined_on=joined,
            )
