"""Input serializers of /api/v1/homes/: real types and bounds at the door (a score is a
decimal of at most 6 digits and 2 places, 0..1000; a rate 0..100; dates are dates), so the
services receive Python values and keep only the business rules. The pages parse their
forms with the same serializers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ParseError

from federation.homes.models import RoundKind, Scheme
from federation.homes.services import DECISIONS
from federation.platform import api_fields

MAX_POINTS = Decimal("1000")


class Text(serializers.CharField):
    """Text only (a number or a list is refused, not turned into a string)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class Points(serializers.DecimalField):
    """A score: two decimals, 0..1000; an empty string or null clears it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", MAX_POINTS)
        super().__init__(max_digits=6, decimal_places=2, **kwargs)

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data == "" and self.allow_null:
            data = None
        return super().validate_empty_values(data)  # type: ignore[no-any-return]


def _percent(**kwargs: Any) -> Points:
    return Points(max_value=Decimal("100"), **kwargs)


class CriterionInput(serializers.Serializer):
    code = Text(max_length=20, label=_("code"))
    category = Text(max_length=40, label=_("category"))
    title = Text(max_length=300, label=_("title"))
    max_points = Points(min_value=Decimal("0.01"), label=_("maximum points"))
    mandatory = serializers.BooleanField(required=False, default=False)
    guidance = Text(max_length=2000, required=False, allow_blank=True, default="")
    auto_check = Text(max_length=40, required=False, allow_blank=True, default="")


class LevelInput(serializers.Serializer):
    name = Text(max_length=40, label=_("name"))
    min_score = Points(label=_("minimum score"))
    min_approval_rate = _percent(required=False, default=Decimal("0"))
    stars = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=5)


class SchemeInput(serializers.Serializer):
    name = Text(max_length=200)
    description = Text(max_length=5000, required=False, allow_blank=True, default="")
    criteria = CriterionInput(many=True, allow_empty=False)
    levels = LevelInput(many=True, allow_empty=False, max_length=10)  # type: ignore[call-arg]


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "enum": ["all"]},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ]
    }
)
class UnionsField(serializers.Field):
    """``"all"`` or a non-empty list of union slugs."""

    default_error_messages = {"invalid": _('Send a list of union slugs or "all".')}

    def to_internal_value(self, data: Any) -> Any:
        if data == "all":
            return "all"
        if (
            isinstance(data, list)
            and data
            and len(data) <= 10000
            and all(isinstance(s, str) and 0 < len(s) <= 40 for s in data)
        ):
            return data
        self.fail("invalid")

    def to_representation(self, value: Any) -> Any:
        return value


class RoundInput(serializers.Serializer):
    scheme = serializers.PrimaryKeyRelatedField(queryset=Scheme.objects.all())
    title = Text(max_length=200, label=_("round name"))
    deadline = api_fields.DateField()
    unions = UnionsField()
    kind = serializers.ChoiceField(choices=RoundKind.choices, required=False, default="normal")


class ReviewItemInput(serializers.Serializer):
    code = Text(max_length=20)
    score = Points(required=False, allow_null=True)
    comment = Text(max_length=2000, required=False, allow_blank=True)


class ReviewInput(serializers.Serializer):
    items = ReviewItemInput(many=True, required=False, max_length=500)  # type: ignore[call-arg]
    decision = serializers.ChoiceField(choices=DECISIONS, required=False, default="save")
    comment = Text(max_length=5000, required=False, allow_blank=True, default="")
    deadline = api_fields.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="the new deadline when returning (default: today + the rule's rectification days)",
    )
    union = Text(max_length=40, required=False, help_text="when given, must be this assessment's")


class RoundReviewInput(ReviewInput):
    union = Text(max_length=40, help_text="the union's slug")


class ReopenInput(serializers.Serializer):
    deadline = api_fields.DateField(required=False, allow_null=True, default=None)
    comment = Text(max_length=2000, required=False, allow_blank=True, default="")


class WithdrawInput(serializers.Serializer):
    reason = Text(max_length=2000)


class SelfItemInput(serializers.Serializer):
    code = Text(max_length=20)
    self_score = Points(required=False, allow_null=True)
    evidence = Text(max_length=5000, required=False, allow_blank=True)


class SelfAssessmentInput(serializers.Serializer):
    items = SelfItemInput(many=True, required=False, max_length=500)  # type: ignore[call-arg]
    approval_rate = _percent(required=False, allow_null=True, help_text="percent 0..100")
    survey_note = Text(max_length=300, required=False, allow_blank=True)


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField()
    code = Text(max_length=20, required=False, allow_blank=True, default="")


class RuleInput(serializers.Serializer):
    effective_from = api_fields.DateField()
    member_share_min = serializers.DecimalField(
        max_digits=5, decimal_places=4, min_value=Decimal("0"), max_value=Decimal("1")
    )
    congress_months = serializers.IntegerField(required=False, min_value=1, max_value=120)
    recheck_months = serializers.IntegerField(required=False, min_value=1, max_value=120)
    rectification_days = serializers.IntegerField(required=False, min_value=1, max_value=366)
    reminder_days = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=366), required=False, max_length=20
    )
    recheck_reminder_days = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=366), required=False, max_length=20
    )


def parsed(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    """The validated data of a request body (a 400 with the fields otherwise)."""
    if not isinstance(data, dict):
        raise ParseError(_("Send a JSON object."))
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
