"""Reading an uploaded member file (xlsx or csv) into a header and rows of cells.

CSV may be UTF-8, UTF-8 with BOM or GB18030 (what Excel in China writes). A malformed
file is a 400 on ``file``, never a 500.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000

# column -> (Chinese header, required)
COLUMNS: dict[str, tuple[str, bool]] = {
    "name": ("姓名", True),
    "gender": ("性别", False),
    "id_number": ("身份证号", True),
    "phone": ("手机", False),
    "joined_on": ("入会日期", True),
    "employment": ("用工形式", False),
    "monthly_wage": ("月工资", False),
    "group": ("工会小组", False),
    # the national real-name collection (all optional)
    "ethnicity": ("民族", False),
    "political_status": ("政治面貌", False),
    "education": ("学历", False),
    "household_type": ("户籍类型", False),
    "household_place": ("户籍地", False),
    "position": ("岗位/职务", False),
    "skill_level": ("技能等级", False),
    "model_worker": ("是否劳模", False),
    "model_worker_level": ("劳模级别", False),
    "card_no": ("会员卡号", False),
    "address": ("家庭住址", False),
    "retirement_date": ("退休日期", False),
}
EXTRA_ALIASES = {
    "身份证号码": "id_number",
    "手机号": "phone",
    "手机号码": "phone",
    "联系电话": "phone",
    "月工资(元)": "monthly_wage",
    "月工资（元）": "monthly_wage",
    "小组": "group",
    "岗位": "position",
    "职务": "position",
    "住址": "address",
    "地址": "address",
    "户籍所在地": "household_place",
    "会员证号": "card_no",
    "劳模": "model_worker",
}


def header_aliases() -> dict[str, str]:
    return (
        {api: api for api in COLUMNS}
        | {zh: api for api, (zh, _r) in COLUMNS.items()}
        | EXTRA_ALIASES
    )


def bad_file(message: str, code: str = "invalid_file") -> ValidationError:
    return ValidationError({"file": [message]}, code=code)


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        try:
            return content[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise bad_file(_("The file is not valid UTF-8 text."), "encoding") from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError:
        raise bad_file(
            _(
                "The file's text encoding is not recognised; save it as UTF-8 or GB18030 CSV, or as xlsx."
            ),
            "encoding",
        ) from None


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int | float):
        return str(value)
    return value


def _too_many_rows(limit: int = MAX_ROWS) -> ValidationError:
    return bad_file(_("At most %(n)s rows per file.") % {"n": f"{limit:,}"}, "too_many_rows")


DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:[A-Z]+(\d+)\"")
MAX_ZIP_MEMBERS = 500


def xlsx_inspect(content: bytes, *, max_unpacked: int, max_rows: int) -> None:
    """Refuse a zip bomb before openpyxl reads anything: the sizes the archive declares
    (which also bound what zipfile will ever inflate) and the sheet's declared row count."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise bad_file(_("The xlsx file cannot be read."))
            if sum(i.file_size for i in infos) > max_unpacked:
                raise bad_file(
                    _("The xlsx file unpacks to more than %(mb)d MB.")
                    % {"mb": max_unpacked // (1024 * 1024)},
                    "too_large_unpacked",
                )
            sheets = sorted(
                i.filename for i in infos if re.match(r"xl/worksheets/[^/]+\.xml$", i.filename)
            )
            if sheets:
                with zf.open(sheets[0]) as f:
                    head = f.read(8192)
                found = DIMENSION.search(head)
                if found and int(found.group(1)) > max_rows + 1:
                    raise _too_many_rows(max_rows)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise bad_file(_("The xlsx file cannot be read: %(e)s") % {"e": "BadZipFile"}) from None


def _read_xlsx(content: bytes, *, max_rows: int, max_unpacked: int) -> list[list[Any]]:
    """Stream the first sheet (openpyxl read-only) after ``xlsx_inspect``."""
    from openpyxl import load_workbook

    xlsx_inspect(content, max_unpacked=max_unpacked, max_rows=max_rows)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = []
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            if i > max_rows:
                raise _too_many_rows(max_rows)
            rows.append([_cell(v) for v in row])
        wb.close()
    except ValidationError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise bad_file(
            _("The xlsx file cannot be read: %(e)s") % {"e": type(exc).__name__}
        ) from None
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise bad_file(_("The xlsx file cannot be read.")) from None
    return rows


def _read_csv(content: bytes, *, max_rows: int) -> list[list[Any]]:
    text = _decode(content)
    if "\x00" in text:
        raise bad_file(_("The file contains null characters; is it really a CSV file?"))
    try:
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise bad_file(_("The CSV file cannot be read: %(e)s") % {"e": exc}) from None
    if len(rows) > max_rows + 1:
        raise _too_many_rows(max_rows)
    return rows


def read_table(
    *,
    content: bytes,
    filename: str = "",
    max_rows: int = MAX_ROWS,
    max_unpacked: int = 5 * MAX_UPLOAD_BYTES,
) -> tuple[list[str], list[list[Any]]]:
    """Return (header cells, data rows) of an xlsx or csv file; 400 on a malformed file,
    on more than ``max_rows`` data rows, or on an xlsx unpacking past ``max_unpacked``."""
    if not content:
        raise bad_file(_("The file is empty."), "empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise bad_file(_("The file is larger than 20 MB."), "too_large")
    if content[:4] == b"PK\x03\x04":
        rows = _read_xlsx(content, max_rows=max_rows, max_unpacked=max_unpacked)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise bad_file(_("The xlsx file cannot be read."))
    else:
        rows = _read_csv(content, max_rows=max_rows)
    if not rows:
        raise bad_file(_("The file is empty."), "empty")
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return header, rows[1:]


def map_header(header: list[str]) -> dict[int, tuple[str, str]]:
    """Column index -> (API field, header text); 400 naming missing or repeated columns."""
    aliases = header_aliases()
    mapping: dict[int, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    for i, text in enumerate(header):
        key = aliases.get(text) or aliases.get(text.lower())
        if not key:
            continue
        if key in seen:
            raise bad_file(_("The column %(c)s appears twice.") % {"c": text}, "duplicate_column")
        seen[key] = text
        mapping[i] = (key, text)
    missing = [
        f"{zh} ({api})" for api, (zh, required) in COLUMNS.items() if required and api not in seen
    ]
    if missing:
        raise bad_file(_("Missing columns: %(c)s.") % {"c": ", ".join(missing)}, "missing_columns")
    return mapping
