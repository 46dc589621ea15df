"""The top navigation. Each app registers its pages in its AppConfig.ready():

    nav.register("union", "members:list", _("Members"), roles=(ORGANIZATION,), order=20)

``roles`` empty means every logged-in user of that side; the top role of each side
(federation admin, union chair) sees everything.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


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


# reversed once per URLconf (the federation's, the unions'), script prefix and name: every
# page draws the menu, ~18 reverse() calls (~0.5 ms) a page before this
_URLS: dict[tuple[object, str, str], str | None] = {}


def _url(name: str) -> str | None:
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name)
    if key not in _URLS:
        try:
            _URLS[key] = reverse(name)
        except NoReverseMatch:
            _URLS[key] = None
    return _URLS[key]


def items_for(request, *, side: str) -> list[dict]:
    from federation.platform.accounts.permissions import has_role

    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return []
    out = []
    for item in sorted((i for i in _ITEMS if i.side == side), key=lambda i: i.order):
        if item.roles and not has_role(user, *item.roles):
            continue
        url = _url(item.url_name)
        if url is None:
            continue
        out.append(
            {"url": url, "label": item.label, "active": request.path.startswith(url) and url != "/"}
        )
    return out
