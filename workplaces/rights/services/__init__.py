"""The rights services, one module per concern (contracts, mediation, women): the business
rules and the audited writes."""
