"""Who sees a member's full ID number and phone: the chair and the organization officer
(they keep the register); every other reader sees them masked (``330782********1628``,
``138****1234``) and may reveal one member's on an audited action (issue 11, item 10)."""

from typing import Any

from federation.platform.accounts.permissions import has_role
from federation.platform.accounts.roles import CHAIR, ORGANIZATION

IDENTITY_ROLES = (CHAIR, ORGANIZATION)


def can_see_identity(user: Any) -> bool:
    return has_role(user, *IDENTITY_ROLES)


def id_number_mask(number: str) -> str:
    """330782199001011628 -> 330782********1628 (region and last four kept)."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 4, 1) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def phone_mask(phone: str) -> str:
    """13800001234 -> 138****1234; a landline keeps its area code and last four."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return phone[:1] + "*" * (len(phone) - 1)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
