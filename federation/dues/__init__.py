"""Union funds (工会经费, public schema): the dues rule table, payroll declarations, notices,
payments, credits, reminders, remittance and organizing targets. May import the rule
table, the platform, tasks and tenancy."""
