"""An OpenAPI schema that tells the truth about what the API does (DEFAULT_SCHEMA_CLASS).

drf-spectacular documents a list as paginated only for views with a ``pagination_class``;
our one-operation ``APIView`` doors paginate by hand (``federation.platform.api.Pagination``),
so their lists were documented as bare arrays. API.md says every list is paginated, so a
GET answering a list is documented paginated unless its view says ``paginated = False``.
Every door may answer with the error statuses of API.md (400, 401, 403, 404, 409, and 415
for a body of a media type it does not read), which were undocumented; and a file download is documented as any media type, not only
``application/octet-stream``. All derived here, so views added later are covered
(tests/security/test_fuzz.py checks the answers against the schema).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from federation.platform.api import Pagination

ERROR_SCHEMA = {
    "type": "object",
    "description": 'Field errors `{"field": ["message"]}` or `{"detail": "...", "code": "..."}`.',
    "additionalProperties": True,
}
DESCRIPTIONS = {
    "400": (
        "Bad input (field errors). The `X-Error-Codes` header carries each message's "
        'machine-readable code under the same keys, as JSON: `{"field": ["code"]}`.'
    ),
    "401": "Not logged in.",
    "403": "Not allowed.",
    "404": "Not found, or not yours.",
    "409": "Conflicts with an existing record.",
    "415": (
        "The body's media type is not one the operation reads (JSON, or multipart/form-data "
        "where a file is sent)."
    ),
    "429": "Too many requests.",
}


def _decimal_pattern(field: serializers.DecimalField) -> str:
    """What the field parses: at least one digit (drf-spectacular's pattern also matches
    "", "-" and "."), no sign when negatives are refused."""
    sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
    whole = field.max_whole_digits
    whole_part = r"0" if whole == 0 else (rf"\d{{1,{whole}}}" if whole else r"\d+")
    places = field.decimal_places
    fraction = rf"(?:\.\d{{1,{places}}})?" if places else ""
    if not sign and field.max_value is not None and field.max_value == 1 and places:
        return rf"^(?:0{fraction}|1(?:\.0{{1,{places}}})?)$"  # a share: 0 to 1
    return rf"^{sign}{whole_part}{fraction}$"


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """drf-spectacular's mapping, told two refusals it leaves out: a list that may not
        be empty (``allow_empty=False``) has ``minItems: 1``, and a decimal sent as text
        has a pattern that only matches numbers."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(schema, dict):
            return schema
        is_list = isinstance(field, serializers.ListField | serializers.ListSerializer)
        if is_list and getattr(field, "allow_empty", True) is False:
            schema["minItems"] = max(schema.get("minItems", 0), 1)
        if (
            isinstance(field, serializers.DecimalField)
            and schema.get("type") == "string"
            and "pattern" in schema
        ):
            schema["pattern"] = _decimal_pattern(field)
        return schema

    def _get_paginator(self) -> Any:
        paginator = super()._get_paginator()
        if (
            paginator is None
            and self.method == "GET"
            and getattr(self.view, "paginated", True) is not False
        ):
            return Pagination()
        return paginator

    def _open_to_anyone(self) -> bool:
        classes = getattr(self.view, "permission_classes", [])
        return bool(classes) and all(issubclass(c, AllowAny) for c in classes)

    def _error_codes(self) -> list[str]:
        codes = ["400"]
        if not self._open_to_anyone():
            codes += ["401", "403"]
        codes.append("404")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        if self.method in ("POST", "PUT", "PATCH"):
            # DRF's answer to a body without a media type, or with one no parser reads
            codes.append("415")
        return codes

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        if direction != "response":
            return bodies
        for body in bodies.values():
            content = body.get("content") or {}
            if "application/octet-stream" in content:
                content["*/*"] = content.pop("application/octet-stream")
        for code in self._error_codes():
            bodies.setdefault(
                code,
                {
                    "description": DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": ERROR_SCHEMA}},
                },
            )
        return bodies
