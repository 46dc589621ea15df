"""Who did it: the typed actor of every service call.

``Actor`` is a logged-in user, or ``None`` for a periodic job (shown as ``SYSTEM``).
Services take ``actor: Actor`` keyword-only and never a bare string."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | None"
else:
    Actor = Any

SYSTEM = "system"


def actor_label(actor: Any) -> str:
    """The name written in audit rows and histories: the username, or ``system``."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        return str(actor.get_username())
    if isinstance(actor, str) and actor:
        return actor
    return SYSTEM


def actor_id(actor: Any) -> int | None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return int(actor.pk)
    return None
