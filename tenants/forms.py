from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import UnionKind


class UnionCreateForm(forms.Form):
    name = forms.CharField(label=_("Union name"), max_length=200)
    slug = forms.CharField(
        label=pgettext_lazy("web address", "Address"),
        max_length=40,
        help_text=_(
            "Lowercase letters, digits and '-'; the union is served at <address>.%(domain)s"
        ),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=UnionKind.choices)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    employee_count = forms.IntegerField(label=_("Employees"), min_value=0, max_value=10_000_000)
    admin_name = forms.CharField(label=_("Chair's name"), max_length=150, required=False)
    admin_username = forms.CharField(label=_("Chair's login"), max_length=150)
    admin_password = forms.CharField(
        label=_("Chair's initial password"), widget=forms.PasswordInput(render_value=True)
    )

    def __init__(self, *args, base_domain: str = "localhost", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].help_text = self.fields["slug"].help_text % {"domain": base_domain}

    def add_service_errors(self, errors: dict) -> None:
        mapping = {"admin.username": "admin_username", "admin.password": "admin_password"}
        for key, messages in errors.items():
            field = mapping.get(key, key)
            if field not in self.fields:
                field = None
            for message in messages:
                self.add_error(field, message)


class UnionEditForm(forms.Form):
    """The federation corrects a union's registration data; every change is audited and an
    employee-count change also goes to that count's history."""

    name = forms.CharField(label=_("Union name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnionKind.choices)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    employee_count = forms.IntegerField(label=_("Employees"), min_value=0, max_value=10_000_000)

    def add_service_errors(self, errors: dict) -> None:
        for key, messages in errors.items():
            for message in messages:
                self.add_error(key if key in self.fields else None, message)
