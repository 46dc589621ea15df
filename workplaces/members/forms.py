from django import forms
from django.utils.translation import gettext_lazy as _

from federation.platform import form_fields
from workplaces.members.choices import (
    ETHNICITY_CHOICES,
    Education,
    HouseholdType,
    ModelWorkerLevel,
    PoliticalStatus,
    SkillLevel,
)
from workplaces.members.models import Employment, Gender, UnionGroup


class ServiceErrorsForm(forms.Form):
    """A form that shows a service's field errors on its own fields."""

    def add_service_errors(self, errors: dict) -> None:
        for field, messages in errors.items():
            self.add_error(field if field in self.fields else None, messages)


class RealNameFields(forms.Form):
    """The national real-name collection's fields (all optional), asked by the member form
    and the application form alike."""

    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"), choices=[("", "—"), *ETHNICITY_CHOICES], required=False
    )
    political_status = forms.ChoiceField(
        label=_("Political status"), choices=[("", "—"), *PoliticalStatus.choices], required=False
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Education.choices], required=False
    )
    household_type = forms.ChoiceField(
        label=_("Household registration"),
        choices=[("", "—"), *HouseholdType.choices],
        required=False,
    )
    household_place = forms.CharField(
        label=_("Household registration place"), max_length=100, required=False
    )
    position = forms.CharField(label=_("Post or position"), max_length=60, required=False)
    skill_level = forms.ChoiceField(
        label=_("Skill grade"), choices=[("", "—"), *SkillLevel.choices], required=False
    )
    model_worker = forms.BooleanField(label=_("Model worker"), required=False)
    model_worker_level = forms.ChoiceField(
        label=_("Model worker level"),
        choices=[("", "—"), *ModelWorkerLevel.choices],
        required=False,
    )
    card_no = forms.CharField(label=_("Member card number"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    retirement_date = form_fields.DateField(
        label=_("Retirement date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class MemberForm(ServiceErrorsForm, RealNameFields):
    """Typed parsing only; the rules live in services.member_create / member_update."""

    field_order = (
        "name",
        "id_number",
        "gender",
        "phone",
        "employment",
        "group",
        "monthly_wage",
        "joined_on",
    )

    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=18)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("From the ID number")), *Gender.choices], required=False
    )
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    employment = forms.ChoiceField(label=_("Employment"), choices=Employment.choices)
    group = forms.ModelChoiceField(
        label=_("Union group"), queryset=UnionGroup.objects.all(), required=False
    )
    monthly_wage = forms.DecimalField(
        label=_("Monthly wage (yuan)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=1_000_000,
        required=False,
    )
    joined_on = form_fields.DateField(
        label=_("Joined on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            from django.contrib.auth import get_user_model

            self.fields["id_number"].disabled = True
            self.fields["id_number"].required = False
            self.fields["user"] = forms.ModelChoiceField(
                label=_("Login of the member (to read their own record)"),
                queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
                required=False,
            )


class LeaveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Departure"),
        choices=[
            ("retained", _("Retained membership (retired)")),
            ("withdrawn", _("Withdrawn")),
            ("expelled", _("Expelled")),
            ("deceased", _("Deceased")),
        ],
    )
    on = form_fields.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferForm(forms.Form):
    to_union = forms.ChoiceField(label=_("To union"))
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, unions=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to_union"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(u.slug, u.name) for u in unions]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=60)
    leader = forms.ChoiceField(label=_("Leader"), required=False)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["leader"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—")] + [(u.pk, u.get_full_name() or u.username) for u in users]


class ApplicationForm(ServiceErrorsForm, RealNameFields):
    """What an applicant gives (the joining date is the approval's); the rules live in
    applications.application_submit."""

    field_order = ("name", "id_number", "phone", "employment", "group", "monthly_wage")
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=18)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    employment = forms.ChoiceField(label=_("Employment"), choices=Employment.choices)
    group = forms.ModelChoiceField(
        label=_("Union group"), queryset=UnionGroup.objects.all(), required=False
    )
    monthly_wage = forms.DecimalField(
        label=_("Monthly wage (yuan)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=1_000_000,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (xlsx or csv)"))
    valid_only = forms.BooleanField(label=_("Import the valid rows only"), required=False)
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)
