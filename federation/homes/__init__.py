"""Staff home assessment (职工之家, public schema): schemes, rounds, self-assessment, evidence,
review, titles and their re-check. May import dues, the platform, tasks and tenancy; the
union apps register their evidence checks into it (``homes.checks``)."""
