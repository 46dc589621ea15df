"""The union apps (each runs in the union's own schema, TENANT_APPS): members, organization,
congress, rights, welfare, activities, finance, assets, ledgers, home. They may import the
rule table, the platform, tenancy and each other's selectors; see ARCHITECTURE.md."""
