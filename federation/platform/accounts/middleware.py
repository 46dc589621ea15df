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
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            return _nul_refused(request)
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            try:
                fields = list(request.POST.lists())
            except Exception:  # noqa: BLE001 - a broken body is the view's 400 to give
                fields = []
            for key, values in fields:
                if "\x00" in key or any("\x00" in v for v in values):
                    return _nul_refused(request)
        return self.get_response(request)


def _nul_refused(request):
    from django.http import HttpResponseBadRequest, JsonResponse

    message = "NUL characters are not allowed in a request."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "nul_character"}, status=400)
    return HttpResponseBadRequest(message)
