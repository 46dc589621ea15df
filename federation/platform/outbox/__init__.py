"""The outbox (in every schema): notices to a union, in-app and by mail, sent once per
dedupe key after commit. Part of the platform: imports tenancy only."""
