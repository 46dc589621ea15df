from django.db import models
from django.utils.translation import gettext_lazy as _

from federation.platform.audit.models import audit_kinds_register


@audit_kinds_register
class CongressAuditKind(models.TextChoices):
    CONGRESS = "congress.term", _("Congress term recorded")
    DELEGATE = "congress.delegate", _("Delegate added or changed")
    SESSION = "congress.session", _("Congress session recorded")
    SESSION_MINUTES = "congress.session_minutes", _("Session minutes recorded")
    ATTENDANCE = "congress.attendance", _("Session attendance recorded")
    MOTION = "congress.motion", _("Motion voted")
    DOCUMENT = "congress.document", _("Session document added")
    PROPOSAL = "congress.proposal", _("Proposal submitted")
    PROPOSAL_REVIEW = "congress.proposal_review", _("Proposal reviewed")
    PROPOSAL_ANSWER = "congress.proposal_answer", _("Proposal answered")
    PROPOSAL_RATE = "congress.proposal_rate", _("Proposal rated")
    EVALUATION = "congress.evaluation", _("Democratic evaluation")
    BALLOT = "congress.ballot", _("Evaluation ballot cast (voter only, never the grades)")
