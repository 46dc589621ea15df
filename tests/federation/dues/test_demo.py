import pytest

from federation.dues.demo import dues_demo_seed
from federation.dues.models import DuesNotice, Payment, PayrollDeclaration
from tenants.demo import DEMO_HOOKS


def test_the_demo_hook_is_registered():
    assert dues_demo_seed in DEMO_HOOKS


@pytest.mark.django_db
def test_the_demo_hook_gives_a_union_four_months_of_dues(frozen, union_a):
    dues_demo_seed(union_a)
    assert PayrollDeclaration.objects.filter(union=union_a).count() == 4
    assert list(
        DuesNotice.objects.filter(union=union_a).order_by("period").values_list("period", "status")
    ) == [("2026-07", "paid"), ("2026-08", "paid"), ("2026-09", "paid"), ("2026-10", "partial")]
    assert Payment.objects.filter(notice__union=union_a).count() == 4


@pytest.mark.django_db
def test_the_demo_overdue_union_is_overdue_and_reminded(frozen, union_b):
    union_b.slug = "dongfang"  # the demo's overdue union (unsaved: only the hook sees it)
    dues_demo_seed(union_b)
    statuses = list(
        DuesNotice.objects.filter(union=union_b).order_by("period").values_list("status", flat=True)
    )
    assert statuses == ["paid", "overdue", "overdue", "issued"]
    assert DuesNotice.objects.filter(union=union_b, reminders_sent=1).count() == 2


@pytest.mark.django_db
def test_no_demo_payment_is_dated_before_its_notice(frozen, union_a):
    dues_demo_seed(union_a)
    payments = Payment.objects.filter(notice__union=union_a).select_related("notice")
    assert [p.paid_on >= p.notice.issued_at.date() for p in payments] == [True] * 4
