"""Rights records of one union, in the union's own schema."""

from workplaces.rights.models.contracts import (
    CollectiveContract,
    ContractStatus,
    NegotiationRound,
)
from workplaces.rights.models.kinds import RightsAuditKind
from workplaces.rights.models.mediation import (
    CommitteeSide,
    LegalAidRequest,
    LegalAidStatus,
    MediationCase,
    MediationCommitteeMember,
    MediationOutcome,
)
from workplaces.rights.models.women import (
    HealthCheck,
    HealthCheckParticipant,
    HonourNomination,
    NominationStatus,
    ProtectionKind,
    ProtectionRecord,
)

__all__ = [
    "CollectiveContract",
    "CommitteeSide",
    "ContractStatus",
    "HealthCheck",
    "HealthCheckParticipant",
    "HonourNomination",
    "LegalAidRequest",
    "LegalAidStatus",
    "MediationCase",
    "MediationCommitteeMember",
    "MediationOutcome",
    "NegotiationRound",
    "NominationStatus",
    "ProtectionKind",
    "ProtectionRecord",
    "RightsAuditKind",
]
