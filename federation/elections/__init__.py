"""Union elections on the federation side (public schema): a union's election application and
its result, waiting for the federation's decision. May import organization, the platform
and tenancy."""
