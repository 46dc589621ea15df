"""Federation pages: the union list and the registration form."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import FEDERATION_STAFF
from tenants import selectors, services
from tenants.forms import UnionCreateForm, UnionEditForm
from tenants.models import UnionKind, UnionStatus


def _port_suffix(request) -> str:
    host = request.get_host()
    return ":" + host.rsplit(":", 1)[1] if ":" in host else ""


class FederationPageMixin(LoginRequiredMixin):
    read_roles = FEDERATION_STAFF

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_role(request.user, *self.read_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UnionListView(FederationPageMixin, View):
    def get(self, request):
        kind = request.GET.get("kind", "")
        state = request.GET.get("status", "")
        search = request.GET.get("search", "")[:100].replace("\x00", "")
        unions = selectors.union_list(
            kind=kind if kind in UnionKind.values else "",
            status=state if state in UnionStatus.values else "",
            search=search,
        )
        form = UnionCreateForm(base_domain=settings.BASE_DOMAIN)
        return render(
            request,
            "tenants/union_list.html",
            {
                "unions": unions,
                "form": form,
                "kinds": UnionKind.choices,
                "statuses": UnionStatus.choices,
                "filters": {"kind": kind, "status": state, "search": search},
                "port": _port_suffix(request),
                "can_create": has_role(request.user),
            },
        )


class UnionCreateView(FederationPageMixin, View):
    def get(self, request):
        """Reloading the page a failed registration was shown on: back to the list and its
        form (never a blank 405)."""
        return redirect(reverse("unions:list") + "#create-union")

    def post(self, request):
        if not has_role(request.user):
            raise PermissionDenied
        form = UnionCreateForm(request.POST, base_domain=settings.BASE_DOMAIN)
        if form.is_valid():
            d = form.cleaned_data
            try:
                union = services.union_create(
                    slug=d["slug"],
                    name=d["name"],
                    kind=d["kind"],
                    credit_code=d["credit_code"],
                    employee_count=d["employee_count"],
                    admin_username=d["admin_username"],
                    admin_password=d["admin_password"],
                    admin_name=d["admin_name"],
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            else:
                messages.success(
                    request,
                    _("Union %(name)s is ready at %(url)s")
                    % {
                        "name": union.name,
                        "url": f"http://{union.slug}.{settings.BASE_DOMAIN}{_port_suffix(request)}/",
                    },
                )
                return redirect("unions:detail", slug=union.slug)
        unions = selectors.union_list()
        return render(
            request,
            "tenants/union_list.html",
            {
                "unions": unions,
                "form": form,
                "kinds": UnionKind.choices,
                "statuses": UnionStatus.choices,
                "filters": {},
                "port": _port_suffix(request),
                "can_create": True,
                "show_form": True,
            },
            status=400,
        )


class UnionDetailView(FederationPageMixin, View):
    def _render(self, request, union, form=None, status=200):
        from federation.platform.audit.models import AuditEvent
        from tenants.models import EmployeeCountChange

        if form is None:
            form = UnionEditForm(
                initial={
                    "name": union.name,
                    "kind": union.kind,
                    "credit_code": union.credit_code,
                    "employee_count": union.employee_count,
                }
            )
        return render(
            request,
            "tenants/union_detail.html",
            {
                "union": union,
                "health": union.health.all()[:14],
                "url": f"http://{union.slug}.{settings.BASE_DOMAIN}{_port_suffix(request)}/",
                "can_manage": has_role(request.user),
                "form": form,
                "counts": EmployeeCountChange.objects.filter(union=union)[:20],
                "history": AuditEvent.objects.filter(
                    object_type="tenants.union", object_id=str(union.pk)
                )[:20],
            },
            status=status,
        )

    def get(self, request, slug):
        return self._render(request, get_object_or_404(selectors.union_list(), slug=slug))

    def post(self, request, slug):
        if not has_role(request.user):
            raise PermissionDenied
        union = get_object_or_404(selectors.union_list(), slug=slug)
        form = UnionEditForm(request.POST)
        if form.is_valid():
            try:
                services.union_update(union=union, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            else:
                messages.success(request, _("The registration data was saved."))
                return redirect("unions:detail", slug=union.slug)
        return self._render(request, union, form, status=400)


class UnionDeactivateView(FederationPageMixin, View):
    def post(self, request, slug):
        if not has_role(request.user):
            raise PermissionDenied
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        members = request.POST.get("members", "retain")
        try:
            services.union_deactivate(
                union=union,
                actor=request.user,
                members="release" if members == "release" else "retain",
                reason=request.POST.get("reason", "")[:300],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("unions:detail", slug=union.slug)
        messages.info(request, _("Union %(name)s was deactivated.") % {"name": union.name})
        return redirect("unions:detail", slug=union.slug)


class UnionReactivateView(FederationPageMixin, View):
    def post(self, request, slug):
        if not has_role(request.user):
            raise PermissionDenied
        union = get_object_or_404(selectors.unions_all(), slug=slug)
        from federation.platform.errors import DomainError

        try:
            result = services.union_reactivate(
                union=union, actor=request.user, reason=request.POST.get("reason", "")[:300]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return redirect("unions:detail", slug=union.slug)
        messages.info(
            request,
            _("Union %(name)s serves again; %(n)d index rows given back, %(c)d admitted elsewhere.")
            % {"name": union.name, "n": result["reclaimed"], "c": result["clashes"]},
        )
        return redirect("unions:detail", slug=union.slug)
