"""The committee and its terms (委员会、换届, union schema): terms, seats, bodies, role grants,
elections, work plans, openness. May import members, elections, the rule table, the
platform, tasks, tenancy and the homes/reports registries."""
