"""The forms of the welfare pages (typed parsing only; the services decide)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from workplaces.rights.views.common import area, date_field
from workplaces.welfare.models import AidKind, HardshipCategory, ReviewOutcome


def money(label: Any, *, minimum: str = "0") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(minimum),
        max_value=Decimal("9999999.99"),
    )


class VisitForm(forms.Form):
    member_no = forms.CharField(label=_("member number"), max_length=20)
    reason = forms.ChoiceField(label=_("reason"))
    visited_on = date_field(_("visited on"))
    amount = money(_("amount"))
    visitors = forms.CharField(label=_("visited by"), max_length=200, required=False)
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def __init__(self, *args, reasons: dict, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["reason"]).choices = [
            (k, v["label"]) for k, v in reasons.items()
        ]


class FestivalForm(forms.Form):
    festival = forms.CharField(label=_("festival"), max_length=50)
    distributed_on = date_field(_("handed out on"))
    amount_per_head = money(_("amount per head"))
    goods = forms.CharField(label=_("goods"), max_length=300, required=False)
    member_nos = forms.CharField(
        label=_("members' numbers, one a line (empty: every active member)"),
        required=False,
        max_length=100000,
        widget=area(4),
    )


class ReceiptForm(forms.Form):
    member_no = forms.CharField(label=_("member number"), max_length=20)
    signed_on = date_field(_("signed on"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("signed list (csv or xlsx: member number, date signed)"))


class HardshipForm(forms.Form):
    member_no = forms.CharField(label=_("member number"), max_length=20)
    category = forms.ChoiceField(label=_("category"), choices=HardshipCategory.choices)
    household_size = forms.IntegerField(label=_("household size"), min_value=1, max_value=30)
    household_income = money(_("household income per month"))
    reason = forms.CharField(label=_("cause"), max_length=5000, widget=area(3))
    opened_on = date_field(_("opened on"))
    spouse_id_number = forms.CharField(
        label=_("spouse's ID number (if any)"), max_length=18, required=False
    )


class AidForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AidKind.choices)
    amount = money(_("amount"), minimum="0.01")
    given_on = date_field(_("given on"))
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class ReviewForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    reviewed_on = date_field(_("reviewed on"))
    outcome = forms.ChoiceField(label=_("outcome"), choices=ReviewOutcome.choices)
    category = forms.ChoiceField(
        label=_("new category"), choices=[("", "—"), *HardshipCategory.choices], required=False
    )
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class NoticeForm(forms.Form):
    notice_from = date_field(_("public notice from"))
    notice_to = date_field(_("public notice until"))


class CloseForm(forms.Form):
    on = date_field(_("closed on"))
    reason = forms.CharField(label=_("exit reason"), max_length=500)


class OpenFileForm(forms.Form):
    union = forms.SlugField(label=_("union"), max_length=40)
    file = forms.IntegerField(label=_("file number"), min_value=1)
    reason = forms.CharField(label=_("why the file is opened"), max_length=500)
