"""The accounts page of each host: the top role adds officers and sets their roles."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from federation.platform.accounts import selectors, services
from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FEDERATION_ROLES, UNION_ROLES
from tenants.context import on_federation_side


def _labels() -> dict:
    return FEDERATION_ROLES if on_federation_side() else UNION_ROLES


def _require_top(request) -> None:
    if not has_role(request.user):
        raise PermissionDenied


@login_required
def users_page(request):
    _require_top(request)
    errors: dict = {}
    form = {}
    if request.method == "POST":
        form = request.POST
        try:
            services.user_register(
                actor=request.user,
                username=request.POST.get("username", ""),
                password=request.POST.get("password", ""),
                first_name=request.POST.get("first_name", ""),
                email=request.POST.get("email", ""),
                roles=request.POST.getlist("roles"),
            )
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(
                request, _("Account %(name)s created.") % {"name": request.POST["username"]}
            )
            return redirect("accounts:users")
    return render(
        request,
        "accounts/users.html",
        {
            "users": selectors.users_list(search=request.GET.get("search", "")[:100]),
            "role_labels": _labels(),
            "errors": errors,
            "form": form,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def user_update(request, pk: int):
    _require_top(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    action = request.POST.get("action", "roles")
    try:
        if action == "roles":
            services.user_change(actor=request.user, user=user, roles=request.POST.getlist("roles"))
        elif action == "deactivate":
            services.user_change(actor=request.user, user=user, is_active=False)
        elif action == "activate":
            services.user_change(actor=request.user, user=user, is_active=True)
        elif action == "password":
            services.user_change(
                actor=request.user, user=user, password=request.POST.get("password", "")
            )
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _("Account %(name)s updated.") % {"name": user.username})
    return redirect("accounts:users")
