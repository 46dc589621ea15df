"""The staff home's audit kinds: one per action (registered in ``HomesConfig.ready()``).

The values of the first eight are those written before the kinds moved here, so old rows
keep their meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HomeAuditKind(models.TextChoices):
    RULE_SET = "homes.rule", _("Staff-home rule changed")
    SCHEME_CREATED = "homes.scheme", _("Staff-home scheme")
    ROUND_OPENED = "homes.round", _("Staff-home round")
    ACCEPTED = "homes.accepted", _("Staff-home assessment accepted")
    RETURNED = "homes.returned", _("Staff-home assessment returned")
    VETOED = "homes.vetoed", _("Staff-home assessment vetoed")
    REOPENED = "homes.reopened", _("Staff-home assessment reopened")
    WITHDRAWN = "homes.withdrawn", _("Staff-home title withdrawn")
    ROUND_CLOSED = "homes.round_closed", _("Staff-home round closed")
    ROUND_UNIONS_ADDED = "homes.round_unions_added", _("Unions added to a staff-home round")
    FAILED = "homes.failed", _("Staff-home assessment not passed")
    REVIEW_SAVED = "homes.review_saved", _("Staff-home review scores saved")
    TITLE_AWARDED = "homes.title_awarded", _("Staff-home title awarded")
    TITLE_EXPIRED = "homes.title_expired", _("Staff-home title withdrawn after its re-check date")
