from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "workplaces.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from federation.platform.accounts import nav
        from federation.platform.accounts.roles import (
            FINANCE,
            GROUP_LEADER,
            MEMBER,
            ORGANIZATION,
            VICE_CHAIR,
        )
        from tasks.schedule import PERIODIC_JOBS
        from tenants.demo import DEMO_HOOKS
        from workplaces.members import (
            audit,  # noqa: F401 - registers the audit kinds
            rule_table,
        )

        rule_table.declare()
        from workplaces.members.demo import demo_members_seed

        nav.register(
            "union",
            "members:list",
            _("Members"),
            roles=(ORGANIZATION, VICE_CHAIR, FINANCE, GROUP_LEADER),
            order=20,
        )
        nav.register("union", "members:me", _("My membership"), roles=(MEMBER,), order=21)
        nav.register(
            "union", "members:transfers", _("Transfers"), roles=(ORGANIZATION, VICE_CHAIR), order=22
        )
        nav.register("federation", "member-transfers", _("Member transfers"), order=40)
        job = (
            "Member roll-up reconciliation (nightly)",
            "members.rollup_dispatch",
            {"minute": "30", "hour": "2"},
            "One task per union: recount active, women, migrant and retained members and dues.",
        )
        if job not in PERIODIC_JOBS:
            PERIODIC_JOBS.append(job)
        demo_members_seed.demo_order = 10  # type: ignore[attr-defined] # first: other demo data reads the members
        if demo_members_seed not in DEMO_HOOKS:
            DEMO_HOOKS.append(demo_members_seed)
