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
