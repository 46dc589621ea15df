"""Union groups (工会小组) and their leaders; a group leader sees only the group's members."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.actors import Actor
from federation.platform.audit.services import audit_record
from tenants.context import union_side
from workplaces.members.audit import MemberAuditKind
from workplaces.members.models import UnionGroup
from workplaces.members.services import this_union


def _group_clean(*, name: str, leader_id: Any) -> tuple[str, Any]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("This field is required.")]
    elif len(name) > 60 or "\x00" in name:
        errors["name"] = [_("At most %(n)d characters.") % {"n": 60}]
    leader = None
    if leader_id not in (None, ""):
        user_model = get_user_model()
        try:
            leader = user_model.objects.get(pk=int(leader_id), is_active=True)
        except (TypeError, ValueError, user_model.DoesNotExist):
            errors["leader"] = [_("No such user.")]
    if errors:
        raise ValidationError(errors)
    return name, leader


def _name_taken() -> ValidationError:
    return ValidationError(
        {"name": [_("A group with this name already exists.")]}, code="duplicate"
    )


@union_side
@transaction.atomic(durable=True)
def group_create(*, name: str, leader_id: Any = None, actor: Actor) -> UnionGroup:
    name, leader = _group_clean(name=name, leader_id=leader_id)
    if UnionGroup.objects.filter(name=name).exists():
        raise _name_taken()
    group = UnionGroup.objects.create(name=name, leader=leader)
    audit_record(
        actor=actor,
        kind=MemberAuditKind.GROUP_CREATED,
        obj=group,
        after={"name": name, "leader_id": group.leader_id},
        union_slug=this_union().slug,
    )
    return group


@union_side
@transaction.atomic(durable=True)
def group_update(
    *, group: UnionGroup, name: str, leader_id: Any = None, actor: Actor
) -> UnionGroup:
    name, leader = _group_clean(name=name, leader_id=leader_id)
    if UnionGroup.objects.filter(name=name).exclude(pk=group.pk).exists():
        raise _name_taken()
    before = {"name": group.name, "leader_id": group.leader_id}
    group.name = name
    group.leader = leader
    group.save()
    audit_record(
        actor=actor,
        kind=MemberAuditKind.GROUP_UPDATED,
        obj=group,
        before=before,
        after={"name": name, "leader_id": group.leader_id},
        union_slug=this_union().slug,
    )
    return group
