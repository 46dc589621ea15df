"""Federation pages of work news: review and adoptions, the monthly ranking, the channel
rule table, photos."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.platform.form_fields import posted_pk
from federation.reports import params, selectors, services
from federation.reports.api.news import NewsAdoptInput, NewsChannelInput, NewsReviewInput
from federation.reports.models import NewsChannel, NewsItem, NewsPhoto, NewsStatus
from federation.reports.pages import FIELD_LABELS, ReportsPage, attempt, parsed
from tenants.selectors import unions_serving


class NewsReviewView(ReportsPage):
    def _render(self, request, errors=None, status=200):
        f = params.news_filters(request.GET)
        return render(
            request,
            "reports/news.html",
            {
                "items": selectors.news_list(**f)[:200],
                "filters": f,
                "statuses": NewsStatus.choices,
                "channels": selectors.news_channels_in_force(),
                "unions": unions_serving(),
                "errors": errors or {},
                "error_labels": FIELD_LABELS,
                "can_write": self.can_write(request),
                "today": timezone.localdate(),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        news = get_object_or_404(NewsItem, pk=posted_pk(request.POST, "news"))
        p = request.POST
        done: object
        if p.get("action") == "adopt":
            data = {"channel": p.get("channel", ""), "adopted_on": p.get("adopted_on") or None}
            done, errors, status = attempt(
                lambda: services.news_adopt(
                    news=news, **parsed(NewsAdoptInput, data), actor=request.user
                ),
                conflict_field="channel",
            )
            note = _("The adoption was recorded.")
        else:
            done, errors, status = attempt(
                lambda: services.news_review(
                    news=news,
                    **parsed(NewsReviewInput, {"note": p.get("note", "")}),
                    actor=request.user,
                )
            )
            note = _("The item was marked as reviewed.")
        if done is None:
            return self._render(request, errors, status=status)
        messages.success(request, note)
        return redirect(request.get_full_path())


class NewsRankingView(ReportsPage):
    def get(self, request):
        month = params.month_param(request.GET.get("month", ""), fallback=True)
        return render(
            request,
            "reports/ranking.html",
            {"ranking": selectors.news_ranking(month=month), "month": month},
        )


class NewsChannelsView(ReportsPage):
    def _render(self, request, errors=None, form=None, status=200):
        return render(
            request,
            "reports/channels.html",
            {
                "channels": NewsChannel.objects.order_by("code", "-effective_from"),
                "errors": errors or {},
                "error_labels": FIELD_LABELS,
                "form": form or {},
                "can_write": self.can_write(request),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request)

    def post(self, request):
        p = request.POST
        data = {k: p.get(k, "") for k in ("code", "name", "points", "effective_from")}
        row, errors, status = attempt(
            lambda: services.news_channel_set(**parsed(NewsChannelInput, data), actor=request.user),
            conflict_field="effective_from",
        )
        if row is None:
            return self._render(request, errors, p, status=status)
        messages.success(request, _("The rule row was added."))
        return redirect("reports:channels")


class NewsPhotoView(ReportsPage):
    def get(self, request, pk):
        photo = get_object_or_404(NewsPhoto, pk=pk)
        path = services.photo_path(photo)
        if not path.exists():
            raise Http404
        return FileResponse(open(path, "rb"), content_type=photo.content_type)  # noqa: SIM115
