"""The federation-wide member index (一次入会、动态接转): services and selectors.

One row per person and union in ``tenants.MemberIndex``, keyed by an HMAC of the resident
ID number (``id_hash``); a partial unique index lets a person be active in one union only.
Everything that reads or writes the index goes through this module; the member register
(``workplaces.members``) calls it, the federation (deactivating a union, releasing one
person) calls it too. It runs on either side: the table is public.

Locking: claiming a row is an upsert, so it row-locks the person's index entry until the
transaction ends. Claims of several people go in ``id_hash`` order. Callers take the index
first, before any other lock (``workplaces.members.locks`` writes the whole order down).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.platform.actors import Actor
from federation.platform.audit.models import audit_kinds_register
from federation.platform.audit.services import audit_record_many
from federation.platform.errors import ConflictError, duplicate_only
from tenants.models import MemberIndex, Union

logger = logging.getLogger(__name__)

CHUNK = 5000
BIG_CHUNK = 50_000

ELSEWHERE_MESSAGE = _(
    "This person is already an active member of another union of the federation; "
    "ask that union to transfer them."
)


@audit_kinds_register
class MemberIndexAuditKind(models.TextChoices):
    RELEASED = "member_index.released", _("Membership released from the federation index")


def id_number_normalise(number: str) -> str:
    return (number or "").strip().upper()


_keyed: tuple[str, Any] | None = None


def id_hash(number: str) -> str:
    """HMAC-SHA256 of the normalised ID number, hex (``settings.ID_HASH_SECRET``)."""
    global _keyed
    secret = settings.ID_HASH_SECRET
    if _keyed is None or _keyed[0] != secret:
        # the keyed state computed once and copied: an import hashes 10,000 numbers a second
        _keyed = (secret, hmac.new(secret.encode(), digestmod=hashlib.sha256))
    mac = _keyed[1].copy()
    mac.update(id_number_normalise(number).encode())
    return mac.hexdigest()


hash_of = id_hash  # for code whose own parameter is called ``id_hash``


# --- selectors ----------------------------------------------------------------------
def member_index_active_elsewhere(*, union: Union, hashes: Iterable[str]) -> set[str]:
    """The hashes among ``hashes`` that are active in another union."""
    keys = list(dict.fromkeys(hashes))
    found: set[str] = set()
    if any("," in k for k in keys):  # not a digest: the ORM's parameters take anything
        for i in range(0, len(keys), CHUNK):
            found.update(
                MemberIndex.objects.filter(id_hash__in=keys[i : i + CHUNK], active=True)
                .exclude(union=union)
                .values_list("id_hash", flat=True)
            )
        return found
    # one text parameter split by the server: quoting 10,000 array items client-side cost
    # most of a large import's lookup (issue 16, item 3)
    table = MemberIndex._meta.db_table
    with connection.cursor() as cur:
        for i in range(0, len(keys), BIG_CHUNK):
            cur.execute(
                f'SELECT id_hash FROM "public"."{table}" '  # noqa: S608
                "WHERE active AND union_id <> %s "
                "AND id_hash = ANY(string_to_array(%s, ','))",
                [union.pk, ",".join(keys[i : i + BIG_CHUNK])],
            )
            found.update(row[0] for row in cur.fetchall())
    return found


def member_index_is_active_elsewhere(*, union: Union, digest: str) -> bool:
    return bool(member_index_active_elsewhere(union=union, hashes=[digest]))


# --- services -----------------------------------------------------------------------
def member_index_claim(
    *, union: Union, hashes: Iterable[str], message: str = "", looked_up: bool = False
) -> None:
    """Mark these people active in ``union``, in ``id_hash`` order; ConflictError when one
    is active in another union.

    The check first makes the usual case a clear message (``looked_up``: the caller has
    just made it, as the import does for its whole file); the partial unique index is what
    enforces the rule under concurrency (a concurrent claim waits for ours, then fails).
    """
    keys = sorted(set(hashes))
    if not keys:
        return
    text = message or str(ELSEWHERE_MESSAGE)
    if not looked_up and member_index_active_elsewhere(union=union, hashes=keys):
        raise ConflictError(text, code="member_elsewhere")
    table = MemberIndex._meta.db_table
    now = timezone.now()
    digests = not any("," in k for k in keys)
    try:
        with transaction.atomic(), connection.cursor() as cur:
            for i in range(0, len(keys), BIG_CHUNK if digests else CHUNK):
                part = keys[i : i + (BIG_CHUNK if digests else CHUNK)]
                source = "unnest(string_to_array(%s, ','))" if digests else "unnest(%s::varchar[])"
                cur.execute(
                    f'INSERT INTO "public"."{table}" (id_hash, union_id, active, updated_at) '  # noqa: S608
                    f"SELECT h, %s, true, %s FROM {source} AS h ORDER BY h "
                    "ON CONFLICT (id_hash, union_id) DO UPDATE "
                    "SET active = true, updated_at = EXCLUDED.updated_at",
                    [union.pk, now, ",".join(part) if digests else part],
                )
    except IntegrityError as exc:
        duplicate_only(exc)
        raise ConflictError(text, code="member_elsewhere") from None


def member_index_deactivate(*, union: Union, hashes: Iterable[str]) -> int:
    """The register no longer holds these people here (left, transferred out)."""
    keys = sorted(set(hashes))
    return MemberIndex.objects.filter(union=union, id_hash__in=keys, active=True).update(
        active=False, updated_at=timezone.now()
    )


def member_index_move(*, digest: str, from_union: Union, to_union: Union) -> None:
    """A transfer: the person's row leaves the source and is claimed by the destination
    (one person, source row first, in the caller's transaction)."""
    member_index_deactivate(union=from_union, hashes=[digest])
    member_index_claim(
        union=to_union,
        hashes=[digest],
        message=str(_("This person is active in a third union; the transfer cannot be accepted.")),
    )


def member_index_release(
    *,
    union: Union,
    id_hash: str | None = None,
    member: Any = None,
    reason: str,
    actor: Actor,
) -> int:
    """Release a person's (or, with neither ``id_hash`` nor ``member``, every) active row
    of ``union``, so another union can admit them: a deactivated union's members, or one
    person a clerk frees with a reason. Audited in the public schema, one event per row.

    ``member`` is a register row (anything with ``id_number``). Returns the rows released.
    """
    reason = (reason or "").strip()
    if not reason:
        from django.core.exceptions import ValidationError

        raise ValidationError({"reason": [_("This field is required.")]}, code="required")
    digest = id_hash
    if member is not None:
        digest = hash_of(member.id_number)
    with transaction.atomic():
        qs = MemberIndex.objects.select_for_update().filter(union=union, active=True)
        if digest is not None:
            qs = qs.filter(id_hash=digest)
        rows = list(qs.order_by("id_hash").values_list("pk", "id_hash"))
        MemberIndex.objects.filter(pk__in=[pk for pk, _h in rows]).update(
            active=False, updated_at=timezone.now()
        )
        audit_record_many(
            actor=actor,
            kind=MemberIndexAuditKind.RELEASED,
            rows=[
                {
                    "object_type": "tenants.memberindex",
                    "object_id": pk,
                    "before": {"active": True},
                    "after": {"active": False, "reason": reason[:500]},
                }
                for pk, _h in rows
            ],
            union_slug=union.slug,
        )
    return len(rows)


def member_index_reconcile(*, union: Union, holding: Iterable[str]) -> dict[str, int]:
    """Bring ``union``'s rows in line with the hashes its register holds.

    Rows of people no longer holding a membership here are deactivated; missing rows are
    added. A person active elsewhere is left alone and counted as a clash (the partial
    unique index would refuse it anyway): it needs a person to look at it.
    """
    wanted_all = set(holding)
    rows = dict(MemberIndex.objects.filter(union=union).values_list("id_hash", "active"))
    stale = [h for h, active in rows.items() if active and h not in wanted_all]
    member_index_deactivate(union=union, hashes=stale)
    wanted = [h for h in wanted_all if not rows.get(h)]
    elsewhere = member_index_active_elsewhere(union=union, hashes=wanted)
    fixed = sorted(h for h in wanted if h not in elsewhere)
    MemberIndex.objects.filter(union=union, id_hash__in=fixed).update(active=True)
    MemberIndex.objects.bulk_create(
        [MemberIndex(id_hash=h, union=union, active=True) for h in fixed if h not in rows],
        ignore_conflicts=True,
    )
    if elsewhere:
        logger.warning(
            "member index: %d people of %s are active in another union", len(elsewhere), union.slug
        )
    return {"deactivated": len(stale), "activated": len(fixed), "clashes": len(elsewhere)}
