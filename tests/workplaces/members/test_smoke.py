from tests.workplaces.members.conftest import member_payload


def test_create_and_list(a_org):
    r = a_org.post("/api/v1/members/", member_payload(), format="json")
    assert r.status_code == 201, r.content
    r = a_org.get("/api/v1/members/?search=张")
    assert r.status_code == 200, r.content
    assert r.json()["count"] == 1
