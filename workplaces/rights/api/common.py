"""Shared pieces of the rights and welfare API doors."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import serializers

from tenants.context import current_union

MONEY = {"max_digits": 10, "decimal_places": 2, "coerce_to_string": True}


def union_object(model: type[models.Model], pk: Any) -> Any:
    """The object of the current union (a union host only): anything else is a 404."""
    if current_union() is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


class NameList(serializers.ListField):
    child = serializers.CharField(max_length=50)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)


def body_size_check(request: Any, *, limit: int, field: str = "file") -> None:
    """Refuse an upload by its declared length before the body is read or parsed."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit + 64 * 1024:  # the multipart envelope around the file
        raise ValidationError(
            {field: _("The file is larger than %(mb)s MB.") % {"mb": limit // 2**20}},
            code="too_large",
        )
