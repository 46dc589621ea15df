"""The top navigation. Each app registers its pages in its AppConfig.ready():

    nav.register("union", "members:list", _("Members"), roles=(ORGANIZATION,), order=20)

``roles`` empty means every logged-in user of that side; the top role of each side
(federation admin, union chair) sees everything.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    side: str  # "federation" | "union"
    url_name: str
    label: object
    roles: tuple[str, ...] = ()
    order: int = 50


_ITEMS: list[NavItem] = []


def register(
    side: str, url_name: str, label, *, roles: tuple[str, ...] = (), order: int = 50
) -> None:
    item = NavItem(side, url_name, label, tuple(roles), order)
    if item not in _ITEMS:
        _ITEMS.append(item)


def items_for(request, *, side: str) -> list[dict]:
    from federation.platform.accounts.permissions import has_role

    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return []
    out = []
    for item in sorted((i for i in _ITEMS if i.side == side), key=lambda i: i.order):
        if item.roles and not has_role(user, *item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append(
            {"url": url, "label": item.label, "active": request.path.startswith(url) and url != "/"}
        )
    return out
