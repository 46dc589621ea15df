"""System checks for production secrets (``manage.py check --deploy`` and every ``check``).

With ``DJANGO_ENV=production`` both ``DJANGO_SECRET_KEY`` and ``ID_HASH_SECRET`` must be
set, long, distinct and not a known placeholder (the development default, the ``CHANGE-me``
values of ``deploy/env.example``). ``ID_HASH_SECRET`` keys the federation's member index
and the transfer encryption: it must never follow ``SECRET_KEY``, which may be rotated.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, Tags, register

PLACEHOLDER = re.compile(
    r"change[-_ ]?me|dev-only|insecure|placeholder|example|secret-key|xxxx", re.I
)
MIN_LENGTH = 40


def secret_problem(value: str) -> str | None:
    if not value:
        return "is not set"
    if value in getattr(settings, "KNOWN_PLACEHOLDER_SECRETS", ()) or PLACEHOLDER.search(value):
        return "is a known placeholder"
    if len(value) < MIN_LENGTH:
        return f"is shorter than {MIN_LENGTH} characters"
    if len(set(value)) < 10:
        return "has too few distinct characters"
    return None


@register(Tags.security, deploy=True)
def production_secrets_check(app_configs=None, **kwargs) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors: list[Error] = []
    secret_key = settings.SECRET_KEY
    id_secret = getattr(settings, "ID_HASH_SECRET", "")
    for env_name, value, check_id in (
        ("DJANGO_SECRET_KEY", secret_key, "gonglian.E001"),
        ("ID_HASH_SECRET", id_secret, "gonglian.E002"),
    ):
        problem = secret_problem(value)
        if problem:
            errors.append(
                Error(
                    f"{env_name} {problem}.",
                    hint=f"Set {env_name} to a long random value, e.g. "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                    id=check_id,
                )
            )
    if secret_key and secret_key == id_secret:
        errors.append(
            Error(
                "ID_HASH_SECRET equals DJANGO_SECRET_KEY.",
                hint="Use two different values: the member index must survive a rotation "
                "of the secret key.",
                id="gonglian.E003",
            )
        )
    return errors
