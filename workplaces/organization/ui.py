"""Navigation entries and the demo hook of the organization module (called from ready())."""

from django.utils.translation import gettext_lazy as _


def register_ui() -> None:
    from federation.platform.accounts import nav
    from federation.platform.accounts.roles import FEDERATION_STAFF, GROUP_LEADER, UNION_OFFICERS
    from tenants.demo import DEMO_HOOKS
    from workplaces.organization.demo import organization_demo_seed

    nav.register("union", "organization:home", _("Committee"), roles=(*UNION_OFFICERS,), order=30)
    nav.register("union", "organization:group", _("My group"), roles=(GROUP_LEADER,), order=31)
    nav.register(
        "federation",
        "fed_organization:terms",
        _("Committee terms"),
        roles=FEDERATION_STAFF,
        order=35,
    )
    organization_demo_seed.demo_order = 60  # type: ignore[attr-defined]
    if organization_demo_seed not in DEMO_HOOKS:
        DEMO_HOOKS.append(organization_demo_seed)
