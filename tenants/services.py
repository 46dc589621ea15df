"""Provisioning and the life of a union (tenant).

A new union is cloned from a migrated template schema (``TENANT_BASE_SCHEMA``, no data)
and its migrations are faked, which is much faster than replaying them (see make bench).
A union becomes usable only when ``ready``; it is never hard-deleted through the UI or API.
"""

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from federation.platform.accounts.roles import CHAIR
from federation.platform.accounts.services import roles_ensure, user_create
from federation.platform.actors import Actor, actor_label
from federation.platform.audit.models import AuditKind
from federation.platform.audit.services import audit_record, snapshot
from tenants.cloning import union_schema_create
from tenants.context import federation_side
from tenants.lifecycle import (  # noqa: F401 - the union's lifecycle, re-exported
    member_index_release_one,
    union_deactivate,
    union_reactivate,
)
from tenants.models import Domain, Union, UnionHealth, UnionKind, UnionStatus
from tenants.validators import validate_credit_code

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$")
RESERVED_SLUGS = frozenset(
    {
        "www",
        "api",
        "public",
        "admin",
        "static",
        "media",
        "mail",
        "smtp",
        "ftp",
        "app",
        "federation",
        "template",
        "union-template",
        "help",
        "docs",
        "status",
        "assets",
        "login",
        "auth",
        "dashboard",
        "localhost",
        "test",
        "root",
        "system",
        "support",
    }
)
UNION_FIELDS = ["slug", "name", "kind", "credit_code", "employee_count", "status", "ready"]


def schema_name_for(slug: str) -> str:
    return "u_" + slug.replace("-", "_")


def slug_validate(slug: str) -> str:
    slug = (slug or "").strip()
    if not SLUG_RE.match(slug) or "--" in slug:
        raise ValidationError(
            {
                "slug": [
                    _(
                        "Use 3 to 40 lowercase letters, digits or '-', not starting or ending with '-'."
                    )
                ]
            }
        )
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": [_("This address is reserved.")]})
    if Union.objects.filter(slug=slug).exists() or schema_exists(schema_name_for(slug)):
        raise ValidationError({"slug": [_("A union with this address already exists.")]})
    return slug


def _clean_union_fields(
    *, name: str, kind: str, credit_code: str, employee_count: Any, exclude_pk: int | None = None
) -> dict:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("This field is required.")]
    elif len(name) > 200:
        errors["name"] = [_("At most 200 characters.")]
    if kind not in UnionKind.values:
        errors["kind"] = [_("Choose one of: %s.") % ", ".join(UnionKind.values)]
    code = (credit_code or "").strip().upper()
    if code:
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
        else:
            clash = Union.objects.filter(credit_code=code)
            if exclude_pk:
                clash = clash.exclude(pk=exclude_pk)
            if clash.exists():
                errors["credit_code"] = [_("A union with this credit code already exists.")]
    try:
        count = int(employee_count)
        if isinstance(employee_count, bool) or count < 0 or count > 10_000_000:
            raise ValueError
    except (TypeError, ValueError):
        errors["employee_count"] = [_("Enter a whole number from 0 to 10,000,000.")]
        count = 0
    if errors:
        raise ValidationError(errors)
    return {"name": name, "kind": kind, "credit_code": code, "employee_count": count}


def template_schema_ensure(*, verbosity: int = 0) -> None:
    """Create the template schema if missing and bring it to the latest migrations."""
    base = settings.TENANT_BASE_SCHEMA
    with connection.cursor() as cur:
        cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{base}"')
    call_command(
        "migrate_schemas", tenant=True, schema_name=base, interactive=False, verbosity=verbosity
    )
    connection.set_schema_to_public()  # type: ignore[attr-defined]


@federation_side
def federation_tenant_ensure(*, name: str = "") -> Union:
    """The public schema's own row and domain (the federation host)."""
    union = Union.objects.filter(is_federation=True).first()
    if union is None:
        union = Union(
            schema_name="public",
            slug="public",
            name=name or _("Township federation of trade unions"),
            kind=UnionKind.OTHER,
            status=UnionStatus.ACTIVE,
            ready=True,
            is_federation=True,
        )
        union.save()
    elif name and union.name != name:
        union.name = name
        union.save(update_fields=["name", "updated_at"])
    Domain.objects.get_or_create(
        domain=settings.BASE_DOMAIN, defaults={"tenant": union, "is_primary": True}
    )
    return union


