"""Strings this app translates for models that live elsewhere.

``tenants.models.TransferStatus`` (the transfer table is public, in the tenancy core) has
its labels in this app's catalog; listing them here keeps makemessages from dropping them.
"""

from django.utils.translation import pgettext_lazy

TRANSFER_STATUS_LABELS = (
    pgettext_lazy("transfer status", "Pending"),
    pgettext_lazy("transfer status", "Accepted"),
    pgettext_lazy("transfer status", "Rejected"),
    pgettext_lazy("transfer status", "Cancelled"),
)
