"""The union's home page: a to-do list with due dates, the federation's notices (those
whose cause is resolved set apart), the membership share, and the employee count with its
history (editable by the chair, vice chairs and the organization officer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import UNION_OFFICERS
from federation.platform.form_fields import posted_pk
from tenants.context import current_union
from tenants.models import EmployeeCountChange
from tenants.services import employee_count_set
from workplaces.home import selectors
from workplaces.home.api import PROFILE_EDITORS, UnionProfileInput
from workplaces.home.services import notice_mark_read
from workplaces.organization.selectors import home_governance

LABELS = {
    "employee_count": gettext_lazy("Employees"),
    "as_of": gettext_lazy("As of"),
    "note": gettext_lazy("Note"),
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    union = current_union()
    assert union is not None
    officer = has_role(request.user, *UNION_OFFICERS)
    editor = has_role(request.user, *PROFILE_EDITORS)
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "read" and officer:
            notice_mark_read(user=request.user, message_id=posted_pk(request.POST, "id"))
            return redirect("home")
        if not editor:
            raise PermissionDenied
        data = UnionProfileInput(data=request.POST)
        if data.is_valid():
            try:
                employee_count_set(
                    union=union,
                    side="union",
                    actor=request.user,
                    **{
                        "count": data.validated_data["employee_count"],
                        "as_of": data.validated_data["as_of"],
                        "note": data.validated_data["note"],
                    },
                )
            except ValidationError as exc:
                errors, status = exc.message_dict, 400
            else:
                messages.success(request, _("The employee count was updated."))
                return redirect("home")
        else:
            errors = {k: [str(m) for m in v] for k, v in data.errors.items()}
            status = 400
    union.refresh_from_db()
    return render(
        request,
        "home/home.html",
        {
            "union": union,
            "todo": selectors.union_todo(union=union) if officer else [],
            "notices": selectors.union_notices(union=union, user=request.user) if officer else [],
            "governance": home_governance() if officer else None,
            "membership": selectors.union_membership(union=union),
            "counts": EmployeeCountChange.objects.filter(union=union)[:10],
            "can_edit": editor,
            "officer": officer,
            "errors": errors,
            "error_labels": LABELS,
            "form": request.POST if errors else {},
        },
        status=status,
    )
