"""The API's answer to OPTIONS (DEFAULT_METADATA_CLASS). Its own module: DRF reads the
setting while ``rest_framework.views`` is imported, which ``federation.platform.api`` does."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import clone_request


class Metadata(SimpleMetadata):
    """DRF's answer to OPTIONS, except that a view's object is looked up (to check its
    permissions before describing PUT) only when the URL names one: a PUT that replaces a
    whole collection (the mediation committee's roster) made DRF's own assert a primary key
    in the URL, a 500 (found by schemathesis)."""

    def determine_actions(self, request: Any, view: Any) -> dict[str, Any]:
        actions: dict[str, Any] = {}
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "")
        names_object = hasattr(view, "get_object") and lookup in getattr(view, "kwargs", {})
        for method in {"PUT", "POST"} & set(view.allowed_methods):
            view.request = clone_request(request, method)
            try:
                if hasattr(view, "check_permissions"):
                    view.check_permissions(view.request)
                if method == "PUT" and names_object:
                    view.get_object()
            except (exceptions.APIException, DjangoPermissionDenied, Http404):
                pass
            else:
                actions[method] = self.get_serializer_info(view.get_serializer())
            finally:
                view.request = request
        return actions
