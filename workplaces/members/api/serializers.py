"""Input and output serializers of the member API. Inputs carry real types (choices,
dates, bounded decimals); services receive Python values."""

from decimal import Decimal
from types import SimpleNamespace
from typing import Any, cast

from django.utils import timezone
from rest_framework import serializers

from federation.platform import api_fields
from tenants.models import MemberTransfer
from workplaces.members import selectors, transfers
from workplaces.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    HouseholdType,
    ModelWorkerLevel,
    PoliticalStatus,
    SkillLevel,
)
from workplaces.members.masking import id_number_mask, phone_mask
from workplaces.members.models import (
    Employment,
    Member,
    MemberDuesRule,
    MembershipApplication,
    UnionGroup,
)
from workplaces.members.profile import PROFILE_FIELDS

LEAVE_CHOICES = ["retired", "retained", "withdrawn", "expelled", "deceased"]
MAX_WAGE = 1_000_000


# --- output ---------------------------------------------------------------------
class EventSerializer(serializers.Serializer):
    status = serializers.CharField()
    on = api_fields.DateField()
    reason = serializers.CharField()
    union_name = serializers.CharField()
    actor_name = serializers.CharField()
    carried = serializers.BooleanField()


OUTPUT_FIELDS = [
    "id",
    "member_no",
    "name",
    "gender",
    "id_number",
    "birth_date",
    "phone",
    "employment",
    "group",
    "group_name",
    "monthly_wage",
    "dues_monthly",
    "joined_on",
    "status",
    "status_on",
    "user",
    "created_at",
    "updated_at",
    *PROFILE_FIELDS,
    "is_migrant",
    "identity_masked",
]


class MemberOutputSerializer(serializers.ModelSerializer):
    """A member; ``id_number`` and ``phone`` masked unless the context says ``reveal``
    (``identity_masked`` tells which)."""

    group_name = serializers.SerializerMethodField()
    dues_monthly = serializers.SerializerMethodField()
    identity_masked = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = OUTPUT_FIELDS

    def get_group_name(self, obj: Member) -> str:
        return obj.group.name if obj.group_id and obj.group else ""

    def get_dues_monthly(self, obj: Member) -> str:
        value = getattr(obj, "dues_monthly", None)
        if value is None:
            value = selectors.member_dues(member=obj)
        return f"{value:.2f}"

    def get_identity_masked(self, obj: Member) -> bool:
        return not self.context.get("reveal", False)

    def to_representation(self, instance: Member) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["monthly_wage"] = f"{instance.monthly_wage:.2f}"
        if not self.context.get("reveal", False):
            data["id_number"] = id_number_mask(instance.id_number)
            data["phone"] = phone_mask(instance.phone)
        return data


def _iso_datetime(value: Any, tz: Any = None) -> str | None:
    """A datetime as DRF's ``DateTimeField`` renders it (ISO 8601 in the current time zone,
    ``Z`` for UTC), without building a field per call (the list's hot path). ``tz`` is the
    current time zone when the caller read it once for many rows (each read goes through
    asgiref's context-local lookup)."""
    if value is None:
        return None
    text = (timezone.localtime(value) if tz is None else value.astimezone(tz)).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _dues(m: Member, rule: MemberDuesRule | None = None) -> Decimal:
    value = getattr(m, "dues_monthly", None)
    return selectors.member_dues(member=m, rule=rule) if value is None else value


def member_row(
    m: Member, *, rule: MemberDuesRule | None = None, reveal: bool = False, tz: Any = None
) -> dict[str, Any]:
    """One member as MemberOutputSerializer renders it (kept equal by a test); ``tz`` as
    for ``_iso_datetime``."""
    return {
        "id": m.pk,
        "member_no": m.member_no,
        "name": m.name,
        "gender": m.gender,
        "id_number": m.id_number if reveal else id_number_mask(m.id_number),
        "birth_date": m.birth_date.isoformat(),
        "phone": m.phone if reveal else phone_mask(m.phone),
        "employment": m.employment,
        "group": m.group_id,
        "group_name": m.group.name if m.group_id and m.group else "",
        "monthly_wage": f"{m.monthly_wage:.2f}",
        "dues_monthly": f"{_dues(m, rule):.2f}",
        "joined_on": m.joined_on.isoformat(),
        "status": m.status,
        "status_on": m.status_on.isoformat() if m.status_on else None,
        "user": m.user_id,
        "created_at": _iso_datetime(m.created_at, tz),
        "updated_at": _iso_datetime(m.updated_at, tz),
        **{k: getattr(m, k) for k in PROFILE_FIELDS if k != "retirement_date"},
        "retirement_date": m.retirement_date.isoformat() if m.retirement_date else None,
        "is_migrant": m.is_migrant,
        "identity_masked": not reveal,
    }


# the columns a list row is read from: values, not model instances (a list page is the hot
# path: building 50 Member and UnionGroup instances cost more than shaping the rows)
LIST_VALUES = (*[f.attname for f in Member._meta.concrete_fields], "group__name")


def member_row_of_values(
    v: dict[str, Any], *, rule: MemberDuesRule | None = None, reveal: bool = False, tz: Any = None
) -> dict[str, Any]:
    """``member_row`` of a row read with ``.values(*LIST_VALUES)`` (kept equal by a test)."""
    group = SimpleNamespace(name=v["group__name"]) if v["group_id"] else None
    listed = SimpleNamespace(**v, pk=v["id"], group=group)
    return member_row(cast(Member, listed), rule=rule, reveal=reveal, tz=tz)


