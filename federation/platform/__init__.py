"""The platform every feature stands on: accounts and roles, audit, outbox, the domain
errors, API helpers and actors. It may import Django, DRF and ``tenants``; never a feature."""
