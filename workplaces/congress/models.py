"""The workers' congress (职代会), members' (representatives') assembly (会员(代表)大会) or
teachers' congress (教代会) of one union, in the union's schema: its term and delegates,
sessions with attendance, motions and documents, proposals and suggestions (提案、意见建议),
and democratic evaluation (民主评议) with anonymous ballots.

Anonymity by construction: ``Ballot`` has no voter column, no timestamp and a random
primary key (so insertion order cannot be matched to the voted-markers); ``VotedMarker``
records only that a login voted in an evaluation, unique per (evaluation, voter).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CongressKind(models.TextChoices):
    WORKERS = "workers", _("Workers' congress (职代会)")
    MEMBERS = "members", _("Members' (representatives') assembly (会员代表大会)")
    TEACHERS = "teachers", _("Teachers' congress (教代会)")


class Congress(models.Model):
    """One term of the congress (3 to 5 years, a rule value) and its delegates."""

    kind = models.CharField(_("kind"), max_length=10, choices=CongressKind.choices)
    starts_on = models.DateField(_("term starts on"))
    term_years = models.PositiveSmallIntegerField(_("term (years)"))
    ends_on = models.DateField(_("term ends on"))
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="congress_one_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_on}"


class DelegateCategory(models.TextChoices):
    FRONT_LINE = "front_line", _("Front-line worker")
    TECHNICIAN = "technician", _("Technician")
    MANAGER = "manager", _("Middle or senior manager")
    TEACHER = "teacher", _("Teacher")
    DISPATCHED = "dispatched", _("Dispatched worker")
    OTHER = "other", _("Other")


class Delegate(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="delegates")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    category = models.CharField(_("category"), max_length=20, choices=DelegateCategory.choices)
    woman = models.BooleanField(_("woman"), default=False)
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["congress", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "member"],
                condition=Q(member__isnull=False),
                name="congress_delegate_once",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    congress = models.ForeignKey(
        Congress, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CongressKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    delegates_total = models.PositiveIntegerField(_("delegates"))
    delegates_present = models.PositiveIntegerField(_("delegates present"))
    quorate = models.BooleanField(_("quorate"))
    proposals_deadline = models.DateField(_("proposals deadline"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "delegate"], name="congress_attend_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.delegate_id}:{self.present}"


class Motion(models.Model):
    """A motion put to the vote; it passes with yes votes of more than half of ALL the
    delegates (a rule value), not of those present."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="motions")
    title = models.CharField(_("title"), max_length=200)
    yes = models.PositiveIntegerField(_("yes"))
    no = models.PositiveIntegerField(_("no"))
    abstain = models.PositiveIntegerField(_("abstain"))
    passed = models.BooleanField(_("passed"))
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        ordering = ["session", "id"]

    def __str__(self) -> str:
        return self.title


def _document_path(instance: "Document", filename: str) -> str:
    return f"congress/{instance.session_id}/{uuid.uuid4().hex}-{filename[-80:]}"


class Document(models.Model):
    """A document voted on or read at a session (work report, plan, rules)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="documents")
    motion = models.ForeignKey(
        Motion, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_document_path)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class ProposalKind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal (提案)")
    SUGGESTION = "suggestion", _("Suggestion (意见建议)")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted (立案)")
    REJECTED = "rejected", _("Not accepted")
    ANSWERED = "answered", _("Answered")
    SUGGESTION = "suggestion", _("Suggestion")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Proposal(models.Model):
    """One matter each; a proposer and at least two seconders (delegates). Submitted after
    the session's deadline it becomes a suggestion (``kind``)."""

    kind = models.CharField(max_length=12, choices=ProposalKind.choices, default="proposal")
    number = models.PositiveIntegerField(_("number"))
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"))
    proposer = models.CharField(_("proposer"), max_length=50)
    seconders = models.JSONField(_("seconders"), default=list)
    submitted_on = models.DateField(_("submitted on"))
    status = models.CharField(max_length=12, choices=ProposalStatus.choices, default="submitted")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(null=True, blank=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="congress_proposal_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Evaluation(models.Model):
    """A democratic evaluation (民主评议) of named cadres, by secret ballot."""

    title = models.CharField(_("title"), max_length=200)
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class EvaluationSubject(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="subjects")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    post = models.CharField(_("post"), max_length=100, blank=True)

    class Meta:
        ordering = ["evaluation", "id"]

    def __str__(self) -> str:
        return self.name


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent (优秀)")
    COMPETENT = "competent", _("Competent (称职)")
    BASIC = "basic", _("Basically competent (基本称职)")
    INCOMPETENT = "incompetent", _("Incompetent (不称职)")


class Ballot(models.Model):
    """One grade for one subject. NO voter column, no time: see the module docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ballots")
    subject = models.ForeignKey(EvaluationSubject, on_delete=models.CASCADE, related_name="ballots")
    grade = models.CharField(max_length=12, choices=Grade.choices)

    def __str__(self) -> str:
        return self.grade


class VotedMarker(models.Model):
    """That a login voted in an evaluation (not how): a second ballot is refused by the
    unique constraint."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="markers")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "voter"], name="congress_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}:{self.voter_id}"
