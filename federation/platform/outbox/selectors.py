from django.db.models import QuerySet

from federation.platform.outbox.models import Channel, OutboxMessage
from tenants.models import Union


def notices_for_union(*, union: Union) -> QuerySet[OutboxMessage]:
    """The in-app notices of one union (union-side pages read only their own)."""
    return OutboxMessage.objects.filter(union=union, channel=Channel.IN_APP)
