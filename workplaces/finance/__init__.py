"""Union finance (经费收支, union schema): budgets, entries and their approval, attachments,
member dues, returns, the audit committee's review, year closing. May import members,
activities, dues, the rule table, the platform, tasks, tenancy and the homes/reports
registries."""
