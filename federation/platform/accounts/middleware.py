from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Chinese unless the user chose another language with the switch (the
    language cookie); a browser's Accept-Language does not override that. The API follows
    HTTP's Accept-Language, as API clients expect."""

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None


class RefuseNulMiddleware:
    """A NUL byte in the query string or a form value is a 400 at the door: PostgreSQL
    refuses NUL in text, and a search or a filter would otherwise end in a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from urllib.parse import parse_qsl

        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            pairs = parse_qsl(query, keep_blank_values=True, errors="replace")
            return _nul_refused(request, [k for k, v in pairs if "\x00" in k + v])
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            try:
                fields = list(request.POST.lists())
            except Exception:  # noqa: BLE001 - too many fields, a broken multipart, ...
                # the stream is spent: no view can read the body again (DRF's request.data
                # raised RawPostDataException, a 500), so the 400 is given here
                return _unreadable(request)
            bad = [k for k, values in fields if "\x00" in k or any("\x00" in v for v in values)]
            if bad:
                return _nul_refused(request, bad)
        return self.get_response(request)


def _unreadable(request):
    """400: a form body Django cannot parse (more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS,
    a malformed multipart)."""
    from django.http import HttpResponseBadRequest, JsonResponse
    from django.utils.translation import gettext as _

    message = _("The form data of the request cannot be read (malformed, or too many fields).")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "unreadable_body"}, status=400)
    return HttpResponseBadRequest(message)


def _nul_refused(request, fields):
    """400 naming the parameters that carry the NUL (API: ``{"field": ["message"]}``)."""
    from django.http import HttpResponseBadRequest, JsonResponse

    message = "NUL characters are not allowed in a request."
    if request.path.startswith("/api/"):
        named = [f for f in fields if f and "\x00" not in f]
        if named:
            return JsonResponse({f: [message] for f in named}, status=400)
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message)


class DomainErrorPageMiddleware:
    """A business refusal (``DomainError``: a rule with no value in force on the typed date,
    a conflict, ...) that a page's view did not catch is a page with its message and its
    status (400, 403, 404, 409), not a server error. The API maps the same errors once in its
    exception handler (``federation.platform.api``); this is the pages' one place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from federation.platform.errors import DomainError

        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return render(
            request, "refused.html", {"message": exception.detail}, status=exception.status
        )
