"""The township's index of hardship households (public schema): one open file per person
across unions, so a household is helped by one union at a time. May import the platform
and tenancy."""
