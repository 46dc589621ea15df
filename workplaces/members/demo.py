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
# ID region codes (GB/T 2260) and the household registration place they stand for; the
# township is in Zhejiang, migrant workers come from rural counties of other provinces
LOCAL_REGIONS = {
    "330102": "浙江省杭州市上城区",
    "330106": "浙江省杭州市西湖区",
    "330110": "浙江省杭州市余杭区",
    "330782": "浙江省义乌市",
}
RURAL_REGIONS = {
    "411424": "河南省商丘市柘城县",
    "511623": "四川省广安市邻水县",
    "341226": "安徽省阜阳市颍上县",
    "421126": "湖北省黄冈市蕲春县",
}
REGIONS = list(LOCAL_REGIONS) + list(RURAL_REGIONS)
# employment forms by union kind: schools and hospitals employ on staff or on contract
EMPLOYMENT = {
    "enterprise": ["regular"] * 6 + ["contract"] * 3 + ["migrant"] * 3 + ["dispatched"],
    "school": ["regular"] * 7 + ["contract"] * 3,
    "hospital": ["regular"] * 7 + ["contract"] * 3,
    "other": ["regular"] * 3 + ["contract"] * 4 + ["migrant"] * 3 + ["dispatched"],
}
ETHNICITIES = ["汉族"] * 24 + ["壮族", "回族", "土家族", "苗族", "畲族", "满族"]
POSITIONS = {
    "school": ["语文教师", "数学教师", "英语教师", "班主任", "体育教师", "后勤管理员", "会计"],
    "hospital": ["护士", "临床医师", "药剂师", "检验技师", "收费员", "后勤管理员", "会计"],
    "enterprise": [
        "装配工",
        "数控车工",
        "焊工",
        "电工",
        "质检员",
        "仓库管理员",
        "技术员",
        "车间主任",
        "销售员",
        "会计",
    ],
    "other": ["营业员", "厨师", "保洁员", "配送员", "收银员", "店长", "会计"],
}
ROADS = ["人民路", "建设路", "工业路", "文化路", "新华街", "迎宾大道", "中心街"]
TOWN = "示例镇"


def demo_id_number(rng: random.Random, *, birth: dt.date, gender: str, region: str = "") -> str:
    seq = rng.randint(0, 99)
    digit = rng.choice([1, 3, 5, 7, 9] if gender == "M" else [0, 2, 4, 6, 8])
    first17 = f"{region or rng.choice(REGIONS)}{birth:%Y%m%d}{seq:02d}{digit}"
    return first17 + id_number_check_char(first17)


