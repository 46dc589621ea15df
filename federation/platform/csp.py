"""The Content-Security-Policy on what a browser renders as a page.

django-csp's middleware, on HTML, XHTML, XML and SVG answers only (SVG and XML can carry
script too). Not on PDFs: a browser shows those in its own viewer, which a document's
``object-src 'none'`` can leave blank; not on JSON, spreadsheets or images, where a policy
governs nothing and costs ~30 us an answer.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.http import HttpRequest
from django.http.response import HttpResponseBase

DOCUMENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
)


class DocumentCSPMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in DOCUMENT_TYPES:
            return response
        return super().process_response(request, response)
