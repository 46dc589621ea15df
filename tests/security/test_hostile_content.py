"""Issue 15's hostile-content suite: a union types hostile text (a DDE formula, HTML,
ReportLab markup reaching for a file on the server, RTL and zero-width characters, up to
10,000 characters) into every free-text field of a door, and every page, spreadsheet and
PDF where it lands shows it inert: the page escaped, the cell neutralised as
``federation.platform.safety.cell_safe`` does (numbers stay numbers), the PDF generated
and showing the text literally with nothing embedded.

The pairs (where it is typed, where it lands) are the registry in
``tests/security/hostile_landings``.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from django.urls import get_resolver
from openpyxl import load_workbook
from pypdf import PdfReader

from federation.platform.safety import cell_safe
from tests.security.hostile import FORMULA, FORMULA_STARTS, MARKUP, SCRIPT, Clients, hostile
from tests.security.hostile_landings import LANDINGS, Landing
from tests.security.routes import HOSTS, _walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(client_for, union_a) -> Clients:
    return Clients(
        union_api=client_for("a_chair", union_a),
        federation_api=client_for("federation_admin"),
        union_host=f"{union_a.slug}.localhost",
        _pages={},
    )


def _xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def inert_xlsx(content: bytes) -> None:
    cells = _xlsx_cells(content)
    formulas = [c.coordinate for c in cells if c.data_type == "f"]
    live = [
        c.value for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
    ]
    assert (formulas, live) == ([], [])
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(SCRIPT in t for t in texts), "the hostile text did not land"
    assert any(t.startswith(cell_safe(FORMULA)) for t in texts)


def inert_csv(content: bytes) -> None:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    fields = [f for row in rows for f in row]
    assert [f for f in fields if f.startswith(FORMULA_STARTS)] == []
    assert any(SCRIPT in f for f in fields), "the hostile text did not land"
    assert any(f.startswith(cell_safe(FORMULA)) for f in fields)


def _images(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def inert_pdf(content: bytes) -> None:
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    assert SCRIPT in text, "the hostile text is not shown literally"
    assert _images(reader) == 0  # <img src="/etc/passwd"/> embedded nothing


def inert_html(content: bytes) -> None:
    page = content.decode()
    assert SCRIPT not in page
    assert MARKUP not in page
    assert html.escape(SCRIPT, quote=False) in page, "the hostile text did not land"


CHECKS = {"xlsx": inert_xlsx, "csv": inert_csv, "pdf": inert_pdf, "html": inert_html}


def test_the_hostile_text_fits_the_fields_it_is_typed_into():
    assert hostile(50).startswith(FORMULA + SCRIPT)
    assert len(hostile(50)) <= 50
    assert MARKUP in hostile(200)
    assert len(hostile(20000)) == 10_000


@pytest.mark.parametrize(
    "landing", [pytest.param(x, id=f"{x.typed.__name__[6:]} -> {x.name}") for x in LANDINGS]
)
def test_hostile_text_lands_inert(landing: Landing, clients):
    ids = landing.typed(clients)
    response = landing.fetch(clients, ids)
    assert response.status_code == 200, response.content[:300]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    CHECKS[landing.kind](content)


# Document routes whose hostile text is proven elsewhere, or that show none a union typed
COVERED_ELSEWHERE = {
    "dues/export.xlsx": "tests/federation/dues/test_hostile.py",
    "dues/notices/<int:pk>/notice.pdf": "tests/federation/dues/test_hostile.py",
    "dues/notices/<int:pk>.pdf": "tests/federation/dues/test_hostile.py",
    "dues/unions/<slug:slug>/arrears.pdf": "tests/federation/dues/test_hostile.py",
    "api/v1/dues/unions/<slug:slug>/arrears.pdf": "tests/federation/dues/test_hostile.py",
    "homes/export.xlsx": "tests/federation/homes/test_hostile.py",
    "homes/assessments/<int:pk>/certificate.pdf": "tests/federation/homes/test_hostile.py",
    "homes/assessments/<int:pk>/evidence.zip": "tests/federation/homes/test_hostile.py",
    "api/v1/homes/assessments/<int:pk>/certificate.pdf": "tests/federation/homes/test_hostile.py",
    "homes/<int:pk>/certificate.pdf": "tests/federation/homes/test_hostile.py",
    "homes/<int:pk>/self-assessment.pdf": "tests/federation/homes/test_hostile.py",
    "reports/cycles/<int:pk>/export.xlsx": "the API cycle export's renderer",
    "members/export/<str:fmt>/": "the API member export's renderer",
    "members/export/<str:fmt>/start/": "queues an export job (a redirect, no document)",
    "members/export/jobs/<int:pk>/": "an export job's progress (counts only)",
    "members/export/jobs/<int:pk>/download/": "the API member export's writer (exports.py)",
    "api/v1/members/<int:pk>/registration.pdf": "the registration page's renderer",
    "congress/sessions/<int:pk>/minutes.pdf": "the API minutes' renderer",
    "congress/books/<str:kind>.pdf": "the API proposal book's renderer",
    "api/v1/congress/books/suggestions.pdf": "the proposal book's renderer (by kind)",
    "ledgers/<slug:code>.<str:fmt>": "the API ledger books' renderer",
    "ledgers/": "the list of books (no user text)",
    "api/v1/ledgers/": "the list of books (no user text)",
    "members/import/template.xlsx": "no user text",
    "finance/member-dues/import/template.xlsx": "no user text",
}
DOCUMENT = re.compile(r"\.(pdf|xlsx|csv|zip)|export|ledgers/|books/")


def _pattern(route: str) -> re.Pattern:
    """The paths a route serves: each ``<converter:name>`` one path segment or part."""
    return re.compile("^/" + "[^/]+".join(map(re.escape, re.split(r"<[^>]+>", route))) + "$")


def test_every_document_of_both_hosts_has_a_hostile_landing():
    landed = [x.fetch.path.split("?")[0].replace("{", "").replace("}", "") for x in LANDINGS]
    missing = sorted(
        route
        for side in HOSTS
        for route, _callback in _walk(get_resolver(HOSTS[side][0]))
        if DOCUMENT.search(route)
        and route not in COVERED_ELSEWHERE
        and not any(_pattern(route).match(path) for path in landed)
    )
    assert missing == [], "add a landing to tests/security/hostile_landings.py"
