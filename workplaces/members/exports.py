"""Export of the member register (xlsx and csv) and the import template.

Numbers and dates are typed cells in xlsx (Excel sums them); every text cell goes through
``cell_safe`` so a group name like ``=HYPERLINK(...)`` stays text (issue 15, item 3). The
ID number and phone are masked for readers who see them masked on the page.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import translation

from federation.platform.safety import cell_safe
from tenants.validators import id_number_check_char
from workplaces.members.choices import ETHNIC_GROUPS
from workplaces.members.imports.reading import COLUMNS
from workplaces.members.masking import id_number_mask, phone_mask
from workplaces.members.models import Employment, Member, MemberStatus
from workplaces.members.profile import CHOICE_FIELDS, zh_labels

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# column header, and how the cell is typed: "text", "date", "money", "int"
EXPORT_COLUMNS: list[tuple[str, str]] = [
    ("会员号", "text"),
    ("姓名", "text"),
    ("性别", "text"),
    ("身份证号", "text"),
    ("出生日期", "date"),
    ("手机", "text"),
    ("用工形式", "text"),
    ("工会小组", "text"),
    ("月工资", "money"),
    ("月会费", "money"),
    ("入会日期", "date"),
    ("状态", "text"),
    ("是否农民工", "text"),
    ("民族", "text"),
    ("政治面貌", "text"),
    ("学历", "text"),
    ("户籍类型", "text"),
    ("户籍地", "text"),
    ("岗位/职务", "text"),
    ("技能等级", "text"),
    ("是否劳模", "text"),
    ("劳模级别", "text"),
    ("会员卡号", "text"),
    ("家庭住址", "text"),
    ("退休日期", "date"),
]
EXPORT_HEADER = [h for h, _k in EXPORT_COLUMNS]


def _labels() -> dict[str, dict[str, str]]:
    return {
        "employment": zh_labels(Employment),
        "status": zh_labels(MemberStatus),
        **{name: zh_labels(enum) for name, (enum, _w) in CHOICE_FIELDS.items()},
    }


Progress = Callable[[int], None] | None
PROGRESS_EVERY = 1000


def export_rows(
    qs: QuerySet[Member], *, reveal: bool = True, progress: Progress = None
) -> Iterator[list[Any]]:
    """One row per member, values typed (Decimal, date) and text neutralised; ``progress``
    is told the rows done every thousand rows."""
    labels = _labels()
    yes = {True: "是", False: "否"}
    for n, m in enumerate(qs.iterator(chunk_size=2000), start=1):
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n)
        row: list[Any] = [
            m.member_no,
            m.name,
            "男" if m.gender == "M" else "女",
            m.id_number if reveal else id_number_mask(m.id_number),
            m.birth_date,
            m.phone if reveal else phone_mask(m.phone),
            labels["employment"].get(m.employment, m.employment),
            m.group.name if m.group_id and m.group else "",
            m.monthly_wage,
            Decimal(getattr(m, "dues_monthly", 0) or 0).quantize(Decimal("0.01")),
            m.joined_on,
            labels["status"].get(m.status, m.status),
            yes[m.is_migrant],
            m.ethnicity,
            labels["political_status"].get(m.political_status, ""),
            labels["education"].get(m.education, ""),
            labels["household_type"].get(m.household_type, ""),
            m.household_place,
            m.position,
            labels["skill_level"].get(m.skill_level, ""),
            yes[m.model_worker],
            labels["model_worker_level"].get(m.model_worker_level, ""),
            m.card_no,
            m.address,
            m.retirement_date,
        ]
        yield [cell_safe(v) for v in row]


def _csv_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return "" if value is None else value


def _csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_text(v) for v in row])
    # with a BOM, Excel opens UTF-8 CSV with the Chinese intact
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_csv(qs: QuerySet[Member], *, reveal: bool = True, progress: Progress = None) -> bytes:
    return _csv_bytes(EXPORT_HEADER, export_rows(qs, reveal=reveal, progress=progress))


def export_xlsx(qs: QuerySet[Member], *, reveal: bool = True, progress: Progress = None) -> bytes:
    """The register as a typed sheet, written by XlsxWriter in constant memory: a row goes
    to disk as it comes (openpyxl's write-only cells took 36 s for 100,000 members, past the
    web server's 30 s; this takes ~11). Text goes in with ``write_string`` (never read as a
    formula), dates and money as typed cells with their number formats."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True})
    ws = wb.add_worksheet("会员名册")
    formats = {
        "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
        "money": wb.add_format({"num_format": "#,##0.00"}),
        "text": wb.add_format({"num_format": "@"}),
    }
    for col, title in enumerate(EXPORT_HEADER):
        ws.write_string(0, col, title)
    kinds = [(col, kind, formats.get(kind)) for col, (_h, kind) in enumerate(EXPORT_COLUMNS)]
    for r, row in enumerate(export_rows(qs, reveal=reveal, progress=progress), start=1):
        for col, kind, fmt in kinds:
            value = row[col]
            if value is None or value == "":
                continue
            if kind == "date":
                ws.write_datetime(r, col, value, fmt)
            elif kind in ("money", "int"):
                ws.write_number(r, col, value, fmt)
            else:
                ws.write_string(r, col, str(value), fmt)
    wb.close()
    return buf.getvalue()


