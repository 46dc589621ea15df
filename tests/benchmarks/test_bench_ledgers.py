"""Printed books: the member roster (会员名册) as PDF for a register of up to 20,000
members, laid out as shipped (``federation.platform.pdf.long_table``: short cells as plain
text, the body in tables of 100 rows, the header drawn on every page) beside the layout
before it (one table of paragraphs, ReportLab re-measuring the rest of it at every page),
on the same rows in the same run. The roster through the API too, as a user downloads it."""

import datetime as dt
import io
import time

import pytest
from django.core.cache import cache
from django_tenants.utils import schema_context
from pypdf import PdfReader

from tests.benchmarks.conftest import report
from tests.benchmarks.test_bench_members import _csv, _rows_cap
from tests.conftest import HostClient, _token_for, host_of
from workplaces.members.imports.limits import _key as lookups_key

SIZES = (1_000, 2_000, 4_000, 10_000, 20_000)
OLD_SIZES = (1_000, 2_000, 4_000)  # the old layout grows with the square: 10,000 took ~25 s
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _one_table_pdf(book, rows) -> bytes:
    """The roster as it was laid out before (ec96437): every cell a paragraph, one table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle

    from federation.platform.pdf import pdf_font
    from federation.platform.safety import pdf_cell, pdf_table, pdf_text, shares
    from workplaces.ledgers.printing import _cell

    font = pdf_font()
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=12)
    pagesize = landscape(A4)
    widths = shares(pagesize[0] - 30 * mm, [1.0] * len(book.columns))
    data = [[Paragraph(pdf_text(c), body) for c in book.columns]]
    data += [[pdf_cell(_cell(v), body) for v in row] for row in rows]
    table = pdf_table(data, col_widths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=pagesize).build([table])
    return buf.getvalue()


def _rows_by_instances(start: dt.date, end: dt.date) -> list[list]:
    """The roster's rows as they were read before: one model instance per member."""
    from django.db.models import Q

    from workplaces.members.models import HOLDING_STATUSES, Member

    qs = (
        Member.objects.filter(joined_on__lte=end)
        .filter(Q(status__in=HOLDING_STATUSES) | Q(status_on__gte=start))
        .select_related("group")
    )
    return [
        [
            m.member_no,
            m.name,
            m.get_gender_display(),
            m.birth_date,
            m.get_employment_display(),
            m.group.name if m.group else "",
            m.joined_on,
            m.get_status_display(),
        ]
        for m in qs
    ]


def _timed(build) -> tuple[float, bytes]:
    t = time.perf_counter()
    content = build()
    return time.perf_counter() - t, content


@pytest.mark.django_db
def test_bench_ledgers_members_book(union_a):
    from federation.rules.services import rule_change
    from workplaces.ledgers import selectors
    from workplaces.ledgers.printing import book_pdf
    from workplaces.ledgers.registry import book_get

    client = HostClient(host_of(union_a))
    client.credentials(HTTP_AUTHORIZATION=f"Token {_token_for('a_organization', union_a)}")
    cache.delete(lookups_key(union_a))
    _rows_cap(max(SIZES))
    upload = io.BytesIO(_csv(max(SIZES), start=70_000))
    upload.name = "register.csv"
    r = client.post("/api/v1/members/import/", {"file": upload}, format="multipart")
    assert r.status_code == 200, r.content[:500]

    book = book_get("members")
    with schema_context(union_a.schema_name):
        rows = selectors.rows_of(book, start=START, end=END)
    assert len(rows) >= max(SIZES)
    lines = []
    for n in SIZES:
        seconds, content = _timed(
            lambda n=n: book_pdf(
                book=book, union_name="红星厂工会", start=START, end=END, rows=rows[:n]
            )
        )
        pages = len(PdfReader(io.BytesIO(content)).pages)
        line = f"{seconds:5.2f} s  {pages:4d} pages  {len(content) / 1e6:4.1f} MB"
        if n in OLD_SIZES:
            old, _ = _timed(lambda n=n: _one_table_pdf(book, rows[:n]))
            line += f"   one table of paragraphs (before): {old:5.2f} s  ({old / seconds:.1f}x)"
        lines.append((f"{n:>6,} rows, laid out", line))

    url = "/api/v1/ledgers/members/?format=pdf&from=2026-01-01&to=2026-12-31"
    rule_change(
        key="ledgers.pdf_max_rows",
        value=len(rows),
        effective_from=dt.date.today() - dt.timedelta(days=1),
        actor=None,
    )
    with schema_context(union_a.schema_name):
        read, _rows = _timed(lambda: selectors.rows_of(book, start=START, end=END))
        before, _rows = _timed(lambda: _rows_by_instances(START, END))
    seconds, answer = _timed(lambda: client.get(url))
    assert answer.status_code == 200, answer.content[:300]
    lines += [
        (
            f"the roster's {len(rows):,} rows read (books.members_rows)",
            f"{read:.2f} s   as model instances (before): {before:.2f} s",
        ),
        (
            f"GET /api/v1/ledgers/members/?format=pdf, {len(rows):,} members",
            f"{seconds:.2f} s, {len(answer.content) / 1e6:.1f} MB"
            "  (the cap, rule ledgers.pdf_max_rows, raised from its 10,000 for this; the web "
            "server's timeout: 30 s)",
        ),
    ]
    report("Printed books: the member roster as PDF", lines)
