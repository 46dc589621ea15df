"""Strings shown by the staff home that are defined elsewhere (the audit kinds it adds in
federation/audit/models.py), so that this app's catalog carries their translations."""

from django.utils.translation import gettext_noop

AUDIT_KIND_LABELS = [
    gettext_noop("Staff-home scheme"),
    gettext_noop("Staff-home round"),
    gettext_noop("Staff-home assessment accepted"),
    gettext_noop("Staff-home assessment returned"),
    gettext_noop("Staff-home assessment vetoed"),
    gettext_noop("Staff-home assessment reopened"),
    gettext_noop("Staff-home title withdrawn"),
    gettext_noop("Staff-home rule changed"),
]
