"""Issue 11 item 20: the demo township does not contradict itself: no payment is dated
before the notice it pays."""

import pytest
from django.utils import timezone

from federation.dues.demo import dues_demo_seed
from federation.dues.models import Payment

pytestmark = pytest.mark.django_db


def test_no_demo_payment_is_dated_before_its_notice(union_a):
    dues_demo_seed(union_a)
    payments = list(Payment.objects.select_related("notice"))
    assert payments
    for payment in payments:
        assert payment.paid_on >= timezone.localdate(payment.notice.issued_at), (
            payment.notice.period
        )
