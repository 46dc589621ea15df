from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from federation.platform.errors import duplicate_only
from federation.platform.outbox.models import Channel, MessageStatus, OutboxMessage
from tenants.models import Union


def message_enqueue(
    *,
    union: Union,
    kind: str,
    subject: str,
    body: str,
    dedupe_key: str,
    email: str = "",
    link: str = "",
) -> list[OutboxMessage]:
    """Queue an in-app notice (and an email when the union has an address).

    Idempotent: a second call with the same ``dedupe_key`` creates nothing.
    Returns the messages created by this call.
    """
    created = []
    channels = [(Channel.IN_APP, "")]
    if email:
        channels.append((Channel.EMAIL, email))
    for channel, recipient in channels:
        key = f"{dedupe_key}:{channel}"
        try:
            with transaction.atomic():
                msg = OutboxMessage.objects.create(
                    union=union,
                    channel=channel,
                    kind=kind,
                    subject=subject[:200],
                    body=body,
                    recipient=recipient,
                    link=link,
                    dedupe_key=key,
                    status=MessageStatus.SENT
                    if channel == Channel.IN_APP
                    else MessageStatus.PENDING,
                    sent_at=timezone.now() if channel == Channel.IN_APP else None,
                )
        except IntegrityError as exc:
            duplicate_only(exc)
            continue
        created.append(msg)
    if any(m.channel == Channel.EMAIL for m in created):
        from federation.platform.outbox.tasks import outbox_deliver

        transaction.on_commit(lambda: outbox_deliver.delay())
    return created


def outbox_deliver_pending(*, limit: int = 200) -> int:
    """Send pending emails; each row is locked so two workers never send the same one."""
    sent = 0
    for _ in range(limit):
        with transaction.atomic():
            msg = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(channel=Channel.EMAIL, status=MessageStatus.PENDING)
                .order_by("id")
                .first()
            )
            if msg is None:
                break
            msg.attempts += 1
            try:
                send_mail(msg.subject, msg.body, settings.DEFAULT_FROM_EMAIL, [msg.recipient])
            except Exception as exc:  # noqa: BLE001 - any transport error is recorded
                msg.last_error = str(exc)[:2000]
                if msg.attempts >= 5:
                    msg.status = MessageStatus.FAILED
            else:
                msg.status = MessageStatus.SENT
                msg.sent_at = timezone.now()
                sent += 1
            msg.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return sent


def message_mark_read(*, union: Union, message_id: int) -> OutboxMessage:
    msg = OutboxMessage.objects.get(union=union, pk=message_id, channel=Channel.IN_APP)
    if msg.read_at is None:
        msg.read_at = timezone.now()
        msg.save(update_fields=["read_at"])
    return msg
