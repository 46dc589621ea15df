"""A JSON parser with bounds: a body over ``API_JSON_MAX_BYTES`` or nested deeper than
``API_JSON_MAX_DEPTH`` is a 400 (anonymous requests included), never a RecursionError.
Every request body of the API is a JSON object (the two OpenAPI schemas say so), so an
array, string, number or ``null`` at the top is a 400 here, once, instead of reaching a
door or serializer that reads ``request.data`` as a dict."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

NOT_AN_OBJECT = "Send a JSON object."


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than ``limit`` (a scan, no recursion)."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        limit = settings.API_JSON_MAX_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(f"JSON body larger than {limit} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError("JSON body is not valid text.") from exc
        if json_depth_exceeds(text, settings.API_JSON_MAX_DEPTH):
            raise ParseError(f"JSON nested deeper than {settings.API_JSON_MAX_DEPTH} levels.")
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        if not isinstance(data, dict):
            raise ParseError(NOT_AN_OBJECT)
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
