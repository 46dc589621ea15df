"""Information reporting (信息报送, public schema): report forms, cycles, submissions with
prefilled values, aggregation and export, union news. May import the platform, tasks and
tenancy; the union apps register their prefill sources into it (``reports.sources``)."""
