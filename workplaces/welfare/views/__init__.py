"""The welfare pages (union host, and the federation's overviews): doors into the services."""