# --- the import template -----------------------------------------------------------
def sample_id_number() -> str:
    """A sample that passes the importer's own GB 11643 checksum (a man born 1990-01-01)."""
    first17 = "33010219900101001"
    return first17 + id_number_check_char(first17)


def _options() -> dict[str, list[str]]:
    """The drop-down lists of the template, column by column (Chinese labels)."""
    with translation.override("zh-hans"):
        return {
            "gender": ["男", "女"],
            "employment": list(zh_labels(Employment).values()),
            "ethnicity": list(ETHNIC_GROUPS),
            **{name: list(zh_labels(enum).values()) for name, (enum, _w) in CHOICE_FIELDS.items()},
            "model_worker": ["是", "否"],
        }


def _drop_downs(wb: Any, ws: Any) -> None:
    """Data validation lists from a hidden sheet (a list longer than 255 characters
    cannot be written inline)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = wb.create_sheet("选项")
    columns = list(COLUMNS)
    for n, (api, options) in enumerate(_options().items(), start=1):
        letter = get_column_letter(n)
        lists.cell(row=1, column=n, value=COLUMNS[api][0])
        for i, option in enumerate(options, start=2):
            lists.cell(row=i, column=n, value=option)
        rule = DataValidation(
            type="list",
            formula1=f"='选项'!${letter}$2:${letter}${len(options) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="无效的值",
            error="请从下拉列表中选择。",
        )
        target = get_column_letter(columns.index(api) + 1)
        rule.add(f"{target}2:{target}5001")
        ws.add_data_validation(rule)
    lists.sheet_state = "hidden"


def import_template_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "会员导入"
    ws.append([zh for zh, _r in COLUMNS.values()])
    sample = {
        "name": "张三",
        "gender": "男",
        "id_number": sample_id_number(),
        "phone": "13800000000",
        "joined_on": "2024-01-15",
        "employment": "劳务派遣",
        "monthly_wage": "4500.00",
        "group": "一车间小组",
        "ethnicity": "汉族",
        "political_status": "群众",
        "education": "高中",
        "household_type": "农村户口",
        "household_place": "浙江省江山市",
        "position": "装配工",
        "skill_level": "中级工（四级）",
        "model_worker": "否",
        "retirement_date": "",
    }
    ws.append([sample.get(api, "") for api in COLUMNS])
    for i in range(1, len(COLUMNS) + 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = 16
    _drop_downs(wb, ws)
    _notes(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _notes(wb: Any) -> None:
    notes = wb.create_sheet("说明")
    notes.append(["列", "API 字段", "必填", "说明"])
    explain = {
        "gender": "男/女 或 M/F，须与身份证号一致；可不填",
        "id_number": "18 位居民身份证号（校验码）",
        "joined_on": "YYYY-MM-DD",
        "employment": "下拉选择；或 " + ", ".join(Employment.values),
        "monthly_wage": "元，两位小数",
        "group": "工会小组名称，须已建立",
        "household_type": "农村户口的职工记为农民工（与用工形式无关）",
        "model_worker": "是/否；填写劳模级别时视为是",
        "retirement_date": "YYYY-MM-DD",
    }
    for api, (zh, required) in COLUMNS.items():
        notes.append([zh, api, "是" if required else "否", explain.get(api, "")])
    notes.append([])
    notes.append(["第 1 行为表头；错误按行号（表头为第 1 行）和列报告。"])
