"""The federation's review page of one assessment: scores with comments, the decision,
reopening, and withdrawing the union's title. A refused form keeps every value typed and
marks the boxes that are wrong (issue 11 item 15)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from federation.homes import selectors, services
from federation.homes.api.inputs import ReopenInput, ReviewInput, WithdrawInput
from federation.homes.models import Assessment, Title
from federation.homes.views.common import Marks, Messages, input_errors, service_errors
from federation.homes.views.federation import HomesPage, assessment_or_404

DONE = {
    "return": gettext_noop("Returned for rectification."),
    "veto": gettext_noop("The assessment was vetoed."),
    "save": gettext_noop("The scores were saved."),
}


def _rows(a: Assessment, view: dict[str, Any], posted: dict[str, Any] | None, marks: Marks) -> None:
    """Each row shows what was typed (after a refusal) or what is stored, and its mark."""
    for row in view["rows"]:
        code = row["criterion"].code
        item = row["item"]
        typed = (posted or {}).get(code)
        row["score_value"] = (
            typed["score"] if typed else ("" if item.score is None else str(item.score))
        )
        row["comment_value"] = typed["comment"] if typed else item.comment
        row["score_error"] = marks.get(code, {}).get("score", "")
        row["comment_error"] = marks.get(code, {}).get("comment", "")


class ReviewView(HomesPage):
    def _render(
        self,
        request: HttpRequest,
        a: Assessment,
        errors: Messages | None = None,
        marks: Marks | None = None,
        status: int = 200,
    ) -> HttpResponse:
        a = assessment_or_404(a.pk)
        view = selectors.assessment_view(assessment=a)
        posted = self._posted(request, a) if errors else None
        _rows(a, view, posted, marks or {})
        context = {
            "a": a,
            "v": view,
            "errors": errors or [],
            "can_write": self.can_write(request),
            "today": timezone.localdate(),
            "title": Title.objects.filter(assessment=a).first(),
            "current_title": selectors.union_title(union=a.union),
            "union_titles": selectors.union_titles(union=a.union),
            "form_comment": request.POST.get("comment", a.review_comment)
            if errors
            else a.review_comment,
            "form_deadline": request.POST.get("deadline", "") if errors else "",
        }
        return render(request, "homes/review.html", context, status=status)

    @staticmethod
    def _posted(request: HttpRequest, a: Assessment) -> dict[str, dict[str, str]]:
        p = request.POST
        return {
            item.criterion.code: {
                "score": p.get(f"score_{item.criterion.code}", "").strip(),
                "comment": p.get(f"comment_{item.criterion.code}", ""),
            }
            for item in a.items.all()
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, assessment_or_404(pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        a = assessment_or_404(pk)
        action = request.POST.get("action", "save")
        handler = {"reopen": self._reopen, "withdraw": self._withdraw}.get(action, self._review)
        try:
            return handler(request, a, action)
        except ValidationError as exc:
            errors, marks = service_errors(exc)
            return self._render(request, a, errors, marks, status=400)

    def _reopen(self, request: HttpRequest, a: Assessment, action: str) -> HttpResponse:
        p = request.POST
        form = ReopenInput(
            data={"deadline": p.get("deadline") or None, "comment": p.get("comment", "")}
        )
        if not form.is_valid():
            return self._render(request, a, input_errors(form.errors)[0], status=400)
        services.assessment_reopen(assessment=a, **form.validated_data, actor=request.user)
        messages.success(request, _("The assessment was reopened."))
        return redirect("homes:review", pk=a.pk)

    def _withdraw(self, request: HttpRequest, a: Assessment, action: str) -> HttpResponse:
        title = selectors.union_title(union=a.union)
        if title is None:
            return self._render(
                request, a, [("", [_("The union holds no current title.")])], status=400
            )
        form = WithdrawInput(data={"reason": request.POST.get("reason", "")})
        if not form.is_valid():
            return self._render(request, a, input_errors(form.errors)[0], status=400)
        services.title_withdraw(title=title, **form.validated_data, actor=request.user)
        messages.success(request, _("The title was withdrawn."))
        return redirect("homes:review", pk=a.pk)

    def _review(self, request: HttpRequest, a: Assessment, action: str) -> HttpResponse:
        posted = self._posted(request, a)
        codes = list(posted)
        data = {
            "items": [
                {"code": c, "score": v["score"] or None, "comment": v["comment"]}
                for c, v in posted.items()
            ],
            "decision": action,
            "comment": request.POST.get("comment", ""),
            "deadline": request.POST.get("deadline") or None,
        }
        form = ReviewInput(data=data)
        if not form.is_valid():
            errors, marks = input_errors(form.errors, codes=codes)
            return self._render(request, a, errors, marks, status=400)
        services.assessment_review(assessment=a, **form.validated_data, actor=request.user)
        messages.success(request, self._done(a, action))
        return redirect("homes:review", pk=a.pk)

    @staticmethod
    def _done(a: Assessment, action: str) -> str:
        if action != "accept":
            return _(DONE.get(action, DONE["save"]))
        a.refresh_from_db()
        if a.level:
            return _("Accepted: %(level)s, score %(score)s.") % {
                "level": a.level.name,
                "score": a.score,
            }
        return _("Not passed: score %(score)s reaches no level.") % {"score": a.score}
