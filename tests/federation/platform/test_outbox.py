import pytest
from django.core import mail

from federation.platform.outbox.models import Channel, MessageStatus, OutboxMessage
from federation.platform.outbox.services import (
    message_enqueue,
    message_mark_read,
    outbox_deliver_pending,
)

pytestmark = pytest.mark.django_db


def _enqueue(union, key="k1", email=""):
    return message_enqueue(
        union=union, kind="test", subject="催缴", body="请缴纳", dedupe_key=key, email=email
    )


def test_an_in_app_notice_is_sent_at_once(union_a):
    (msg,) = _enqueue(union_a)
    assert (msg.channel, msg.status, msg.sent_at is not None) == (
        Channel.IN_APP,
        MessageStatus.SENT,
        True,
    )


def test_the_same_dedupe_key_twice_creates_nothing_new(union_a):
    _enqueue(union_a, email="chair@example.org")
    assert _enqueue(union_a, email="chair@example.org") == []
    assert OutboxMessage.objects.filter(union=union_a).count() == 2


def test_a_pending_email_is_delivered_once(union_a, django_capture_on_commit_callbacks):
    _enqueue(union_a, key="mail", email="chair@example.org")
    assert outbox_deliver_pending() == 1
    assert outbox_deliver_pending() == 0
    assert [m.to for m in mail.outbox] == [["chair@example.org"]]
    email = OutboxMessage.objects.get(union=union_a, channel=Channel.EMAIL)
    assert (email.status, email.attempts) == (MessageStatus.SENT, 1)


def test_a_transport_error_is_recorded_and_retried_until_five_attempts(union_a, settings):
    settings.EMAIL_BACKEND = "tests.federation.platform.test_outbox.BrokenBackend"
    _enqueue(union_a, key="broken", email="chair@example.org")
    for _ in range(5):
        outbox_deliver_pending()
    email = OutboxMessage.objects.get(union=union_a, channel=Channel.EMAIL)
    assert (email.status, email.attempts, email.last_error) == (
        MessageStatus.FAILED,
        5,
        "smtp down",
    )


def test_marking_read_is_scoped_to_the_union(union_a, union_b):
    (msg,) = _enqueue(union_a, key="read")
    with pytest.raises(OutboxMessage.DoesNotExist):
        message_mark_read(union=union_b, message_id=msg.pk)
    assert message_mark_read(union=union_a, message_id=msg.pk).read_at is not None


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("smtp down")
