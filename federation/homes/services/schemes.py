"""Schemes: the criteria and levels a round is scored against. A changed scheme is a new
version, so past results stay as they were scored."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from federation.homes import defaults
from federation.homes.audit_kinds import HomeAuditKind
from federation.homes.checks import AUTO_CHECKS
from federation.homes.models import Criterion, Level, Scheme
from federation.homes.services._base import ZERO
from federation.homes.services.rules import rule_default_ensure
from federation.platform.actors import SYSTEM, Actor, actor_label
from federation.platform.audit.services import audit_record
from tenants.context import federation_side

DEFAULT_DESCRIPTION = (
    "乡镇工会联合会职工之家建设验收通用标准，满分100分；标注“必备”的项目得0分即不予通过。"
)


@transaction.atomic
def scheme_default_ensure() -> Scheme:
    """The default scheme (about 20 criteria, 100 points, 合格/先进/模范); idempotent.
    Migration 0002 ships it: pages never call this (tests, the demo and the bench do)."""
    rule_default_ensure()
    scheme = Scheme.objects.filter(is_default=True).order_by("-version").first()
    if scheme is not None:
        return scheme
    scheme, _created = Scheme.objects.get_or_create(
        name=defaults.DEFAULT_SCHEME_NAME,
        version=1,
        defaults={"is_default": True, "created_by": SYSTEM, "description": DEFAULT_DESCRIPTION},
    )
    if not scheme.criteria.exists():
        Criterion.objects.bulk_create(
            Criterion(
                scheme=scheme,
                code=code,
                category=cat,
                title=title,
                guidance=guide,
                max_points=Decimal(points),
                mandatory=mandatory,
                auto_check=auto,
                order=i,
            )
            for i, (code, cat, title, guide, points, mandatory, auto) in enumerate(
                defaults.DEFAULT_CRITERIA, 1
            )
        )
    if not scheme.levels.exists():
        Level.objects.bulk_create(
            Level(
                scheme=scheme,
                name=name,
                min_score=Decimal(score),
                min_approval_rate=Decimal(rate),
                order=order,
            )
            for name, score, rate, order in defaults.DEFAULT_LEVELS
        )
    return scheme


def _criteria_errors(criteria: Sequence[dict[str, Any]]) -> list[ValidationError]:
    errors: list[ValidationError] = []
    seen: set[str] = set()
    for n, c in enumerate(criteria, 1):
        params = {"n": n, "code": c["code"]}
        if c["code"] in seen:
            errors.append(
                ValidationError(
                    _("Criterion %(n)s (%(code)s): this code is used twice."),
                    code="duplicate_code",
                    params=params,
                )
            )
        seen.add(c["code"])
        if c.get("auto_check") and c["auto_check"] not in AUTO_CHECKS:
            errors.append(
                ValidationError(
                    _("Criterion %(n)s (%(code)s): automatic check, choose one of: %(keys)s."),
                    code="unknown_auto_check",
                    params={**params, "keys": ", ".join(sorted(AUTO_CHECKS))},
                )
            )
    return errors


def _levels_errors(levels: Sequence[dict[str, Any]], total: Decimal) -> list[ValidationError]:
    errors: list[ValidationError] = []
    names: set[str] = set()
    for n, lv in enumerate(levels, 1):
        params = {"n": n, "name": lv["name"], "total": total}
        if lv["name"] in names:
            errors.append(
                ValidationError(
                    _("Level %(n)s (%(name)s): this name is used twice."),
                    code="duplicate_name",
                    params=params,
                )
            )
        names.add(lv["name"])
        if lv["min_score"] > total:
            errors.append(
                ValidationError(
                    _("Level %(n)s (%(name)s): the minimum score is above the total %(total)s."),
                    code="above_total",
                    params=params,
                )
            )
    if not errors and len({lv["min_score"] for lv in levels}) != len(levels):
        errors.append(
            ValidationError(_("Each level needs its own minimum score."), code="same_min_score")
        )
    return errors


@federation_side
@transaction.atomic(durable=True)
def scheme_create(
    *,
    name: str,
    criteria: Sequence[dict[str, Any]],
    levels: Sequence[dict[str, Any]],
    description: str = "",
    actor: Actor,
) -> Scheme:
    """A new scheme (or a new version of one with the same name). Criteria codes are unique
    in the scheme; levels have distinct names and distinct minimum scores within the
    scheme's total. The door has typed and bounded every value."""
    total = sum((c["max_points"] for c in criteria), ZERO)
    errors: dict[str, list[ValidationError]] = {}
    if criteria_errors := _criteria_errors(criteria):
        errors["criteria"] = criteria_errors
    if levels_errors := _levels_errors(levels, total):
        errors["levels"] = levels_errors
    if errors:
        raise ValidationError(errors)
    version = (
        Scheme.objects.filter(name=name)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    scheme = Scheme.objects.create(
        name=name, version=version, description=description, created_by=actor_label(actor)
    )
    fields = ("code", "category", "title", "guidance", "max_points", "mandatory", "auto_check")
    Criterion.objects.bulk_create(
        Criterion(scheme=scheme, order=i, **{f: c[f] for f in fields if f in c})
        for i, c in enumerate(criteria, 1)
    )
    ordered = sorted(levels, key=lambda lv: lv["min_score"])
    level_fields = ("name", "min_score", "min_approval_rate", "stars")
    Level.objects.bulk_create(
        Level(scheme=scheme, order=i, **{f: lv[f] for f in level_fields if f in lv})
        for i, lv in enumerate(ordered, 1)
    )
    audit_record(
        actor=actor,
        kind=HomeAuditKind.SCHEME_CREATED,
        obj=scheme,
        after={
            "name": name,
            "version": version,
            "criteria": [c["code"] for c in criteria],
            "total": str(total),
            "levels": [lv["name"] for lv in ordered],
        },
    )
    return scheme
