"""The union's home page and profile (union schema): the officers' tiles, notices read,
employee count history. May import organization and the federation features' selectors
(dashboard, dues, homes, reports), the platform and tenancy."""
