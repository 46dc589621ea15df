"""Activities API: the API.md shapes, sign-up by members and officers, capacity, attendance."""

import pytest

from workplaces.activities.models import Activity, Signup

pytestmark = pytest.mark.django_db

NEW = {
    "title": "职工篮球赛",
    "kind": "sports",
    "starts_at": "2026-12-05T14:00:00+08:00",
    "capacity": 2,
}


@pytest.fixture
def culture_api(login_api, union_a):
    return login_api(union_a, "a_life_culture", "culture_sports")


def test_an_officer_creates_an_activity(culture_api):
    response = culture_api.post("/api/v1/activities/", NEW, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "职工篮球赛"
    assert body["capacity"] == 2
    assert body["seats_left"] == 2
    assert body["status"] == "planned"


def test_a_plain_member_cannot_create_an_activity(login_api, union_a, in_union):
    api = login_api(union_a, "a_plain", "member")
    response = api.post("/api/v1/activities/", NEW, format="json")
    assert response.status_code == 403
    with in_union(union_a):
        assert Activity.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "party"), ("capacity", 0), ("starts_at", "tomorrow"), ("capacity", "x")],
)
def test_bad_activity_input_is_a_400_naming_the_field(culture_api, field, value):
    response = culture_api.post("/api/v1/activities/", {**NEW, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_member_signs_up_from_their_own_login(login_api, member_in, union_a, culture_api):
    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    member = member_in(union_a)
    api = login_api(union_a, "a_joiner", "member", member=member)
    listed = api.get("/api/v1/activities/").json()
    assert listed["count"] == 1
    response = api.post(f"/api/v1/activities/{activity['id']}/signups/", {}, format="json")
    assert response.status_code == 201
    assert response.json()["member"] == member.pk
    assert api.get(f"/api/v1/activities/{activity['id']}/").json()["signed_up"] is True


def test_a_member_cannot_sign_up_someone_else(login_api, member_in, union_a, culture_api, in_union):
    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    me, other = member_in(union_a), member_in(union_a)
    api = login_api(union_a, "a_joiner", "member", member=me)
    response = api.post(
        f"/api/v1/activities/{activity['id']}/signups/", {"member": other.pk}, format="json"
    )
    assert response.status_code == 403
    with in_union(union_a):
        assert Signup.objects.count() == 0


def test_the_same_member_twice_is_a_409(culture_api, member_in, union_a, in_union):
    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    member = member_in(union_a)
    url = f"/api/v1/activities/{activity['id']}/signups/"
    assert culture_api.post(url, {"member": member.pk}, format="json").status_code == 201
    response = culture_api.post(url, {"member": member.pk}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate"
    with in_union(union_a):
        assert Activity.objects.get().signups_count == 1


def test_a_full_activity_is_a_409(culture_api, member_in, union_a, in_union):
    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    url = f"/api/v1/activities/{activity['id']}/signups/"
    for _ in range(2):
        assert (
            culture_api.post(url, {"member": member_in(union_a).pk}, format="json").status_code
            == 201
        )
    response = culture_api.post(url, {"member": member_in(union_a).pk}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "full"
    with in_union(union_a):
        assert Signup.objects.count() == 2


def test_attendance_marks_the_members_and_the_activity_is_held(
    culture_api, member_in, union_a, in_union
):
    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    one, two = member_in(union_a), member_in(union_a)
    for m in (one, two):
        culture_api.post(
            f"/api/v1/activities/{activity['id']}/signups/", {"member": m.pk}, format="json"
        )
    response = culture_api.post(
        f"/api/v1/activities/{activity['id']}/attendance/", {"members": [one.pk]}, format="json"
    )
    assert response.status_code == 200
    with in_union(union_a):
        assert list(Signup.objects.filter(attended=True).values_list("member_id", flat=True)) == [
            one.pk
        ]
        assert Activity.objects.get().status == "held"


def test_attendance_of_someone_not_signed_up_is_a_400(culture_api, member_in, union_a):
    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    stranger = member_in(union_a)
    response = culture_api.post(
        f"/api/v1/activities/{activity['id']}/attendance/",
        {"members": [stranger.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "members" in response.json()


def test_another_unions_activity_is_a_404(union_a_chair_api, union_b_chair_api, union_b, member_in):
    created = union_b_chair_api.post("/api/v1/activities/", NEW, format="json").json()
    for method, url, data in [
        ("get", f"/api/v1/activities/{created['id']}/", None),
        ("post", f"/api/v1/activities/{created['id']}/signups/", {"member": 1}),
        ("post", f"/api/v1/activities/{created['id']}/attendance/", {"members": []}),
        ("patch", f"/api/v1/activities/{created['id']}/", {"title": "x"}),
    ]:
        response = getattr(union_a_chair_api, method)(url, data, format="json")
        assert response.status_code == 404, url


def test_anonymous_is_a_401(client_for, union_a):
    assert client_for(None, union_a).get("/api/v1/activities/").status_code == 401


def test_the_facts_count_held_activities_and_participants(
    culture_api, member_in, union_a, in_union
):
    from tenants.facts import fact_value

    activity = culture_api.post("/api/v1/activities/", NEW, format="json").json()
    m = member_in(union_a)
    culture_api.post(
        f"/api/v1/activities/{activity['id']}/signups/", {"member": m.pk}, format="json"
    )
    with in_union(union_a):
        from tenants.facts import facts_refresh

        facts_refresh(keys=["activities.held_by_year", "activities.participants_by_year"])
    assert fact_value(union=union_a, key="activities.held_by_year") == {}
    culture_api.post(
        f"/api/v1/activities/{activity['id']}/attendance/", {"members": [m.pk]}, format="json"
    )
    with in_union(union_a):
        from tenants.facts import facts_refresh

        facts_refresh(keys=["activities.held_by_year", "activities.participants_by_year"])
    assert fact_value(union=union_a, key="activities.held_by_year") == {"2026": 1}
    assert fact_value(union=union_a, key="activities.participants_by_year") == {"2026": 1}


@pytest.mark.parametrize(
    "starts_at", ["0702-04-30T19:35:18Z", "1900-12-31T23:00:00+08:00", "2200-01-01T08:00:00+08:00"]
)
def test_a_start_outside_1901_to_2199_is_a_400_on_starts_at_and_nothing_is_made(
    culture_api, in_union, union_a, starts_at
):
    response = culture_api.post(
        "/api/v1/activities/", {**NEW, "starts_at": starts_at}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["starts_at"]
    assert "date_range" in response["X-Error-Codes"]
    with in_union(union_a):
        assert Activity.objects.count() == 0


def test_a_start_on_the_first_day_of_1901_is_taken(culture_api):
    at = {**NEW, "starts_at": "1901-01-01T09:00:00+08:00"}
    response = culture_api.post("/api/v1/activities/", at, format="json")
    assert response.status_code == 201
    assert response.json()["starts_at"] == "1901-01-01T09:00:00+08:00"


@pytest.mark.parametrize("year", ["513782822409872605184", "99999", "1900", "abc"])
def test_a_list_filtered_by_a_year_outside_1901_to_2199_is_a_400_naming_year(culture_api, year):
    response = culture_api.get("/api/v1/activities/", {"year": year})
    assert response.status_code == 400
    assert list(response.json()) == ["year"]


def test_a_list_filtered_by_a_year_lists_that_years_activities(culture_api):
    culture_api.post("/api/v1/activities/", NEW, format="json")
    assert culture_api.get("/api/v1/activities/", {"year": "2026"}).json()["count"] == 1
    assert culture_api.get("/api/v1/activities/", {"year": "2025"}).json()["count"] == 0
