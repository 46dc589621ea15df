import io
import re

from pypdf import PdfReader

from federation.platform.pdf import list_pdf


def test_a_list_with_markup_a_union_typed_prints_as_text():
    # unescaped, ReportLab would read "<img>" as markup and refuse to build the page
    pdf = list_pdf(
        title="困难职工档案",
        heading="<b>工会</b> · 困难职工档案",
        head=["姓名", "原因"],
        rows=[["张三", "<img src='x'/>"], ["李四", None]],
    )
    assert pdf.startswith(b"%PDF")


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_a_long_list_names_its_columns_on_every_page_and_prints_each_row_once():
    rows = [[f"R{i:04d}", "张三" if i % 2 else "李四"] for i in range(400)]
    pages = _pages(list_pdf(title="名册", heading="名册", head=["编号", "姓名"], rows=rows))
    assert len(pages) > 3
    assert all("编号" in text and "姓名" in text for text in pages)
    printed = re.findall(r"R\d{4}", "".join(pages))
    assert printed == [r[0] for r in rows]


def test_an_empty_list_prints_its_header():
    [page] = _pages(list_pdf(title="名册", heading="名册", head=["编号", "姓名"], rows=[]))
    assert "编号" in page
