from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from federation.dashboard import charts, figures, freshness, selectors
from federation.platform.db import federation_reads
from tenants.models import UnionKind, UnionStatus
from tenants.selectors import unions_all
from tenants.views import FederationPageMixin
from workplaces.organization.models import TermStatus
from workplaces.organization.selectors import union_governance


class DashboardView(FederationPageMixin, View):
    """The township at a glance. The figures (every tile, table and chart) are the same
    for every federation user; they are rendered once per change of the data they come
    from and served from the cache until the next change (``freshness``): a request then
    costs the session, one version query and one cache read."""

    def get(self, request):
        with federation_reads():
            return render(
                request,
                "dashboard/home.html",
                {"as_of": timezone.now(), "figures": figures_html()},
            )


FIGURES_PREFIX = "dashboard:figures:v1:"
FIGURES_SECONDS = 24 * 3600


def figures_key() -> str:
    """The figures' cache key: the data's version (read first), the day (periods, due
    dates and re-checks are counted from today) and the language. The cache's key function
    puts the schema in front."""
    version = freshness.data_version()
    return f"{FIGURES_PREFIX}{version}:{timezone.localdate().isoformat()}:{get_language()}"


def figures_html() -> str:
    key = figures_key()
    html = cache.get(key)
    if html is None:
        html = render_to_string("dashboard/_figures.html", figures_context())
        cache.set(key, html, FIGURES_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered


def figures_context() -> dict:
    data = figures.figures_data()
    unions, dues, homes, terms = data["unions"], data["dues"], data["homes"], data["terms"]
    kind_labels = dict(UnionKind.choices)
    status_labels = dict(UnionStatus.choices)
    return {
        **data,
        "unions_by_kind": [
            (kind_labels.get(k, k), n) for k, n in sorted(unions["by_kind"].items())
        ],
        "unions_by_status": [
            (status_labels.get(k, k), n) for k, n in sorted(unions["by_status"].items())
        ],
        "terms": [(code, label, terms[code]) for code, label in TermStatus.choices],
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


class UnionProfileView(FederationPageMixin, View):
    def get(self, request, slug):
        union = get_object_or_404(unions_all(), slug=slug)
        ctx = selectors.union_profile(union=union)
        ctx["governance"] = union_governance(union=union)
        return render(request, "dashboard/union_profile.html", ctx)
