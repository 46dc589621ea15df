import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from federation.platform.accounts.permissions import has_role
from federation.platform.audit.models import AuditEvent
from tests.workplaces.organization.factories import committee, members_bulk, user_make
from workplaces.organization import services
from workplaces.organization.models import RoleGrant, Term
from workplaces.organization.selectors import term_status

pytestmark = pytest.mark.django_db


def test_committee_of_7_at_200_members_is_in_band():
    assert services.committee_size_ok(size=7, members=200) is True


def test_committee_of_8_at_200_members_is_outside_band():
    assert services.committee_size_ok(size=8, members=200) is False


def test_committee_of_7_at_201_members_is_in_the_next_band_and_6_is_not():
    assert services.committee_size_ok(size=7, members=201) is True
    assert services.committee_size_ok(size=6, members=201) is False


def test_one_organiser_allowed_under_25_members():
    assert services.committee_size_ok(size=1, members=24) is True
    assert services.committee_size_ok(size=1, members=25) is False


def test_term_of_8_at_200_members_refused_on_committee(union_a, in_union):
    with in_union(union_a):
        members_bulk(200)
        with pytest.raises(ValidationError) as exc:
            services.term_create(
                elected_on=dt.date(2025, 5, 1), term_years=5, committee=committee(8), actor=None
            )
        assert "committee" in exc.value.message_dict
        assert Term.objects.count() == 0


def test_term_of_7_at_200_members_recorded(union_a, in_union):
    with in_union(union_a):
        members_bulk(200)
        term = services.term_create(
            elected_on=dt.date(2025, 5, 1), term_years=5, committee=committee(7), actor=None
        )
        assert term.ends_on == dt.date(2030, 5, 1)
        assert term.seats.count() == 7


def test_two_chairs_refused(union_a, in_union):
    with in_union(union_a):
        members_bulk(30)
        seats = committee(5)
        seats[2] = services.SeatInput(name="另一主席", position="chair")
        with pytest.raises(ValidationError) as exc:
            services.term_create(
                elected_on=dt.date(2025, 5, 1), term_years=5, committee=seats, actor=None
            )
        assert exc.value.error_dict["committee"][0].code == "chair_count"


def test_term_of_4_years_refused(union_a, in_union):
    with in_union(union_a):
        members_bulk(30)
        with pytest.raises(ValidationError) as exc:
            services.term_create(
                elected_on=dt.date(2025, 5, 1), term_years=4, committee=committee(5), actor=None
            )
        assert "term_years" in exc.value.message_dict


def test_term_status_boundaries():
    ends = dt.date(2026, 12, 31)
    assert term_status(ends, today=dt.date(2026, 6, 29)) == "in_term"
    assert term_status(ends, today=dt.date(2026, 6, 30)) == "due_soon"
    assert term_status(ends, today=dt.date(2026, 7, 1)) == "due_soon"
    assert term_status(ends, today=ends) == "due_soon"
    assert term_status(ends, today=dt.date(2027, 1, 1)) == "overdue"
    assert term_status(None) == "none"


def test_roles_follow_the_term(union_a, in_union):
    """The new vice chair gets the role; the old one loses it; both changes are audited."""
    with in_union(union_a):
        members_bulk(30)
        old = user_make("gov_old_vice")
        new = user_make("gov_new_vice")
        first = services.term_create(
            elected_on=dt.date(2021, 5, 1),
            term_years=5,
            committee=committee(5, vice_user=old.pk),
            actor=None,
        )
        User = get_user_model()
        assert has_role(User.objects.get(pk=old.pk), "vice_chair")
        services.term_create(
            elected_on=timezone.localdate() - dt.timedelta(days=1),
            term_years=5,
            committee=committee(5, vice_user=new.pk),
            actor=None,
        )
        assert not has_role(User.objects.get(pk=old.pk), "vice_chair")
        assert has_role(User.objects.get(pk=new.pk), "vice_chair")
        assert RoleGrant.objects.get(term=first, user=old).revoked_on is not None
        kinds = list(
            AuditEvent.objects.filter(kind__startswith="org.role").values_list("kind", flat=True)
        )
        assert kinds.count("org.role_granted") == 2
        assert kinds.count("org.role_revoked") == 1


