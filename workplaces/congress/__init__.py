"""The congress (职代会 / 会员(代表)大会, union schema): terms, delegates, sessions,
attendance, motions, proposals, democratic evaluation, minutes. May import members,
organization, the rule table, the platform, tenancy and the homes/reports registries."""
