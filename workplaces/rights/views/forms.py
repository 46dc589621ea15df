"""The forms of the rights pages (typed parsing only; the services decide)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workplaces.congress.models import Motion
from workplaces.rights.models import MediationOutcome, NominationStatus, ProtectionKind
from workplaces.rights.selectors import congress_motions
from workplaces.rights.views.common import area, date_field


class ContractForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"))
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    employer = forms.CharField(label=_("employer"), max_length=200, required=False)
    workers_covered = forms.IntegerField(
        label=_("workers covered"), min_value=0, max_value=1_000_000, required=False
    )
    signed_on = date_field(_("signed on"), required=False)
    starts_on = date_field(_("starts on"), required=False)
    ends_on = date_field(_("ends on"), required=False)
    filed_on = date_field(_("filed on"), required=False)

    def __init__(self, *args, kinds: dict[str, str], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = list(kinds.items())


class RoundForm(forms.Form):
    held_on = date_field(_("held on"))
    employee_side = forms.CharField(label=_("for the employees (one name a line)"), widget=area(3))
    employer_side = forms.CharField(label=_("for the employer (one name a line)"), widget=area(3))
    summary = forms.CharField(
        label=pgettext_lazy("bargaining", "summary"),
        required=False,
        max_length=5000,
        widget=area(3),
    )


class SignForm(forms.Form):
    signed_on = date_field(_("signed on"))
    starts_on = date_field(_("starts on"))
    ends_on = date_field(_("ends on"))


class FileForm(forms.Form):
    filed_on = date_field(_("filed on"))


class ObjectionForm(forms.Form):
    objected_on = date_field(_("objection received on"))
    objection = forms.CharField(label=_("objection"), max_length=1000)


class CongressForm(forms.Form):
    congress_voted_on = date_field(_("put to the congress on"))
    congress_yes = forms.IntegerField(label=_("votes for"), min_value=0, max_value=100_000)
    congress_total = forms.IntegerField(label=_("delegates"), min_value=1, max_value=100_000)


class MotionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Motion) -> str:
        return f"{obj.session.held_on:%Y-%m-%d} {obj.session.title} · {obj.title}"


class CongressMotionForm(forms.Form):
    """The draft's vote as a motion of the union's congress sessions (congress module)."""

    congress_motion = MotionChoice(
        label=_("motion of the congress session"), queryset=Motion.objects.none()
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        cast(MotionChoice, self.fields["congress_motion"]).queryset = congress_motions()


class TextForm(forms.Form):
    file = forms.FileField(label=_("signed text (PDF, PNG or JPEG)"))


class MediationForm(forms.Form):
    received_on = date_field(_("received on"))
    applicant = forms.CharField(label=_("applicant"), max_length=100)
    respondent = forms.CharField(label=_("respondent"), max_length=200)
    matter = forms.CharField(label=_("matter"), max_length=5000, widget=area(3))


class MediationCloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=MediationOutcome.choices)
    closed_on = date_field(_("closed on"))
    note = forms.CharField(label=_("note"), required=False, max_length=5000)


class CommitteeForm(forms.Form):
    since = date_field(_("since"))
    lines = forms.CharField(
        label=_("members: one a line, “name, employees|employer, position, chair”"),
        widget=area(6),
        max_length=5000,
    )


class LegalAidForm(forms.Form):
    requester = forms.CharField(label=_("requester"), max_length=50)
    matter = forms.CharField(label=_("matter"), max_length=5000, widget=area(3))
    received_on = date_field(_("received on"))


class ReferForm(forms.Form):
    referred_to = forms.CharField(label=_("referred to"), max_length=200)
    referred_on = date_field(_("referred on"))


class LegalAidCloseForm(forms.Form):
    outcome = forms.CharField(label=_("outcome"), max_length=5000)
    closed_on = date_field(_("closed on"))


class ProtectionForm(forms.Form):
    member_no = forms.CharField(label=_("member number"), max_length=20)
    kind = forms.ChoiceField(label=_("kind"), choices=ProtectionKind.choices)
    pregnancy_started_on = date_field(_("pregnancy started on"), required=False)
    expected_on = date_field(_("expected delivery"), required=False)
    delivered_on = date_field(_("delivered on"), required=False)
    babies = forms.IntegerField(label=_("babies"), min_value=1, max_value=9, initial=1)
    difficult_birth = forms.BooleanField(label=_("difficult birth"), required=False)
    miscarried_on = date_field(_("miscarriage on"), required=False)
    started_on = date_field(_("from"), required=False)
    ended_on = date_field(_("until"), required=False)
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class HealthCheckForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    held_on = date_field(_("held on"))
    provider = forms.CharField(label=_("provider"), max_length=200, required=False)
    member_nos = forms.CharField(
        label=_("participants' member numbers (one a line)"),
        widget=area(4),
        max_length=20000,
    )


class NominationForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    member_no = forms.CharField(label=_("member number"), max_length=20)
    level = forms.CharField(label=_("level"), max_length=50, required=False)
    deeds = forms.CharField(label=_("deeds"), max_length=5000, widget=area(3))


class NominationDecideForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=NominationStatus.choices)
