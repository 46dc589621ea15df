"""The throttle's authentication backend (first in AUTHENTICATION_BACKENDS)."""

from axes.backends import AxesStandaloneBackend


class ThrottleBackend(AxesStandaloneBackend):
    """django-axes' lock check for every login that comes with an HTTP request (the login
    page, /admin/login/, the token API). A login without one (a shell, the test client's
    ``login()``) has no client address to count failures by and is not checked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
