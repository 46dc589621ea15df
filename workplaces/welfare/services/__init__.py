"""The welfare services, one module per concern (visits, hardship, festivals): the business
rules and the audited writes."""
