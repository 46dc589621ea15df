"""Welfare (union schema): 五必访 visits within yearly caps, hardship files and aid, festival
goods. May import members, rights (its shared helpers), the township hardship index, the
rule table, the platform and tenancy."""
