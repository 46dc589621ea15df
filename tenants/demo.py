"""The demo township: six unions of different kinds, each with a chair login.

Other modules add their demo data through ``DEMO_HOOKS`` (callables taking the union),
so the seed grows with the product.
"""

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import transaction

from tenants.models import Union
from tenants.services import federation_tenant_ensure, union_create
from tenants.validators import credit_code_check_char

FEDERATION_NAME = "示例镇总工会"


def demo_credit_code(n: int) -> str:
    first17 = f"91330100MA2{n:06d}"[:17]
    return first17 + credit_code_check_char(first17)


# the employee counts given at registration; each union corrects its count against its
# member roll once the members are in (``demo_employees_match``), so the history shows it
DEMO_UNIONS = [
    ("hongxing", "红星机械制造有限公司工会", "enterprise", 46),
    ("dongfang", "东方精密电子（外商独资）有限公司工会", "enterprise", 62),
    ("jiaotou", "示例镇交通投资集团（国有）工会", "enterprise", 26),
    ("zhongxin-school", "示例镇中心小学工会", "school", 42),
    ("weisheng", "示例镇卫生院工会", "hospital", 48),
    ("lianhe", "示例镇小微企业联合工会", "other", 57),
]

DEMO_HOOKS: list[Callable[[Union], None]] = []
# a hook may set ``demo_order`` (default 50): members are seeded first (10), then the
# employee counts follow them (20), then everything that reads those facts


# the share of employees who are members, per demo union (the staff-home veto needs 90%);
# 东方 stays below it so the demo shows a veto
DEMO_MEMBER_SHARE = {"dongfang": Decimal("0.80")}


def demo_employees_match(union: Union) -> None:
    """Make the demo's employee count agree with the members just seeded, as the union
    would correct it: through the service, so the count's history shows the change."""
    from tenants.models import UnionRollup
    from tenants.services import employee_count_set

    rollup = UnionRollup.objects.filter(union=union).first()
    if rollup is None or not rollup.members_active:
        return
    share = DEMO_MEMBER_SHARE.get(union.slug, Decimal("0.95"))
    count = int((Decimal(rollup.members_active) / share).to_integral_value(rounding=ROUND_CEILING))
    employee_count_set(
        union=union, count=count, side="union", note="核对会员名册后更正职工人数", actor=None
    )
    union.employee_count = count  # the later hooks read it from this object


demo_employees_match.demo_order = 20  # type: ignore[attr-defined]
DEMO_HOOKS.append(demo_employees_match)


def demo_seed(
    *, chair_password: str, port: int | None = None
) -> tuple[bool, list[tuple[str, str]]]:
    federation_tenant_ensure(name=FEDERATION_NAME)
    if Union.objects.filter(slug=DEMO_UNIONS[0][0]).exists():
        return False, []
    logins = []
    suffix = f":{port}" if port else ""
    with transaction.atomic():
        for i, (slug, name, kind, employees) in enumerate(DEMO_UNIONS, start=1):
            union = union_create(
                slug=slug,
                name=name,
                kind=kind,
                credit_code=demo_credit_code(i),
                employee_count=employees,
                admin_username=f"{slug.replace('-', '_')}_chair",
                admin_password=chair_password,
                admin_name="主席",
            )
            for hook in sorted(DEMO_HOOKS, key=lambda h: getattr(h, "demo_order", 50)):
                hook(union)
            logins.append(
                (
                    f"http://{slug}.{settings.BASE_DOMAIN}{suffix}/",
                    f"{slug.replace('-', '_')}_chair",
                )
            )
    return True, logins
