"""The append-only audit log (in every schema): ``audit_record`` / ``audit_record_many`` and
the registry of the apps' audit kinds. Part of the platform: imports tenancy only."""