def test_a_role_held_before_the_term_stays_after_it(union_a, in_union):
    with in_union(union_a):
        members_bulk(30)
        officer = user_make("gov_kept", "finance")
        seats = committee(5)
        seats[2] = services.SeatInput(name="财务", position="finance", user=officer.pk)
        services.term_create(
            elected_on=dt.date(2021, 5, 1), term_years=5, committee=seats, actor=None
        )
        services.term_create(
            elected_on=dt.date(2025, 5, 1), term_years=5, committee=committee(5), actor=None
        )
        assert has_role(get_user_model().objects.get(pk=officer.pk), "finance")


def test_term_elected_before_the_current_one_refused(union_a, in_union):
    with in_union(union_a):
        members_bulk(30)
        services.term_create(
            elected_on=dt.date(2025, 5, 1), term_years=5, committee=committee(5), actor=None
        )
        with pytest.raises(ValidationError) as exc:
            services.term_create(
                elected_on=dt.date(2024, 5, 1), term_years=5, committee=committee(5), actor=None
            )
        assert "elected_on" in exc.value.message_dict
        assert Term.objects.filter(is_current=True).get().elected_on == dt.date(2025, 5, 1)


def test_term_fact_pushed_after_commit(union_a, in_union, django_capture_on_commit_callbacks):
    from tenants.facts import fact_value

    with in_union(union_a):
        members_bulk(30, women=10)
        seats = committee(5)
        seats[1] = services.SeatInput(name="女委员", position="women_workers", woman=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.term_create(
                elected_on=dt.date(2024, 5, 1),
                term_years=5,
                committee=seats,
                women_committee=["女委员"],
                actor=None,
            )
    fact = fact_value(union=union_a, key="organization.term")
    assert fact == {
        "elected_on": "2024-05-01",
        "ends_on": "2029-05-01",
        "status": term_status(dt.date(2029, 5, 1)),
        "committee_size": 5,
        "women_on_committee": 1,
    }


def test_the_new_vice_chair_can_do_what_a_vice_chair_can_and_the_old_one_no_longer(
    union_a, in_union, client_for
):
    with in_union(union_a):
        members_bulk(30)
        old = user_make("gov_api_old_vice")
        new = user_make("gov_api_new_vice")
        services.term_create(
            elected_on=dt.date(2021, 5, 1),
            term_years=5,
            committee=committee(5, vice_user=old.pk),
            actor=None,
        )
    body = {"year": 2026, "title": "计划"}
    assert (
        client_for("gov_api_old_vice", union_a)
        .post("/api/v1/organization/plans/", body, format="json")
        .status_code
        == 201
    )
    assert (
        client_for("gov_api_new_vice", union_a).get("/api/v1/organization/plans/").status_code
        == 403
    )
    with in_union(union_a):
        services.term_create(
            elected_on=dt.date(2026, 5, 1),
            term_years=5,
            committee=committee(5, vice_user=new.pk),
            actor=None,
        )
    body = {"year": 2027, "title": "计划"}
    assert (
        client_for("gov_api_old_vice", union_a)
        .post("/api/v1/organization/plans/", body, format="json")
        .status_code
        == 403
    )
    assert (
        client_for("gov_api_new_vice", union_a)
        .post("/api/v1/organization/plans/", body, format="json")
        .status_code
        == 201
    )


def test_a_new_terms_chair_is_the_name_the_federation_shows(
    union_a, in_union, django_capture_on_commit_callbacks
):
    from tenants.facts import fact_value

    with in_union(union_a):
        members_bulk(30)
        from django.contrib.auth.models import Group

        Group.objects.get(name="chair").user_set.clear()  # the union's registration chair
        chair = user_make("gov_new_chair")
        chair.first_name = "新主席"
        chair.save()
        with django_capture_on_commit_callbacks(execute=True):
            services.term_create(
                elected_on=timezone.localdate() - dt.timedelta(days=1),
                term_years=5,
                committee=committee(5, chair_user=chair.pk),
                actor=None,
            )
    assert "新主席" in str(fact_value(union=union_a, key="organization.chair_name"))
