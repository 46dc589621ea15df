"""Strings this app translates for models that live elsewhere.

``tenants.models.TransferStatus`` (the transfer table is public, in the tenancy core) has
its labels in this app's catalog; listing them here keeps makemessages from dropping them.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

TRANSFER_STATUS_LABELS = (
    pgettext_lazy("transfer status", "Pending"),
    pgettext_lazy("transfer status", "Accepted"),
    pgettext_lazy("transfer status", "Rejected"),
    pgettext_lazy("transfer status", "Cancelled"),
)

# the member index (tenants.member_index) has its messages in this app's catalog too
MEMBER_INDEX_LABELS = (
    gettext_lazy("Membership released from the federation index"),
    gettext_lazy("This person is active in a third union; the transfer cannot be accepted."),
)