class MemberDetailSerializer(MemberOutputSerializer):
    history = serializers.SerializerMethodField()

    class Meta(MemberOutputSerializer.Meta):
        fields = [*OUTPUT_FIELDS, "history"]

    def get_history(self, obj: Member) -> list[dict[str, Any]]:
        return list(EventSerializer(selectors.member_timeline(member=obj), many=True).data)


class TransferOutputSerializer(serializers.ModelSerializer):
    direction = serializers.SerializerMethodField()
    from_union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    to_union: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    from_union_name = serializers.CharField(source="from_union.name", read_only=True)
    to_union_name = serializers.CharField(source="to_union.name", read_only=True)
    member = serializers.SerializerMethodField()

    class Meta:
        model = MemberTransfer
        fields = [
            "id",
            "direction",
            "status",
            "from_union",
            "from_union_name",
            "to_union",
            "to_union_name",
            "member_label",
            "member",
            "reason",
            "created_at",
            "created_by",
            "decided_at",
            "decided_by",
            "decision_note",
        ]

    def get_direction(self, obj: MemberTransfer) -> str:
        union = self.context.get("union")
        if union is None:
            return ""
        return "outgoing" if obj.from_union_id == union.pk else "incoming"

    def get_member(self, obj: MemberTransfer) -> dict[str, Any] | None:
        """The particulars, for the two unions involved (never on the federation host)."""
        if self.context.get("union") is None:
            return None
        d = transfers.transfer_details(obj)
        keys = ("name", "gender", "birth_date", "employment", "joined_on", "source_member_no")
        return {k: d.get(k) for k in keys} if d else None


class GroupSerializer(serializers.ModelSerializer):
    leader = serializers.IntegerField(source="leader_id", allow_null=True, required=False)
    leader_name = serializers.SerializerMethodField()
    active_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = UnionGroup
        fields = ["id", "name", "leader", "leader_name", "active_count"]

    def get_leader_name(self, obj: UnionGroup) -> str:
        leader = obj.leader
        return (leader.get_full_name() or leader.get_username()) if leader else ""


class ApplicationSerializer(serializers.ModelSerializer):
    """An application; ``id_number`` and ``phone`` masked unless the context says
    ``reveal`` (as for the member it becomes)."""

    def to_representation(self, instance: MembershipApplication) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.context.get("reveal", False):
            data["id_number"] = id_number_mask(instance.id_number)
            data["phone"] = phone_mask(instance.phone)
        return data

    class Meta:
        model = MembershipApplication
        fields = [
            "id",
            "name",
            "gender",
            "id_number",
            "phone",
            "employment",
            "group",
            "monthly_wage",
            *PROFILE_FIELDS,
            "note",
            "status",
            "submitted_at",
            "submitted_by",
            "decided_on",
            "decided_by",
            "decision_reason",
            "member",
        ]


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    total = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField())  # type: ignore[assignment]


# --- input ----------------------------------------------------------------------
def _wage(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal(0), max_value=Decimal(MAX_WAGE), **kwargs
    )


def _blank_choice(choices: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False, allow_blank=True)


def _text(limit: int) -> serializers.CharField:
    return serializers.CharField(max_length=limit, required=False, allow_blank=True)


class ProfileInputMixin(serializers.Serializer):
    """The national real-name collection's fields (all optional; codes as in the output)."""

    ethnicity = _blank_choice(ETHNICITY_CHOICES)
    political_status = _blank_choice(PoliticalStatus.choices)
    education = _blank_choice(Education.choices)
    household_type = _blank_choice(HouseholdType.choices)
    household_place = _text(100)
    position = _text(60)
    skill_level = _blank_choice(SkillLevel.choices)
    model_worker = serializers.BooleanField(required=False)
    model_worker_level = _blank_choice(ModelWorkerLevel.choices)
    card_no = _text(30)
    address = _text(200)
    retirement_date = api_fields.DateField(required=False, allow_null=True)


class MemberInputSerializer(ProfileInputMixin):
    name = serializers.CharField(max_length=50)
    # M/F or 男/女; the service checks it against the ID number
    gender = serializers.CharField(max_length=2, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=18)
    birth_date = api_fields.DateField(required=False, allow_null=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    joined_on = api_fields.DateField()
    employment = serializers.ChoiceField(choices=Employment.choices, required=False)
    group = serializers.CharField(max_length=60, required=False, allow_blank=True, allow_null=True)
    monthly_wage = _wage(required=False)


class MemberUpdateSerializer(MemberInputSerializer):
    user = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**62,
        help_text="the member's own login (null unlinks)",
    )
    name = serializers.CharField(max_length=50, required=False)
    id_number = serializers.CharField(max_length=18, required=False)
    joined_on = api_fields.DateField(required=False)


class LeaveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LEAVE_CHOICES)
    reason = serializers.CharField(max_length=500)
    on = api_fields.DateField(required=False)


class TransferStartSerializer(serializers.Serializer):
    to_union = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DuesRuleInputSerializer(serializers.Serializer):
    effective_from = api_fields.DateField()
    rate = serializers.DecimalField(
        max_digits=6, decimal_places=4, min_value=Decimal(0), max_value=Decimal("0.1")
    )
    floor_unit = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        default=Decimal("10.00"),
    )


class GroupInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    leader = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)


class ApplicationInputSerializer(ProfileInputMixin):
    name = serializers.CharField(max_length=50)
    # M/F or 男/女; the service checks it against the ID number
    gender = serializers.CharField(max_length=2, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=18)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    employment = serializers.ChoiceField(choices=Employment.choices, required=False)
    group = serializers.CharField(max_length=60, required=False, allow_blank=True, allow_null=True)
    monthly_wage = _wage(required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ApproveSerializer(serializers.Serializer):
    on = api_fields.DateField(required=False)
