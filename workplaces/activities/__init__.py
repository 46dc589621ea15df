"""Union activities (union schema): activities, sign-ups, attendance, photos, plans, labour
competitions, suggestions, honours and training. May import members, the rule table, the
platform, tenancy, and the homes and reports registries it plugs into."""
