from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from federation.dashboard import charts, selectors
from federation.dashboard.reconcile import drift_recent
from federation.platform.db import federation_reads
from tenants.models import UnionKind, UnionStatus
from tenants.selectors import unions_all
from tenants.views import FederationPageMixin
from workplaces.congress.selectors import congress_not_held_count
from workplaces.organization.models import TermStatus
from workplaces.organization.selectors import terms_status_counts, union_governance


class DashboardView(FederationPageMixin, View):
    def get(self, request):
        with federation_reads():
            return self._render(request)

    def _render(self, request):
        unions = selectors.unions_overview()
        members = selectors.members_overview()
        dues = selectors.dues_overview()
        homes = selectors.homes_overview()
        reports = selectors.reports_overview()
        terms = terms_status_counts()
        kind_labels = dict(UnionKind.choices)
        status_labels = dict(UnionStatus.choices)
        ctx = {
            "as_of": timezone.now(),
            "unions": unions,
            "unions_by_kind": [
                (kind_labels.get(k, k), n) for k, n in sorted(unions["by_kind"].items())
            ],
            "unions_by_status": [
                (status_labels.get(k, k), n) for k, n in sorted(unions["by_status"].items())
            ],
            "members": members,
            "member_rows": selectors.members_by_union(limit=50),
            "drifts": drift_recent(limit=10),
            "dues": dues,
            "homes": homes,
            "reports": reports,
            "terms": [(code, label, terms[code]) for code, label in TermStatus.choices],
            "congress_not_held": congress_not_held_count(),
            "chart_kinds": charts.pie(
                _("Unions by kind"),
                {str(kind_labels.get(k, k)): n for k, n in unions["by_kind"].items()},
            ),
            "chart_dues": charts.bar(
                _("Union funds, last 13 periods"),
                [p["period"] for p in dues["periods"]],
                {
                    _("Due"): [float(p["amount_due"]) for p in dues["periods"]],
                    _("Collected"): [float(p["amount_paid"]) for p in dues["periods"]],
                },
            ),
            "chart_homes": charts.bar(
                _("Staff-home titles"),
                list(homes["by_level"]),
                {_("Unions"): list(homes["by_level"].values())},
            ),
        }
        return render(request, "dashboard/home.html", ctx)


class UnionProfileView(FederationPageMixin, View):
    def get(self, request, slug):
        union = get_object_or_404(unions_all(), slug=slug)
        ctx = selectors.union_profile(union=union)
        ctx["governance"] = union_governance(union=union)
        return render(request, "dashboard/union_profile.html", ctx)
