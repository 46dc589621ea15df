"""Export of the member register (xlsx and csv) and the import template."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from workplaces.members.imports.reading import COLUMNS
from workplaces.members.models import Employment, Member

EMPLOYMENT_ZH = {
    "regular": "正式",
    "contract": "合同制",
    "dispatched": "劳务派遣",
    "migrant": "农民工",
    "retired_rehired": "退休返聘",
}
STATUS_ZH = {
    "active": "在册",
    "retained": "保留会籍",
    "transferred_out": "已转出",
    "withdrawn": "退会",
    "expelled": "除名",
    "deceased": "去世",
}
EXPORT_HEADER = [
    "会员号",
    "姓名",
    "性别",
    "身份证号",
    "出生日期",
    "手机",
    "用工形式",
    "工会小组",
    "月工资",
    "月会费",
    "入会日期",
    "状态",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_rows(qs: QuerySet[Member]) -> Iterator[list[Any]]:
    for m in qs.iterator(chunk_size=2000):
        yield [
            m.member_no,
            m.name,
            "男" if m.gender == "M" else "女",
            m.id_number,
            m.birth_date.isoformat(),
            m.phone,
            EMPLOYMENT_ZH.get(m.employment, m.employment),
            m.group.name if m.group_id and m.group else "",
            f"{m.monthly_wage:.2f}",
            f"{getattr(m, 'dues_monthly', 0) or 0:.2f}",
            m.joined_on.isoformat(),
            STATUS_ZH.get(m.status, m.status),
        ]


def _csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    # with a BOM, Excel opens UTF-8 CSV with the Chinese intact
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_csv(qs: QuerySet[Member]) -> bytes:
    return _csv_bytes(EXPORT_HEADER, export_rows(qs))


def export_xlsx(qs: QuerySet[Member]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("会员名册")
    ws.append(EXPORT_HEADER)
    for row in export_rows(qs):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def import_template_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "会员导入"
    ws.append([zh for zh, _r in COLUMNS.values()])
    ws.append(
        [
            "张三",
            "男",
            "330102199001010011",
            "13800000000",
            "2024-01-15",
            "正式",
            "4500.00",
            "一车间小组",
        ]
    )
    for col in "ABCDEFGH":
        ws.column_dimensions[col].width = 18
    notes = wb.create_sheet("说明")
    notes.append(["列", "API 字段", "必填", "说明"])
    explain = {
        "gender": "男/女 或 M/F，须与身份证号一致；可不填",
        "id_number": "18 位居民身份证号（校验码）",
        "joined_on": "YYYY-MM-DD",
        "employment": "、".join(EMPLOYMENT_ZH.values()) + "；或 " + ", ".join(Employment.values),
        "monthly_wage": "元，两位小数",
        "group": "工会小组名称，须已建立",
    }
    for api, (zh, required) in COLUMNS.items():
        notes.append([zh, api, "是" if required else "否", explain.get(api, "")])
    notes.append([])
    notes.append(["第 1 行为表头；错误按行号（表头为第 1 行）和列报告。"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
