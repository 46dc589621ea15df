"""The federation's dashboard (public schema): township totals and tiles read from the public
roll-ups and facts, and the nightly reconciliation. May import dues, homes, reports,
members and organization (their selectors), the platform and tenancy."""
