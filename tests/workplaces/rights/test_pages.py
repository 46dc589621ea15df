"""The rights and welfare pages answer in Chinese, escape what users typed, and keep
another union's objects out (404)."""

import datetime as dt

import pytest

from tests.workplaces.rights.factories import contract_payload

pytestmark = pytest.mark.django_db

# only this module's facts: other tests may leave a test fact registered
MY_FACTS = [
    "rights.contract",
    "rights.contracts_in_force",
    "rights.workers_covered",
    "rights.mediation",
    "welfare.hardship",
    "welfare.visits_by_year",
    "welfare.festival_by_year",
]


@pytest.mark.parametrize(
    "path",
    [
        "/rights/",
        "/rights/mediation/",
        "/rights/legal-aid/",
        "/rights/women/",
        "/welfare/",
        "/welfare/festivals/",
        "/welfare/hardship/",
    ],
)
def test_the_union_pages_answer_in_chinese(page_client, union_a, path):
    res = page_client("a_chair", union_a).get(path)
    assert res.status_code == 200
    assert (
        "集体合同" in res.content.decode()
        or "调解" in res.content.decode()
        or "女职工" in res.content.decode()
        or "五必访" in res.content.decode()
        or "困难" in res.content.decode()
    )


def test_what_a_user_typed_is_escaped_on_the_page(a_chair, page_client, union_a):
    a_chair.post(
        "/api/v1/rights/mediations/",
        {
            "received_on": "2026-05-01",
            "applicant": "<script>x</script>",
            "respondent": "公司",
            "matter": "m",
        },
        format="json",
    )
    html = page_client("a_chair", union_a).get("/rights/mediation/").content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_a_contract_page_of_another_union_is_a_404(b_chair, page_client, union_a):
    theirs = b_chair.post("/api/v1/rights/contracts/", contract_payload(), format="json").json()
    client = page_client("a_chair", union_a)
    assert client.get(f"/rights/contracts/{theirs['id']}/").status_code == 404
    assert client.get(f"/rights/contracts/{theirs['id']}/text/").status_code == 404


def test_the_women_page_is_refused_to_another_officer(page_client, union_a):
    assert page_client("a_organization", union_a).get("/rights/women/").status_code == 403


def test_a_contract_is_recorded_from_the_page(page_client, union_a, in_union):
    from workplaces.rights.models import CollectiveContract

    client = page_client("a_chair", union_a)
    res = client.post(
        "/rights/",
        {
            "kind": "collective",
            "signed_on": "2026-03-01",
            "starts_on": "2026-03-01",
            "ends_on": "2029-03-01",
        },
    )
    assert res.status_code == 200  # refused: the form is shown again with the message
    with in_union(union_a):
        assert CollectiveContract.objects.count() == 0
    res = client.post(
        "/rights/",
        {
            "kind": "collective",
            "signed_on": "2026-03-01",
            "starts_on": "2026-03-01",
            "ends_on": "2029-02-28",
        },
    )
    assert res.status_code == 302


def test_the_contract_file_and_hardship_ledger_are_pdfs(a_chair, page_client, union_a, member_in):
    a_chair.post("/api/v1/rights/contracts/", contract_payload(title="<b>合同</b>"), format="json")
    m = member_in(union_a)
    a_chair.post(
        "/api/v1/welfare/hardship/",
        {
            "member": m.pk,
            "category": "deep",
            "household_size": 2,
            "household_income": "1000",
            "reason": "<img>",
        },
        format="json",
    )
    client = page_client("a_chair", union_a)
    for path in ("/rights/contracts.pdf", "/welfare/hardship.pdf"):
        res = client.get(path)
        assert res.status_code == 200
        assert res.content.startswith(b"%PDF")


def test_the_federation_pages_answer_without_names(
    page_client, a_chair, in_union, union_a, member_in
):
    from tenants.facts import facts_refresh

    m = member_in(union_a, name="独特名字")
    a_chair.post(
        "/api/v1/welfare/hardship/",
        {
            "member": m.pk,
            "category": "deep",
            "household_size": 2,
            "household_income": "1000",
            "reason": "病",
        },
        format="json",
    )
    with in_union(union_a):
        facts_refresh(keys=MY_FACTS)
    client = page_client("federation_clerk")
    for path in ("/rights/coverage/", "/welfare/"):
        res = client.get(path)
        assert res.status_code == 200
        assert "独特名字" not in res.content.decode()


def test_the_receipt_export_neutralises_formulas(a_chair, page_client, union_a, member_in):
    import io

    from openpyxl import load_workbook

    m = member_in(union_a)
    made = a_chair.post(
        "/api/v1/welfare/festivals/",
        {
            "festival": "=HYPERLINK(1)",
            "distributed_on": dt.date.today().isoformat(),
            "amount_per_head": "200.00",
            "members": [m.pk],
        },
        format="json",
    ).json()
    res = page_client("a_chair", union_a).get(f"/welfare/festivals/{made['id']}/receipts.xlsx")
    sheet = load_workbook(io.BytesIO(res.content)).worksheets[0]
    assert sheet.cell(row=1, column=1).value == "'=HYPERLINK(1)"


def test_the_menus_offer_an_officer_only_the_registers_it_may_open(page_client, union_a):
    finance = page_client("a_finance", union_a)
    for page, guarded in (("/rights/", "/rights/women/"), ("/welfare/", "/welfare/hardship/")):
        assert f'href="{guarded}"' not in finance.get(page).content.decode()
        assert finance.get(guarded).status_code == 403
        assert f'href="{guarded}"' in page_client("a_chair", union_a).get(page).content.decode()
