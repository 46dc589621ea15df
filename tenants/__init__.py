"""The union registry and tenancy: Union and Domain, schema context, facts and roll-ups, the
member index, cloning; at the bottom of the layers (its models, context, facts... import no
app). Its services, API, views and demo are a feature and may import the platform."""
