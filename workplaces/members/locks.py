"""The one order in which writers of the member register take their locks.

Every service that admits, moves or bulk-writes members takes, in this order and never
the other way round:

1. the federation member index rows of the people concerned, in ``id_hash`` order
   (``index_claim``: an upsert, so the row stays locked until commit; a concurrent
   admission of the same person elsewhere waits, then fails on the partial unique index);
2. the union's counters (``member_numbers_take``: the member-number row);
3. register rows (members, applications, the transfer) by primary key (``rows_lock``).

Two writers that follow this order can wait for each other but never deadlock. Before
this, ``member_create`` took the index then the counter and the import the counter then
the index: concurrent admissions of one ID number deadlocked (issue 15, item 6).
"""

from collections.abc import Iterable
from typing import TypeVar

from django.db import models

from tenants.member_index import member_index_claim
from tenants.models import Union
from workplaces.members.models import Counter

M = TypeVar("M", bound=models.Model)


def index_claim(
    *, union: Union, hashes: Iterable[str], message: str = "", looked_up: bool = False
) -> None:
    """Step 1: claim (and lock) the people's index rows for ``union`` (``looked_up``: the
    caller has just checked them against the other unions)."""
    member_index_claim(union=union, hashes=hashes, message=message, looked_up=looked_up)


def member_numbers_take(*, count: int) -> list[str]:
    """Step 2: issue ``count`` member numbers (zero-padded, never reused) under the
    counter's row lock."""
    if count <= 0:
        return []
    # ignore_conflicts: two first-ever admissions at once both find the row afterwards
    Counter.objects.bulk_create([Counter(name="member_no")], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(name="member_no")
    start = counter.value + 1
    counter.value += count
    counter.save(update_fields=["value"])
    return [f"{n:06d}" for n in range(start, start + count)]


def rows_lock(qs: "models.QuerySet[M]") -> list[M]:
    """Step 3: lock register rows in primary-key order."""
    return list(qs.select_for_update().order_by("pk"))
