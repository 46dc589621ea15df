import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import HostClient, host_of
from tests.workplaces.members.conftest import member_payload, unique_id
from workplaces.members.models import ImportJob, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_for(in_union):
    def make(username, union):
        client = HostClient(host_of(union))
        client.cookies["django_language"] = "en"  # the language switch's cookie
        with in_union(union):
            client.force_login(get_user_model().objects.get(username=username))
        return client

    return make


@pytest.fixture
def org_page(page_for, union_a):
    return page_for("a_organization", union_a)


def test_the_list_shows_members_dues_and_the_monthly_total(org_page, make_member, union_a):
    make_member(union_a, name="张伟", monthly_wage="4009.99")
    make_member(union_a, name="李娜", gender="F", monthly_wage="4010.00")
    r = org_page.get("/members/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "张伟" in html
    assert "20.00" in html
    assert "20.05" in html
    assert "¥40.05" in html


def test_the_list_filters_by_search(org_page, make_member, union_a):
    make_member(union_a, name="张伟")
    make_member(union_a, name="李娜", gender="F")
    html = org_page.get("/members/?search=李").content.decode()
    assert "李娜" in html
    assert "张伟" not in html


def test_pages_are_chinese_by_default(page_for, union_a):
    client = page_for("a_organization", union_a)
    del client.cookies["django_language"]
    assert "会员" in client.get("/members/").content.decode()


def test_adding_through_the_form(org_page, union_a, in_union):
    data = member_payload(name="赵敏", gender="F")
    data["gender"] = ""
    r = org_page.post("/members/new/", data)
    assert r.status_code == 302
    with in_union(union_a):
        member = Member.objects.get(name="赵敏")
    assert member.gender == "F"
    assert r["Location"] == f"/members/{member.pk}/"


def test_the_form_shows_field_errors(org_page, union_a, in_union):
    r = org_page.post("/members/new/", member_payload(id_number="123"))
    assert r.status_code == 400
    assert "A resident ID number has 17 digits" in r.content.decode()


def test_the_form_shows_the_federation_conflict(org_page, make_member, union_b):
    member = make_member(union_b)
    r = org_page.post("/members/new/", member_payload(id_number=member.id_number))
    assert r.status_code == 400
    assert "ask that union to transfer them" in r.content.decode()


def test_the_member_file_shows_timeline_and_audit(org_page, make_member, union_a):
    member = make_member(union_a)
    org_page.post(
        f"/members/{member.pk}/leave/", {"status": "retained", "on": "2026-01-31", "reason": "退休"}
    )
    html = org_page.get(f"/members/{member.pk}/").content.decode()
    assert "退休" in html
    assert "Membership history" in html
    assert "Change log" in html
    assert "Member left" in html


def test_edit_form_saves(org_page, make_member, union_a, in_union):
    member = make_member(union_a)
    data = member_payload(name="张伟", id_number=member.id_number, phone="13700001111")
    r = org_page.post(f"/members/{member.pk}/edit/", data)
    assert r.status_code == 302
    with in_union(union_a):
        assert Member.objects.get(pk=member.pk).phone == "13700001111"


def test_transfer_from_the_member_file_and_accept_on_the_other_side(
    org_page, page_for, make_member, union_a, union_b, in_union
):
    member = make_member(union_a, name="周杰")
    org_page.post(f"/members/{member.pk}/transfer/", {"to_union": "union-b", "reason": "调动"})
    b_page = page_for("b_chair", union_b)
    html = b_page.get("/members/transfers/").content.decode()
    assert "周杰" in html
    from tenants.models import MemberTransfer

    tid = MemberTransfer.objects.get().pk
    assert b_page.post(f"/members/transfers/{tid}/accept/").status_code == 302
    with in_union(union_b):
        assert Member.objects.get().name == "周杰"
    with in_union(union_a):
        assert Member.objects.get(pk=member.pk).status == "transferred_out"


def test_the_federation_page_lists_transfers_in_flight(org_page, make_member, union_a, client_for):
    member = make_member(union_a, name="周杰")
    org_page.post(f"/members/{member.pk}/transfer/", {"to_union": "union-b"})
    client = client_for(None)
    from django.contrib.auth import get_user_model as gum

    client.force_login(gum().objects.get(username="federation_viewer"))
    html = client.get("/member-transfers/").content.decode()
    assert "周*" in html
    assert "周杰" not in html


def test_groups_page_creates_a_group(org_page, union_a, in_union):
    from workplaces.members.models import UnionGroup

    assert org_page.post("/members/groups/", {"name": "机关小组", "leader": ""}).status_code == 302
    with in_union(union_a):
        assert list(UnionGroup.objects.values_list("name", flat=True)) == ["机关小组"]


def test_applications_page_submits_and_approves(org_page, union_a, in_union):
    data = member_payload(name="吴磊")
    data.pop("joined_on")
    data.pop("gender")
    assert org_page.post("/members/applications/", data).status_code == 302
    from workplaces.members.models import MembershipApplication

    with in_union(union_a):
        app = MembershipApplication.objects.get()
    assert org_page.post(f"/members/applications/{app.pk}/approve/").status_code == 302
    with in_union(union_a):
        assert Member.objects.get().name == "吴磊"


def test_roster_prints_active_members(org_page, make_member, union_a):
    make_member(union_a, name="张伟")
    r = org_page.get("/members/roster/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "张伟" in html
    assert "@page" in html


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_buttons(org_page, make_member, union_a, fmt):
    make_member(union_a)
    r = org_page.get(f"/members/export/{fmt}/?status=active")
    assert r.status_code == 200
    assert r["Content-Disposition"].endswith(f'.{fmt}"')


def test_import_page_queues_a_job_and_shows_progress(
    org_page, union_a, in_union, django_capture_on_commit_callbacks
):
    from unittest import mock

    content = f"姓名,身份证号,入会日期\n张伟,{unique_id()},2021-01-01\n".encode()
    f = io.BytesIO(content)
    f.name = "m.csv"
    with (
        mock.patch("workplaces.members.tasks.import_run.apply_async") as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        r = org_page.post("/members/import/", {"file": f})
    assert r.status_code == 302
    with in_union(union_a):
        job = ImportJob.objects.get()
    send.assert_called_once_with((job.pk,), soft_time_limit=600, time_limit=630)
    html = org_page.get(f"/members/import/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html
    # run it here as the worker would
    from workplaces.members.imports import import_job_run

    with in_union(union_a):
        import_job_run(job_id=job.pk)
    html = org_page.get(f"/members/import/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "1 created, 0 updated." in html
    assert 'value="100"' in html


def test_import_template_download(org_page):
    r = org_page.get("/members/import/template.xlsx")
    assert r.status_code == 200


@pytest.mark.parametrize(
    "username", ["a_member", "a_chair", "a_finance", "a_group_leader", "a_organization"]
)
def test_who_may_open_the_list_page(page_for, union_a, username):
    code = org_code = page_for(username, union_a).get("/members/").status_code
    assert code == (403 if username == "a_member" else 200), org_code


@pytest.mark.parametrize(
    "url", ["/members/new/", "/members/import/", "/members/transfers/", "/members/applications/"]
)
@pytest.mark.parametrize("username", ["a_member", "a_finance", "a_group_leader"])
def test_managing_pages_are_refused_to_readers(page_for, union_a, url, username):
    assert page_for(username, union_a).get(url).status_code == 403


def test_the_group_leader_sees_only_the_group_on_the_page(page_for, make_member, union_a, in_union):
    from workplaces.members.groups import group_create

    with in_union(union_a):
        leader = get_user_model().objects.get(username="a_group_leader")
        mine = group_create(name="我的小组", leader_id=leader.pk, actor="t")
    make_member(union_a, name="组内", group=mine)
    make_member(union_a, name="组外")
    html = page_for("a_group_leader", union_a).get("/members/").content.decode()
    assert "组内" in html
    assert "组外" not in html


def test_the_nav_shows_members_to_the_officer(org_page):
    html = org_page.get("/").content.decode()
    assert 'href="/members/"' in html


def test_a_member_sees_their_own_record_page(page_for, make_member, union_a, in_union):
    from workplaces.members.services import member_update

    member = make_member(union_a, name="本人")
    with in_union(union_a):
        login = get_user_model().objects.get(username="a_member")
        member_update(member=member, actor="t", user=login.pk)
    client = page_for("a_member", union_a)
    html = client.get("/members/me/").content.decode()
    assert "本人" in html
    assert member.member_no in html
    assert 'href="/members/me/"' in client.get("/").content.decode()


def test_a_member_checks_their_own_real_name_record(page_for, make_member, union_a, in_union):
    """Issue 11 item 9: the member sees what the collection holds about them (to have it
    corrected), their own ID number in full."""
    from workplaces.members.services import member_update

    member = make_member(union_a, name="本人", ethnicity="壮族", position="电工")
    with in_union(union_a):
        login = get_user_model().objects.get(username="a_member")
        member_update(member=member, actor="t", user=login.pk)
    html = page_for("a_member", union_a).get("/members/me/").content.decode()
    assert "壮族" in html
    assert "电工" in html
    assert member.id_number in html


def test_a_bad_application_answers_400_with_the_errors(org_page, union_a, in_union):
    from workplaces.members.models import MembershipApplication

    data = member_payload(name="吴磊", id_number="123")
    data.pop("joined_on")
    data.pop("gender")
    r = org_page.post("/members/applications/", data)
    assert r.status_code == 400
    assert 'class="errors"' in r.content.decode()
    with in_union(union_a):
        assert not MembershipApplication.objects.exists()


def test_the_roster_menu_offers_a_reader_only_what_it_may_open(page_for, org_page, union_a):
    finance = page_for("a_finance", union_a)
    html = finance.get("/members/").content.decode()
    for refused in ("/members/applications/", "/members/transfers/", "/members/import/"):
        assert f'href="{refused}"' not in html
        assert finance.get(refused).status_code == 403
    assert 'href="/members/import/"' in org_page.get("/members/").content.decode()


@pytest.fixture
def roster_cap_of_one():
    from federation.rules.services import rule_change

    rule_change(
        key="members.roster_max_rows",
        value=1,
        effective_from=dt.date.today() - dt.timedelta(days=1),
        actor=None,
    )


def test_a_roster_longer_than_the_cap_asks_for_a_narrower_list(
    org_page, make_member, union_a, roster_cap_of_one
):
    make_member(union_a, name="张伟")
    make_member(union_a, name="李娜", gender="F")
    r = org_page.get("/members/roster/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "This roster has 2 members, more than one printable page holds (1)" in html
    assert "张伟" not in html
    assert "李娜" not in html
    assert 'href="/members/?status=active"' in html


def test_a_roster_at_the_cap_prints(org_page, make_member, union_a, roster_cap_of_one):
    make_member(union_a, name="张伟")
    html = org_page.get("/members/roster/").content.decode()
    assert "张伟" in html
    assert "more than one printable page holds" not in html


def test_the_applications_list_is_shown_by_pages(org_page, union_a, in_union):
    from workplaces.members.applications import application_submit

    with in_union(union_a):
        for _ in range(55):
            application_submit(
                actor=None, name="赵敏", gender="M", id_number=unique_id(), employment="regular"
            )
    first = org_page.get("/members/applications/?status=submitted").content.decode()
    assert "Page 1 of 2" in first
    assert 'href="?status=submitted&amp;page=2"' in first
