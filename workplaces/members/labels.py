"""Values as a reader should see them in the member's change log: a choice's label, a
group's name, a login's username, 是/否, "—" for nothing (issue 11, item 12: never
``性别: M / 状态: active / 登录账号: None / 工会小组: 1``)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from workplaces.members.models import Member, MemberStatus, UnionGroup

EMPTY = "—"


def _choice_label(name: str, value: Any) -> str | None:
    if name == "status":
        return str(MemberStatus(value).label) if value in MemberStatus.values else None
    try:
        field = Member._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    choices = dict(getattr(field, "flatchoices", None) or [])
    return str(choices[value]) if value in choices else None


def _field_names(values: list[Any]) -> str:
    names = []
    for v in values:
        try:
            names.append(str(getattr(Member._meta.get_field(str(v)), "verbose_name", v)))
        except FieldDoesNotExist:
            names.append(str(v))
    return "、".join(names)


def value_label(name: str, value: Any) -> str:
    """The label of one value of the field ``name`` (an attname such as ``group_id`` too)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name in ("group_id", "group"):
        group = UnionGroup.objects.filter(pk=value).values_list("name", flat=True).first()
        return group or EMPTY
    if name in ("user_id", "user"):
        user = get_user_model().objects.filter(pk=value).first()
        return user.get_username() if user else EMPTY
    if isinstance(value, list):
        return _field_names(value)
    label = _choice_label(name.removesuffix("_id"), value)
    return label if label is not None else str(value)
