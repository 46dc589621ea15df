"""Login and logout pages, the same on the federation host and every union host."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _

from federation.platform.accounts import services
from federation.platform.accounts.api import client_address


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self):
        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else ""
        if services.login_blocked(username=username, address=address):
            from django.core.exceptions import ValidationError

            raise ValidationError(_("Too many failed logins. Try again later."), code="throttled")
        try:
            cleaned = super().clean()
        except Exception:
            services.login_failed(username=username, address=address)
            raise
        services.login_succeeded(username=username, address=address)
        return cleaned


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(e.code == "throttled" for e in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        messages.info(request, _("You have logged out."))
        return super().post(request, *args, **kwargs)
