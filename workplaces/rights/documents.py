"""The contract file (合同档案) as a printable PDF: every contract with its clocks. Every
user value goes through ``pdf_text``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from federation.platform.pdf import list_pdf
from workplaces.rights import selectors
from workplaces.rights.common import union_row
from workplaces.rights.services.contracts import contract_kinds

# kind, title, congress vote, signed, term, filing due, filed, effective, renewal, status,
# workers
CONTRACT_WEIGHTS = (1.4, 2.6, 1.4, 1, 1.8, 1, 1, 1, 1, 1, 0.8)


def vote_text(vote: selectors.ContractVote | None) -> str:
    """``2026-02-20 40/60 passed``: the day, the votes for of all delegates, the result."""
    if vote is None:
        return ""
    delegates = vote.delegates if vote.delegates is not None else "-"
    result = "" if vote.passed is None else (_("passed") if vote.passed else _("not passed"))
    return f"{vote.voted_on or ''} {vote.yes}/{delegates} {result}".strip()


def contracts_ledger_pdf() -> bytes:
    kinds = contract_kinds()
    head = [
        _("Kind"),
        pgettext("contract", "Title"),
        _("Congress vote"),
        _("Signed on"),
        _("Term"),
        _("Filing due"),
        _("Filed on"),
        _("Effective on"),
        _("Renewal from"),
        _("Status"),
        _("Workers covered"),
    ]
    rows = [
        [
            kinds.get(c.kind, c.kind),
            c.title,
            vote_text(selectors.contract_vote(c)),
            c.signed_on or "",
            f"{c.starts_on or ''} – {c.ends_on or ''}",
            k.filing_due or "",
            c.filed_on or "",
            k.effective_on or "",
            k.renewal_from or "",
            dict(_status_labels()).get(k.status, k.status),
            c.workers_covered,
        ]
        for c, k in selectors.contracts_list()
    ]
    name = _("Collective contract file")
    return list_pdf(
        title=name,
        heading=f"{union_row().name} · {name}",
        head=head,
        rows=rows,
        weights=CONTRACT_WEIGHTS,
    )


def _status_labels() -> list[tuple[str, str]]:
    from workplaces.rights.models import ContractStatus

    return [(v, str(label)) for v, label in ContractStatus.choices]