@federation_side
def union_create(
    *,
    slug: str,
    name: str,
    kind: str,
    credit_code: str = "",
    employee_count: int = 0,
    admin_username: str,
    admin_password: str,
    admin_name: str = "",
    actor: Actor = None,
) -> Union:
    """Register a union: row, domain, cloned schema, roles and its chair, all or nothing."""
    errors: dict[str, list[str]] = {}
    try:
        slug = slug_validate(slug)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        fields = _clean_union_fields(
            name=name, kind=kind, credit_code=credit_code, employee_count=employee_count
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not (admin_username or "").strip():
        errors["admin.username"] = [_("This field is required.")]
    if not admin_password:
        errors["admin.password"] = [_("This field is required.")]
    else:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(admin_password)
        except ValidationError as exc:
            errors["admin.password"] = exc.messages
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        union = Union(
            slug=slug,
            schema_name=schema_name_for(slug),
            status=UnionStatus.PREPARING,
            ready=False,
            **fields,
        )
        union.save()
        Domain.objects.create(
            domain=f"{slug}.{settings.BASE_DOMAIN}", tenant=union, is_primary=True
        )
        union_schema_create(union)
        with schema_context(union.schema_name):
            roles_ensure()
            try:
                user_create(
                    username=admin_username,
                    password=admin_password,
                    first_name=admin_name,
                    roles=[CHAIR],
                    validate=False,
                )
            except ValidationError as exc:
                raise ValidationError(
                    {f"admin.{k}": v for k, v in exc.message_dict.items()}
                ) from None
        union.status = UnionStatus.ACTIVE
        union.ready = True
        union.save(update_fields=["status", "ready", "updated_at"])
        audit_record(
            actor=actor,
            kind=AuditKind.UNION_CREATED,
            obj=union,
            after=snapshot(union, UNION_FIELDS),
            union_slug=union.slug,
        )
    return union


@federation_side
def union_update(*, union: Union, actor: Actor = None, **changes: Any) -> Union:
    allowed = {"name", "kind", "credit_code", "employee_count"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({k: [_("This field cannot be changed.")] for k in unknown})
    current = {
        "name": union.name,
        "kind": union.kind,
        "credit_code": union.credit_code,
        "employee_count": union.employee_count,
    }
    current.update(changes)
    fields = _clean_union_fields(**current, exclude_pk=union.pk)  # type: ignore[arg-type]
    with transaction.atomic():
        union = Union.objects.select_for_update().get(pk=union.pk)
        before = snapshot(union, UNION_FIELDS)
        for k, v in fields.items():
            setattr(union, k, v)
        union.save()
        if before["employee_count"] != union.employee_count:
            _employee_count_record(
                union=union,
                count=union.employee_count,
                previous=before["employee_count"],
                as_of=None,
                side="federation",
                note="",
                actor=actor,
            )
        audit_record(
            actor=actor,
            kind=AuditKind.UNION_UPDATED,
            obj=union,
            before=before,
            after=snapshot(union, UNION_FIELDS),
            union_slug=union.slug,
        )
    return union


def _employee_count_record(
    *,
    union: Union,
    count: int,
    previous: int,
    as_of: dt.date | None,
    side: str,
    note: str,
    actor: Actor,
) -> None:
    """One history row and one audit event for a change of the registered employee count
    (the caller holds the union row's lock and has saved the new count)."""
    from tenants.models import EmployeeCountChange

    change = EmployeeCountChange.objects.create(
        union=union,
        count=count,
        previous=previous,
        as_of=as_of or timezone.localdate(),
        changed_by=actor_label(actor),
        side=side,
        note=(note or "")[:300],
    )
    audit_record(
        actor=actor,
        kind=AuditKind.UNION_UPDATED,
        obj=change,
        before={"employee_count": previous},
        after={"employee_count": count, "as_of": change.as_of, "side": side},
        union_slug=union.slug,
        note="employee_count",
    )


def employee_count_set(
    *,
    union: Union,
    count: int,
    as_of: dt.date | None = None,
    note: str = "",
    side: str = "union",
    actor: Actor = None,
) -> Union:
    """Change a union's registered employee count, from either side (API.md "Union
    profile"): the count on the union row, a history row and an audit event. The same
    count again writes nothing."""
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 10_000_000:
        raise ValidationError(
            {"employee_count": [_("Enter a whole number from 0 to 10,000,000.")]}, code="invalid"
        )
    with transaction.atomic():
        union = Union.objects.select_for_update().get(pk=union.pk)
        previous = union.employee_count
        if previous == count:
            return union
        union.employee_count = count
        union.save(update_fields=["employee_count", "updated_at"])
        _employee_count_record(
            union=union,
            count=count,
            previous=previous,
            as_of=as_of,
            side=side,
            note=note,
            actor=actor,
        )
    return union


def health_snapshot_take(*, schema_name: str) -> UnionHealth:
    """Record today's health of one union's schema (idempotent per union and day)."""
    from django.db.migrations.executor import MigrationExecutor

    union = Union.objects.get(schema_name=schema_name)
    now = timezone.now()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [schema_name]
        )
        present = cur.fetchone() is not None
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s", [schema_name])
        tables = cur.fetchone()[0]
    unapplied = 0
    users = 0
    last_activity = None
    if present:
        with schema_context(schema_name):
            executor = MigrationExecutor(connection)
            unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
            from django.contrib.auth import get_user_model
            from django.db.models import Max

            User = get_user_model()
            users = User.objects.count()
            last_activity = User.objects.aggregate(m=Max("last_login"))["m"]
            from federation.platform.audit.models import AuditEvent

            last_event = AuditEvent.objects.aggregate(m=Max("at"))["m"]
            if last_event and (last_activity is None or last_event > last_activity):
                last_activity = last_event
    health, _ = UnionHealth.objects.update_or_create(
        union=union,
        taken_on=timezone.localdate(now),
        defaults={
            "taken_at": now,
            "schema_present": present,
            "migrations_applied": present and unapplied == 0,
            "unapplied_migrations": unapplied,
            "table_count": tables,
            "user_count": users,
            "last_activity": last_activity,
        },
    )
    return health
