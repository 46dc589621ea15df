"""Union groups (工会小组) and their leaders; a group leader sees only the group's members."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record
from tenants.context import union_side
from workplaces.members.models import UnionGroup
from workplaces.members.services import this_union as _union
from workplaces.members.validation import _text


# --- groups ------------------------------------------------------------------------
def _group_clean(*, name, leader_id) -> tuple[str, object]:
    from django.contrib.auth import get_user_model

    errors: dict[str, list[str]] = {}
    name = _text(name, "name", errors, max_length=60, required=True)
    leader = None
    if leader_id not in (None, ""):
        try:
            leader = get_user_model().objects.get(pk=int(leader_id), is_active=True)
        except (TypeError, ValueError, get_user_model().DoesNotExist):
            errors["leader"] = [_("No such user.")]
    if errors:
        raise ValidationError(errors)
    return name, leader


@union_side
@transaction.atomic
def group_create(*, name: str, leader_id=None, actor) -> UnionGroup:
    name, leader = _group_clean(name=name, leader_id=leader_id)
    if UnionGroup.objects.filter(name=name).exists():
        raise ValidationError({"name": [_("A group with this name already exists.")]})
    group = UnionGroup.objects.create(name=name, leader=leader)
    audit_record(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=group,
        after={"name": name, "leader_id": group.leader_id},
        union_slug=_union().slug,
        note="group created",
    )
    return group


@union_side
@transaction.atomic
def group_update(*, group: UnionGroup, name: str, leader_id=None, actor) -> UnionGroup:
    name, leader = _group_clean(name=name, leader_id=leader_id)
    if UnionGroup.objects.filter(name=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": [_("A group with this name already exists.")]})
    before = {"name": group.name, "leader_id": group.leader_id}
    group.name = name
    group.leader = leader
    group.save()
    audit_record(
        actor=actor,
        kind=AuditKind.OTHER,
        obj=group,
        before=before,
        after={"name": name, "leader_id": group.leader_id},
        union_slug=_union().slug,
        note="group updated",
    )
    return group
