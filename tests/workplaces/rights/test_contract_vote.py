"""The draft put to the congress: the vote of a congress-module motion when the union keeps
its sessions in the app, otherwise the vote the officer typed."""

import datetime as dt

import pytest

from tests.workplaces.rights.factories import contract_payload
from workplaces.rights.models import CollectiveContract

pytestmark = pytest.mark.django_db

URL = "/api/v1/rights/contracts/"


@pytest.fixture
def motion_in(in_union):
    """``motion_in(union, yes=, no=, abstain=)``: a motion voted at a quorate session of
    60 delegates, 50 present, recorded through the congress services."""

    def make(union, *, yes, no=0, abstain=0):
        from workplaces.congress.services import motion_vote, session_record

        with in_union(union):
            session = session_record(
                kind="workers",
                title="第三届职代会第二次会议",
                held_on=dt.date(2026, 2, 20),
                delegates_total=60,
                delegates_present=50,
                actor="test",
            )
            return motion_vote(
                session=session,
                title="集体合同草案",
                yes=yes,
                no=no,
                abstain=abstain,
                actor="test",
            )

    return make


def _contract(client):
    return client.post(URL, contract_payload(), format="json").json()


def test_a_contract_pointing_at_a_motion_shows_the_congress_vote(a_chair, motion_in, union_a):
    motion = motion_in(union_a, yes=40, no=6, abstain=4)
    c = _contract(a_chair)
    res = a_chair.patch(f"{URL}{c['id']}/", {"congress_motion": motion.pk}, format="json")
    assert res.status_code == 200
    vote = res.json()["congress_vote"]
    assert {k: vote[k] for k in ("origin", "yes", "no", "abstain", "delegates", "passed")} == {
        "origin": "congress",
        "yes": 40,
        "no": 6,
        "abstain": 4,
        "delegates": 60,
        "passed": True,
    }
    assert (vote["voted_on"], vote["motion"]) == ("2026-02-20", motion.pk)


def test_a_motion_short_of_half_of_all_delegates_shows_as_not_passed(a_chair, motion_in, union_a):
    motion = motion_in(union_a, yes=30, no=15, abstain=5)  # 30 of 60 is not more than half
    c = _contract(a_chair)
    res = a_chair.patch(f"{URL}{c['id']}/", {"congress_motion": motion.pk}, format="json")
    assert res.json()["congress_vote"]["passed"] is False


def test_without_congress_data_the_vote_typed_by_hand_is_shown(a_chair):
    c = _contract(a_chair)
    res = a_chair.patch(
        f"{URL}{c['id']}/",
        {"congress_voted_on": "2026-02-20", "congress_yes": 31, "congress_total": 60},
        format="json",
    )
    vote = res.json()["congress_vote"]
    assert (vote["origin"], vote["yes"], vote["delegates"], vote["passed"]) == (
        "manual",
        31,
        60,
        True,
    )
    assert (vote["no"], vote["motion"]) == (None, None)


def test_linking_a_motion_replaces_the_vote_typed_by_hand(a_chair, motion_in, in_union, union_a):
    motion = motion_in(union_a, yes=40)
    c = _contract(a_chair)
    a_chair.patch(
        f"{URL}{c['id']}/",
        {"congress_voted_on": "2026-02-20", "congress_yes": 31, "congress_total": 60},
        format="json",
    )
    a_chair.patch(f"{URL}{c['id']}/", {"congress_motion": motion.pk}, format="json")
    with in_union(union_a):
        row = CollectiveContract.objects.get(pk=c["id"])
        assert (row.congress_motion_id, row.congress_yes, row.congress_voted_on) == (
            motion.pk,
            None,
            None,
        )


def test_a_motion_of_another_union_is_a_400_and_nothing_is_linked(
    a_chair, motion_in, in_union, union_a, union_b
):
    theirs = motion_in(union_b, yes=40)
    c = _contract(a_chair)
    with in_union(union_a):
        from workplaces.congress.models import Motion

        assert not Motion.objects.filter(pk=theirs.pk).exists()  # means nothing in union A
    res = a_chair.patch(f"{URL}{c['id']}/", {"congress_motion": theirs.pk}, format="json")
    assert res.status_code == 400
    assert list(res.json()) == ["congress_motion"]
    with in_union(union_a):
        assert CollectiveContract.objects.get(pk=c["id"]).congress_motion_id is None


def test_the_contract_page_shows_the_motion_vote_and_offers_the_motions(
    a_chair, motion_in, page_client, union_a
):
    motion = motion_in(union_a, yes=40, no=6, abstain=4)
    c = _contract(a_chair)
    client = page_client("a_chair", union_a)
    res = client.post(f"/rights/contracts/{c['id']}/motion/", {"congress_motion": str(motion.pk)})
    assert res.status_code == 302
    html = client.get(f"/rights/contracts/{c['id']}/").content.decode()
    assert 'data-vote-source="congress"' in html
    assert "集体合同草案" in html
    assert 'name="congress_motion"' in html


def test_the_contract_file_prints_the_vote_as_day_votes_for_of_all_delegates_and_result():
    from workplaces.rights.documents import vote_text
    from workplaces.rights.selectors import ContractVote

    vote = ContractVote(
        source="congress",
        voted_on=dt.date(2026, 2, 20),
        yes=40,
        no=6,
        abstain=4,
        delegates=60,
        passed=True,
    )
    assert vote_text(vote) == "2026-02-20 40/60 passed"
    assert vote_text(None) == ""


def test_the_contract_file_is_a_pdf_with_a_linked_vote(a_chair, motion_in, page_client, union_a):
    motion = motion_in(union_a, yes=40)
    c = _contract(a_chair)
    a_chair.patch(f"{URL}{c['id']}/", {"congress_motion": motion.pk}, format="json")
    res = page_client("a_chair", union_a).get("/rights/contracts.pdf")
    assert res.status_code == 200
    assert res.content.startswith(b"%PDF")
