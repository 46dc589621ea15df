"""Accounts on both sides: users, roles and their constants, API tokens (per schema), login
throttling, navigation and permissions. Part of the platform: imports tenancy only."""
