"""What the member pages share: the access decorator, the list filters, refusals."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse

from federation.platform.accounts.permissions import has_role
from federation.platform.errors import DomainError, NotFoundError
from tenants.context import current_union
from workplaces.members import selectors
from workplaces.members.labels import value_label
from workplaces.members.models import Employment, Gender, Member, MemberStatus, RealNameRecord
from workplaces.members.profile import PROFILE_FIELDS

View = Callable[..., HttpResponse]


def page(*, manage: bool = False) -> Callable[[View], View]:
    """Officers manage; finance reads; a group leader reads their group; others are refused."""

    def deco(view: View) -> View:
        @functools.wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if current_union() is None:
                raise Http404
            allowed = (
                selectors.can_manage(request.user)
                if manage
                else has_role(request.user, *selectors.READERS)
            )
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return deco


def profile_rows(record: RealNameRecord) -> list[tuple[str, Any]]:
    """The real-name collection's fields of a member or an application as (label, value
    label); a member's also says whether they count as a migrant worker."""
    rows: list[tuple[str, Any]] = []
    names = (*PROFILE_FIELDS, "is_migrant") if isinstance(record, Member) else PROFILE_FIELDS
    for name in names:
        field = type(record)._meta.get_field(name)
        rows.append(
            (str(getattr(field, "verbose_name", name)), value_label(name, getattr(record, name)))
        )
    return rows


def list_filters(request: HttpRequest) -> dict[str, Any]:
    g = request.GET
    group = g.get("group", "")
    status = g.get("status", "")
    gender = g.get("gender", "")
    employment = g.get("employment", "")
    return {
        "search": g.get("search", "")[:100].replace("\x00", ""),
        "status": status if status in MemberStatus.values else "",
        "gender": gender if gender in Gender.values else "",
        "employment": employment if employment in Employment.values else "",
        "group": int(group) if group.isdecimal() and len(group) < 10 else None,
        "member_no": g.get("member_no", "")[:20].replace("\x00", ""),
    }


def refusal_to_message(request: HttpRequest, run: Callable[[], Any]) -> Any:
    """Run a service for a page: a refusal becomes an error message (None returned);
    a missing object is a 404."""
    try:
        return run()
    except NotFoundError:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DomainError as exc:
        messages.error(request, exc.detail)
    return None
