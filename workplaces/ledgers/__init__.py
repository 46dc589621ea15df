"""Ledgers (台账, union schema): the printed books assembled from the other union apps'
records (activities, congress, finance, members, rights, welfare) through a registry, and
the platform."""
