"""The domain errors services raise. The API's exception handler maps them to HTTP once
(``federation.platform.api.exception_handler``); pages show their message. Bad input is
Django's ``ValidationError`` (400 with fields; ``field_error`` builds one with its code);
these are for the other refusals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from psycopg import errors as pg_errors


class DomainError(Exception):
    """A refusal by a business rule. ``status`` is the HTTP status the API answers with."""

    status = 400
    default_code = "invalid"

    def __init__(self, detail: str = "", *, code: str | None = None) -> None:
        self.detail = str(detail) or self.__class__.__name__
        self.code = code or self.default_code
        super().__init__(self.detail)

    def __str__(self) -> str:
        return self.detail


class ConflictError(DomainError):
    """The write conflicts with an existing record (a duplicate, a state that forbids it)."""

    status = 409
    default_code = "conflict"


class NotAllowedError(DomainError):
    """The actor may not do this (an author approving their own expense, ...)."""

    status = 403
    default_code = "not_allowed"


class NotFoundError(DomainError):
    """The object does not exist or is not this union's: always the same answer."""

    status = 404
    default_code = "not_found"


def field_error(field: str, message: str, code: str) -> ValidationError:
    """Bad input on one field, with a machine-readable code clients and tests match
    (``ValidationError({field: message}, code=...)`` would drop the code)."""
    return ValidationError({field: [ValidationError(message, code=code)]})


def duplicate_only(exc: IntegrityError) -> None:
    """Re-raise ``exc`` unless a unique or exclusion constraint refused the row (a duplicate,
    a retried job, a concurrent writer): the only violations a service may answer with a
    ``ConflictError`` or "done already". Call it first in ``except IntegrityError as exc:``;
    a NOT NULL, check or foreign-key violation is a bug and reaches the door (a logged 500)."""
    if not isinstance(exc.__cause__, pg_errors.UniqueViolation | pg_errors.ExclusionViolation):
        raise exc
