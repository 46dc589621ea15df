"""Rights (union schema): collective contracts and negotiation, labour-dispute mediation and
legal aid, women workers' special protection. May import members, congress (a contract's
vote), the rule table, the platform, tasks, tenancy and the reports registry."""
