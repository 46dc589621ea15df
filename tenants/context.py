"""Which side a piece of code runs on: the federation (public schema) or a union (its schema).

Functions that must run on one side are marked with ``@federation_side`` or ``@union_side``;
called from the other side they raise at once, so a mistake fails loudly in the tests.
"""

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import connection
from django_tenants.utils import get_public_schema_name

P = ParamSpec("P")
R = TypeVar("R")


class WrongSideError(RuntimeError):
    pass


def current_schema() -> str:
    """The schema the default connection is on (django-tenants' wrapper sets it; the
    stubs type ``connection`` as Django's base wrapper, hence the typed accessor)."""
    return str(getattr(connection, "schema_name", get_public_schema_name()))


def connection_tenant() -> Any:
    """The tenant object django-tenants set on the connection (a ``Union``, or a stand-in
    without a primary key inside ``schema_context``)."""
    return getattr(connection, "tenant", None)


def on_federation_side() -> bool:
    return current_schema() == get_public_schema_name()


def current_union() -> Any:
    """The union whose schema the connection is on (None on the federation side)."""
    if on_federation_side():
        return None
    return connection_tenant()


def federation_side(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not on_federation_side():
            raise WrongSideError(f"{func.__qualname__} runs on the federation side only")
        return func(*args, **kwargs)

    return wrapper


def union_side(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if on_federation_side():
            raise WrongSideError(f"{func.__qualname__} runs inside a union's schema only")
        return func(*args, **kwargs)

    return wrapper
