"""Facts the dashboard reads about a union, computed inside the union's schema.

``organization.chair_name``: the display name of the union's chair (the first active user
holding the ``chair`` role), so the union profile page reads a public row instead of
entering the union's schema. Pushed by the account services when a user's roles or name
change, and recomputed by the nightly facts job.
"""

from __future__ import annotations

CHAIR_NAME = "organization.chair_name"


def chair_name() -> str:
    """Computed inside the union's schema."""
    from django.contrib.auth import get_user_model

    chair = (
        get_user_model().objects.filter(groups__name="chair", is_active=True).order_by("id").first()
    )
    return (chair.get_full_name() or chair.username) if chair else ""


def register() -> None:
    from tenants import facts

    facts.register(CHAIR_NAME, chair_name)
