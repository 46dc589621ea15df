"""Output serializers of /api/v1/homes/ (both hosts)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from federation.homes import selectors, services
from federation.homes.models import FINAL, Assessment, Status, Title
from federation.platform import api_fields

POINTS: dict[str, Any] = {"max_digits": 6, "decimal_places": 2}


# --- output ------------------------------------------------------------------------------


class CriterionOutput(serializers.Serializer):
    code = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    guidance = serializers.CharField()
    max_points = serializers.DecimalField(**POINTS)
    mandatory = serializers.BooleanField()
    auto_check = serializers.CharField()


class LevelOutput(serializers.Serializer):
    name = serializers.CharField()
    min_score = serializers.DecimalField(**POINTS)
    min_approval_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    order = serializers.IntegerField()
    stars = serializers.IntegerField(allow_null=True)


class SchemeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    description = serializers.CharField()
    is_default = serializers.BooleanField()
    total_points = serializers.DecimalField(**POINTS)
    criteria = CriterionOutput(many=True, source="criteria.all")
    levels = LevelOutput(many=True, source="levels.all")
    created_at = api_fields.DateTimeField()


class ProgressOutput(serializers.Serializer):
    total = serializers.IntegerField()
    late = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())


class RoundOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    scheme = serializers.IntegerField(source="scheme_id")
    scheme_name = serializers.CharField(source="scheme.name")
    kind = serializers.CharField()
    deadline = api_fields.DateField()
    opened_at = api_fields.DateTimeField()
    opened_by = serializers.CharField()
    closed_at = api_fields.DateTimeField(allow_null=True)
    progress = serializers.SerializerMethodField()

    @extend_schema_field(ProgressOutput)
    def get_progress(self, obj: Any) -> Any:
        return selectors.round_progress(round=obj)


class ResultOutput(serializers.Serializer):
    id = serializers.IntegerField()
    union = serializers.CharField(source="union.slug")
    union_name = serializers.CharField(source="union.name")
    status = serializers.CharField()
    self_total = serializers.DecimalField(**POINTS)
    score = serializers.DecimalField(allow_null=True, **POINTS)
    level = serializers.CharField(source="level.name", allow_null=True, default=None)
    approval_rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    deadline = api_fields.DateField(source="effective_deadline")
    reopened = serializers.BooleanField()
    submitted_at = api_fields.DateTimeField(allow_null=True)
    reviewed_at = api_fields.DateTimeField(allow_null=True)


class RoundDetailOutput(RoundOutput):
    assessments = ResultOutput(many=True, source="assessments.all")


class CheckOutput(serializers.Serializer):
    key = serializers.CharField(required=False)
    label = serializers.CharField()  # type: ignore[assignment]
    status = serializers.CharField()
    reason = serializers.CharField()
    value = serializers.CharField()


class FileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.SerializerMethodField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = api_fields.DateTimeField()
    uploaded_by = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_code(self, obj) -> str | None:
        return obj.item.criterion.code if obj.item_id else None

    def get_url(self, obj) -> str:
        return f"/api/v1/homes/assessments/{obj.assessment_id}/evidence/{obj.pk}/"


class ItemOutput(serializers.Serializer):
    code = serializers.CharField(source="criterion.code")
    category = serializers.CharField(source="criterion.category")
    title = serializers.CharField(source="criterion.title")
    max_points = serializers.DecimalField(source="criterion.max_points", **POINTS)
    mandatory = serializers.BooleanField(source="criterion.mandatory")
    self_score = serializers.DecimalField(allow_null=True, **POINTS)
    evidence = serializers.CharField()
    score = serializers.SerializerMethodField()
    comment = serializers.SerializerMethodField()
    auto = serializers.SerializerMethodField()

    def _review_visible(self, obj) -> bool:
        return self.context.get("side") == "federation" or obj.assessment.status in (
            Status.RETURNED,
            *FINAL,
        )

    def get_score(self, obj) -> str | None:
        if not self._review_visible(obj) or obj.score is None:
            return None
        return f"{obj.score:.2f}"

    def get_comment(self, obj) -> str:
        return obj.comment if self._review_visible(obj) else ""

    @extend_schema_field(CheckOutput(allow_null=True))
    def get_auto(self, obj: Any) -> Any:
        key = obj.criterion.auto_check
        return self.context.get("auto", {}).get(key) if key else None


class EventOutput(serializers.Serializer):
    at = api_fields.DateTimeField()
    actor = serializers.CharField()
    side = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    comment = serializers.CharField()


class AssessmentOutput(ResultOutput):
    round = serializers.IntegerField(source="round_id")
    round_title = serializers.CharField(source="round.title")
    round_kind = serializers.CharField(source="round.kind")
    round_deadline = api_fields.DateField(source="round.deadline")
    survey_note = serializers.CharField()
    review_comment = serializers.SerializerMethodField()
    can_submit = serializers.SerializerMethodField()
    submit_blockers = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()
    files = FileOutput(many=True, source="files.all")
    vetoes = serializers.SerializerMethodField()
    events = EventOutput(many=True, source="events.all")
    certificate = serializers.SerializerMethodField()

    def get_review_comment(self, obj) -> str:
        return (
            obj.review_comment
            if obj.status in (Status.RETURNED, *FINAL) or self.context.get("side") == "federation"
            else ""
        )

    def get_can_submit(self, obj) -> bool:
        return not services.submit_blockers(obj)

    def get_submit_blockers(self, obj) -> dict[str, list[str]]:
        return (
            services.submit_blockers(obj)
            if obj.status in (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)
            else {}
        )

    @extend_schema_field(ItemOutput(many=True))
    def get_items(self, obj: Assessment) -> Any:
        return ItemOutput(obj.items.all(), many=True, context=self.context).data

    @extend_schema_field(CheckOutput(many=True))
    def get_vetoes(self, obj: Assessment) -> Any:
        return self.context.get("vetoes", [])

    def get_certificate(self, obj) -> str | None:
        if Title.objects.filter(assessment=obj).exists():
            return f"/api/v1/homes/assessments/{obj.pk}/certificate.pdf"
        return None


class TitleOutput(serializers.Serializer):
    id = serializers.IntegerField()
    union = serializers.CharField(source="union.slug")
    union_name = serializers.CharField(source="union.name")
    level = serializers.CharField(source="level.name")
    number = serializers.CharField()
    round = serializers.CharField(source="round.title")
    assessment = serializers.IntegerField(source="assessment_id")
    awarded_on = api_fields.DateField()
    recheck_due = api_fields.DateField()
    current = serializers.BooleanField()
    superseded_on = api_fields.DateField(allow_null=True)
    withdrawn_on = api_fields.DateField(allow_null=True)
    withdrawn_reason = serializers.CharField()


class OverviewOutput(serializers.Serializer):
    as_of = api_fields.DateField()
    unions = serializers.IntegerField()
    titled = serializers.IntegerField()
    levels = serializers.DictField(child=serializers.IntegerField())
    expiring = TitleOutput(many=True)
    returned = serializers.ListField(child=serializers.DictField())
    open_rounds = serializers.IntegerField()


class RuleOutput(serializers.Serializer):
    effective_from = api_fields.DateField()
    effective_to = api_fields.DateField(allow_null=True)
    member_share_min = serializers.DecimalField(max_digits=5, decimal_places=4)
    congress_months = serializers.IntegerField()
    recheck_months = serializers.IntegerField()
    rectification_days = serializers.IntegerField()
    reminder_days = serializers.ListField(child=serializers.IntegerField())
    recheck_reminder_days = serializers.ListField(child=serializers.IntegerField())
    created_by = serializers.CharField()


def assessment_data(a: Assessment, *, side: str) -> Any:
    """One assessment with its items, files, history and the checks fresh from the records."""
    checks = selectors.assessment_checks(assessment=a)
    ctx = {"side": side, "auto": checks["auto"], "vetoes": checks["vetoes"]}
    return AssessmentOutput(a, context=ctx).data
