import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from federation.dues.models import DuesNotice, PayrollDeclaration

pytestmark = pytest.mark.django_db


def fed_client(username):
    client = Client(HTTP_HOST=settings.BASE_DOMAIN)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def union_client(username, union):
    client = Client(HTTP_HOST=f"{union.slug}.{settings.BASE_DOMAIN}")
    with schema_context(union.schema_name):
        client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/dues/",
        "/dues/?period=2026-10&status=issued&search=UNION",
        "/dues/remittance/?period=2026-10",
        "/dues/policy/",
        "/dues/targets/",
        "/dues/statements/",
        "/dues/unions/union-a/",
        "/dues/export.xlsx?period=2026-10",
        "/dues/unions/union-a/arrears.pdf",
    ],
)
def test_federation_pages_render_for_a_viewer(issued, path):
    response = fed_client("federation_viewer").get(path)
    assert response.status_code == 200


def test_the_notice_page_renders(issued):
    assert fed_client("federation_viewer").get(f"/dues/notices/{issued.pk}/").status_code == 200


def test_the_cycle_button_is_for_the_dues_officer(frozen, declare, union_a):
    declare(union_a)
    assert (
        fed_client("federation_viewer").post("/dues/cycle/", {"period": "2026-10"}).status_code
        == 403
    )
    assert DuesNotice.objects.count() == 0
    response = fed_client("federation_clerk").post("/dues/cycle/", {"period": "2026-10"})
    assert response.status_code == 302
    assert DuesNotice.objects.filter(union=union_a).count() == 1


def test_a_payment_form_with_a_bad_amount_shows_the_error(issued):
    response = fed_client("federation_clerk").post(
        f"/dues/notices/{issued.pk}/",
        {"action": "payment", "amount": "-1", "paid_on": "2026-11-04", "reference": "B-1"},
    )
    assert response.status_code == 400
    assert DuesNotice.objects.get(pk=issued.pk).amount_paid == 0


def test_the_policy_form_is_for_the_admin(frozen):
    data = {
        "effective_from": "2026-12-01",
        "rate": "0.0200",
        "period": "monthly",
        "due_day": "15",
        "grace_days": "10",
        "reminder_every_days": "7",
        "upward_share": "0.4000",
        "city_share": "0.5000",
        "small_micro_refund_years": "2026",
    }
    assert fed_client("federation_clerk").post("/dues/policy/", data).status_code == 403
    assert fed_client("federation_admin").post("/dues/policy/", data).status_code == 302


def test_the_union_dues_page_declares_and_corrects(frozen, union_a):
    client = union_client("a_finance", union_a)
    assert client.get("/dues/").status_code == 200
    connection.set_schema_to_public()
    response = client.post(
        "/dues/", {"period": "2026-10", "payroll_total": "5000.00", "headcount": "3"}
    )
    connection.set_schema_to_public()
    assert response.status_code == 302
    decl = PayrollDeclaration.objects.get(union=union_a)
    client.post("/dues/", {"declaration": decl.pk, "payroll_total": "6000.00", "headcount": "3"})
    connection.set_schema_to_public()
    decl.refresh_from_db()
    assert (str(decl.payroll_total), decl.corrections) == ("6000.00", 1)


def test_a_union_member_cannot_open_the_dues_page(union_a):
    assert union_client("a_member", union_a).get("/dues/").status_code == 403


def test_an_officer_reads_but_cannot_declare(frozen, union_a):
    client = union_client("a_organization", union_a)
    assert client.get("/dues/").status_code == 200
    connection.set_schema_to_public()
    assert (
        client.post(
            "/dues/", {"period": "2026-10", "payroll_total": "1.00", "headcount": "1"}
        ).status_code
        == 403
    )
    connection.set_schema_to_public()
    assert PayrollDeclaration.objects.count() == 0


def test_a_statement_is_uploaded_matched_and_recorded_from_the_pages(issued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from federation.dues.models import StatementImport

    client = fed_client("federation_clerk")
    text = f"日期,金额,流水号,摘要\n2026-11-03,2000.00,ICBC-55,DN-{issued.pk}\n"
    response = client.post(
        "/dues/statements/", {"file": SimpleUploadedFile("s.csv", text.encode())}
    )
    statement = StatementImport.objects.get()
    assert response.status_code == 302
    assert client.get(f"/dues/statements/{statement.pk}/").status_code == 200
    client.post(f"/dues/statements/{statement.pk}/")
    assert DuesNotice.objects.get(pk=issued.pk).status == "paid"


def test_a_transfer_is_recorded_from_the_remittance_page(issued, union_a):
    from federation.dues import services
    from federation.dues.models import Remittance

    services.payment_record(
        notice=issued, amount="2000.00", paid_on="2026-11-04", reference="B-1", actor="t"
    )
    response = fed_client("federation_clerk").post(
        "/dues/remittance/",
        {
            "period": "2026-10",
            "kind": "workplace_return",
            "union": "union-a",
            "amount": "1200.00",
            "transferred_on": "2026-11-05",
            "reference": "RET-1",
        },
    )
    assert response.status_code == 302
    assert Remittance.objects.get().amount == 1200


def test_the_notice_pdf_is_served_to_its_union_and_to_federation_staff(issued, union_a, union_b):
    import io

    from pypdf import PdfReader

    own = union_client("a_finance", union_a).get(f"/dues/notices/{issued.pk}.pdf")
    connection.set_schema_to_public()
    other = union_client("b_chair", union_b).get(f"/dues/notices/{issued.pk}.pdf")
    connection.set_schema_to_public()
    staff = fed_client("federation_viewer").get(f"/dues/notices/{issued.pk}/notice.pdf")
    assert (own.status_code, other.status_code, staff.status_code) == (200, 404, 200)
    text = PdfReader(io.BytesIO(own.content)).pages[0].extract_text()
    assert f"DN-{issued.pk}" in text
    assert "2,000.00" in text


def test_the_board_is_chinese_by_default(issued):
    html = fed_client("federation_viewer").get("/dues/").content.decode()
    assert "工会经费" in html
    assert "开具本期缴费通知" not in html  # the cycle button is the dues officer's
    assert "2,000.00" in html


def test_a_bad_period_is_explained_in_chinese(client_for):
    response = client_for("federation_clerk").post(
        "/api/v1/dues/cycles/", {"period": "2026-13"}, format="json"
    )
    assert response.json() == {
        "period": ["所属期格式为 YYYY-MM（月份 01 至 12）或 YYYY-Qn（季度 1 至 4）。"]
    }


def test_the_board_names_the_unions_that_have_not_declared(issued, union_b):
    html = fed_client("federation_viewer").get("/dues/?period=2026-10").content.decode()
    assert f'href="/dues/unions/union-b/">{union_b.name}</a>' in html
    assert 'href="/dues/unions/union-b/">union-b</a>' not in html