def _years_after(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def _birth(rng: random.Random, *, today: dt.date, oldest: int, youngest: int) -> dt.date:
    return dt.date(
        today.year - rng.randint(youngest, oldest), rng.randint(1, 12), rng.randint(1, 28)
    )


def _education(rng: random.Random, *, kind: str, birth: dt.date, migrant: bool) -> str:
    if kind in ("school", "hospital"):
        return rng.choice(["bachelor"] * 5 + ["master", "college", "college"])
    if migrant:
        return rng.choice(["junior_or_below"] * 3 + ["high_school", "vocational"])
    if birth.year < 1975:
        return rng.choice(["junior_or_below", "high_school", "vocational", "college"])
    return rng.choice(["high_school", "vocational", "college", "college", "bachelor", "master"])


def _political(rng: random.Random, *, age: int) -> str:
    if age <= 28 and rng.random() < 0.4:
        return "league"
    return rng.choice(["masses"] * 7 + ["party_member"] * 2 + ["probationary"])


def _person(rng: random.Random, *, kind: str, today: dt.date, mode: str) -> dict:
    """One plausible person: a working-age employee (``mode`` "working"), or a retiree
    (retired at 60 for men, 50 for women) who is rehired ("rehired") or has left work and
    keeps the membership ("retained", 保留会籍)."""
    retired = mode != "working"
    gender = rng.choice("MF")
    retire_age = 60 if gender == "M" else 50
    if retired:
        birth = _birth(rng, today=today, oldest=retire_age + 6, youngest=retire_age + 1)
    else:
        birth = _birth(rng, today=today, oldest=57 if gender == "M" else 53, youngest=21)
    employment = {"rehired": "retired_rehired", "retained": "regular"}.get(mode) or rng.choice(
        EMPLOYMENT.get(kind, EMPLOYMENT["other"])
    )
    if employment == "migrant" or (employment in ("dispatched", "contract") and rng.random() < 0.5):
        region = rng.choice(list(RURAL_REGIONS))
        household = "rural"
    else:
        # a local village household working here is a migrant worker too (本地农民工); the
        # retirees are townspeople, so no retiree reads as one
        region = rng.choice(list(LOCAL_REGIONS))
        household = "rural" if not retired and rng.random() < 0.2 else "urban"
    place = (RURAL_REGIONS | LOCAL_REGIONS)[region]
    migrant = household == "rural"
    retirement = _years_after(birth, retire_age) if retired else None
    joined = max(dt.date(birth.year + 18, 9, 1), dt.date(2005, 1, 1)) + dt.timedelta(
        days=rng.randint(0, 3000)
    )
    joined = min(joined, today - dt.timedelta(days=30))
    if retirement is not None:
        joined = min(joined, retirement - dt.timedelta(days=365))
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    skilled = kind in ("enterprise", "other") and not retired
    return {
        "gender": gender,
        "birth": birth,
        "region": region,
        "employment": employment,
        "joined_on": joined,
        "ethnicity": rng.choice(ETHNICITIES),
        "political_status": _political(rng, age=age),
        "education": _education(rng, kind=kind, birth=birth, migrant=migrant),
        "household_type": household,
        "household_place": place,
        "position": rng.choice(POSITIONS.get(kind, POSITIONS["other"])),
        "skill_level": (
            rng.choice(["grade_5", "grade_4", "grade_4", "grade_3", "grade_2"])
            if skilled
            else "none"
        ),
        # 劳模 stays 否: the demo's model worker is the one the union-life demo honours, and
        # a flag on anyone else would contradict its roster
        "model_worker": False,
        "address": (
            f"{TOWN}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
            if household == "urban" or rng.random() < 0.5
            else f"{TOWN}职工宿舍{rng.randint(1, 8)}幢{rng.randint(101, 608)}室"
        ),
        "retirement_date": retirement,
    }


def demo_members_seed(union) -> None:
    """20 to 60 members with the national real-name collection filled in, a few rehired
    retirees and one or two retirees who keep their membership (保留会籍)."""
    from workplaces.members.models import UnionGroup
    from workplaces.members.services import member_create, member_leave

    rng = random.Random(union.slug)
    count = rng.randint(20, 60)
    retired_count = 1 + count // 25
    today = timezone.localdate()
    card_base = 6217_8800_0000_0000 + rng.randint(1, 999) * 10_000
    with tenant_context(union):
        groups = [UnionGroup.objects.get_or_create(name=name)[0] for name in GROUPS]
        made: set[str] = set()
        while len(made) < count:
            n = len(made)
            mode = (
                "retained"
                if n < retired_count
                else "rehired"
                if n < 2 * retired_count
                else "working"
            )
            person = _person(rng, kind=union.kind, today=today, mode=mode)
            gender = person.pop("gender")
            number = demo_id_number(
                rng, birth=person.pop("birth"), gender=gender, region=person.pop("region")
            )
            if number in made:
                continue
            made.add(number)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN_M if gender == "M" else GIVEN_F)
            wage = Decimal(rng.randint(2800, 14000)) + Decimal(
                rng.choice(["0.00", "0.50", "9.99", "5.00"])
            )
            member = member_create(
                actor=None,
                name=name,
                gender=gender,
                id_number=number,
                phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
                group=rng.choice(groups),
                monthly_wage=wage,
                card_no=str(card_base + len(made)),
                **person,
            )
            if mode == "retained":
                member_leave(
                    member=member,
                    status="retired",
                    on=member.retirement_date,
                    reason="退休，保留会籍",
                    actor=None,
                )
