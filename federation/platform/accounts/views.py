"""Login and logout pages, the same on the federation host and every union host."""

from typing import Any

from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from federation.platform.accounts import tokens
from federation.platform.accounts.throttle import authenticate_throttled

__all__ = ["LoginView", "LogoutView", "ThrottledAdminAuthenticationForm"]


class ThrottledLoginMixin:
    """``AuthenticationForm.clean`` through the one throttled way in (accounts/throttle)."""

    cleaned_data: dict
    request: Any
    user_cache: Any

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate_throttled(
                self.request, username=username, password=password
            )
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(
                    _("Too many failed logins. Try again later."), code="throttled"
                )
            if self.user_cache is None:
                raise self.get_invalid_login_error()  # type: ignore[attr-defined]
            self.confirm_login_allowed(self.user_cache)  # type: ignore[attr-defined]
        return self.cleaned_data


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


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
        if request.user.is_authenticated:
            # logging out of the pages ends the account's API tokens too
            tokens.tokens_revoke(user=request.user, reason=tokens.RevokeReason.LOGOUT)
        messages.info(request, _("You have logged out."))
        return super().post(request, *args, **kwargs)
