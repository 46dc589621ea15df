"""Import and export of the member register (xlsx and csv).

Import rule (DESIGN.md): every row is validated first and errors are reported by row and
column (the header is row 1); nothing is written when any row fails unless the user asks
for the valid rows only; duplicates inside the file are errors. CSV may be UTF-8, UTF-8
with BOM or GB18030 (what Excel in China writes). Writes are bulk inserts in one
transaction, so 10,000 rows take seconds, not minutes.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from federation.platform.api import Conflict
from federation.platform.audit.models import AuditEvent, AuditKind
from tenants.context import union_side
from tenants.models import MemberIndex
from workplaces.members.crypto import id_hash
from workplaces.members.models import (
    Employment,
    ImportJob,
    ImportStatus,
    Member,
    MembershipEvent,
    MemberStatus,
    UnionGroup,
)
from workplaces.members.services import (
    actor_name,
    member_numbers_reserve,
    rollup_refresh,
    this_union,
)
from workplaces.members.validation import member_clean

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
BACKGROUND_ROWS = 500

# column -> (Chinese header, required)
COLUMNS = {
    "name": ("姓名", True),
    "gender": ("性别", False),
    "id_number": ("身份证号", True),
    "phone": ("手机", False),
    "joined_on": ("入会日期", True),
    "employment": ("用工形式", False),
    "monthly_wage": ("月工资", False),
    "group": ("工会小组", False),
}
HEADER_ALIASES = (
    {api: api for api in COLUMNS}
    | {zh: api for api, (zh, _r) in COLUMNS.items()}
    | {
        "身份证号码": "id_number",
        "手机号": "phone",
        "手机号码": "phone",
        "联系电话": "phone",
        "月工资(元)": "monthly_wage",
        "月工资（元）": "monthly_wage",
        "小组": "group",
    }
)
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


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)
    written: bool = False

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "errors": self.errors,
            "total": self.total,
        }


# --- reading ----------------------------------------------------------------------
def _bad_file(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        try:
            return content[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise _bad_file(_("The file is not valid UTF-8 text.")) from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError:
        raise _bad_file(
            _(
                "The file's text encoding is not recognised; save it as UTF-8 or GB18030 CSV, or as xlsx."
            )
        ) from None


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int | float):
        return str(value)
    return value


def read_table(*, content: bytes, filename: str = "") -> tuple[list[str], list[list]]:
    """Return (header cells, data rows) of an xlsx or csv file; 400 on a malformed file."""
    if not content:
        raise _bad_file(_("The file is empty."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise _bad_file(_("The file is larger than 20 MB."))
    if content[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            rows = []
            for i, row in enumerate(ws.iter_rows(values_only=True)):
                if i > MAX_ROWS + 1:
                    raise _bad_file(_("At most 50,000 rows per file."))
                rows.append([_cell(v) for v in row])
            wb.close()
        except ValidationError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
            raise _bad_file(
                _("The xlsx file cannot be read: %(e)s") % {"e": type(exc).__name__}
            ) from None
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
            raise _bad_file(_("The xlsx file cannot be read.")) from None
    else:
        if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
            raise _bad_file(_("The xlsx file cannot be read."))
        text = _decode(content)
        if "\x00" in text:
            raise _bad_file(_("The file contains null characters; is it really a CSV file?"))
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise _bad_file(_("The CSV file cannot be read: %(e)s") % {"e": exc}) from None
        if len(rows) > MAX_ROWS + 1:
            raise _bad_file(_("At most 50,000 rows per file."))
    if not rows:
        raise _bad_file(_("The file is empty."))
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    return header, rows[1:]


def map_header(header: list[str]) -> dict[int, tuple[str, str]]:
    """Column index -> (API field, header text); 400 naming missing or repeated columns."""
    mapping: dict[int, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    for i, text in enumerate(header):
        key = HEADER_ALIASES.get(text) or HEADER_ALIASES.get(text.lower())
        if not key:
            continue
        if key in seen:
            raise _bad_file(_("The column %(c)s appears twice.") % {"c": text})
        seen[key] = text
        mapping[i] = (key, text)
    missing = [
        f"{zh} ({api})" for api, (zh, required) in COLUMNS.items() if required and api not in seen
    ]
    if missing:
        raise _bad_file(_("Missing columns: %(c)s.") % {"c": ", ".join(missing)})
    return mapping


# --- validating ---------------------------------------------------------------------
@dataclass
class _Row:
    row: int
    fields: dict


def validate_rows(
    *, header: list[str], rows: Iterable[list], progress: Callable[[int], None] | None = None
) -> tuple[list[_Row], list[_Row], list[dict], int]:
    """Clean every row. Returns (new rows, rows updating this union's members, errors, total)."""
    mapping = map_header(header)
    columns = {api: text for api, text in mapping.values()}
    groups = {g.name: g for g in UnionGroup.objects.all()}
    today = timezone.localdate()
    clean: list[_Row] = []
    errors: list[dict] = []
    first_row_of: dict[str, int] = {}
    total = 0
    for n, raw in enumerate(rows, start=2):
        if not any(str(v).strip() for v in raw if v is not None):
            continue
        total += 1
        data = {api: (raw[i] if i < len(raw) else "") for i, (api, _t) in mapping.items()}
        try:
            fields = member_clean(data, groups=groups, today=today)
        except ValidationError as exc:
            for fld, messages in exc.message_dict.items():
                errors.append(
                    {
                        "row": n,
                        "column": columns.get(fld, fld),
                        "field": fld,
                        "message": " ".join(messages),
                    }
                )
        else:
            number = fields["id_number"]
            if number in first_row_of:
                errors.append(
                    {
                        "row": n,
                        "column": columns["id_number"],
                        "field": "id_number",
                        "message": _("Duplicate of row %(r)d in this file.")
                        % {"r": first_row_of[number]},
                    }
                )
            else:
                first_row_of[number] = n
                clean.append(_Row(n, fields))
        if progress and total % 500 == 0:
            progress(total)
    # members already on this union's register are updated, others created
    existing = set()
    numbers = [r.fields["id_number"] for r in clean]
    for i in range(0, len(numbers), 5000):
        existing.update(
            Member.objects.filter(id_number__in=numbers[i : i + 5000]).values_list(
                "id_number", flat=True
            )
        )
    new = [r for r in clean if r.fields["id_number"] not in existing]
    updates = [r for r in clean if r.fields["id_number"] in existing]
    # one membership in the federation: refuse people active in another union
    union = this_union()
    hashes = {id_hash(r.fields["id_number"]): r for r in new}
    keys = list(hashes)
    elsewhere: set[str] = set()
    for i in range(0, len(keys), 5000):
        elsewhere.update(
            MemberIndex.objects.filter(id_hash__in=keys[i : i + 5000], active=True)
            .exclude(union=union)
            .values_list("id_hash", flat=True)
        )
    if elsewhere:
        for digest in elsewhere:
            r = hashes[digest]
            errors.append(
                {
                    "row": r.row,
                    "column": columns["id_number"],
                    "field": "id_number",
                    "message": _(
                        "Already an active member of another union of the federation; ask that union to transfer them."
                    ),
                }
            )
        new = [r for r in new if id_hash(r.fields["id_number"]) not in elsewhere]
    errors.sort(key=lambda e: (e["row"], e["field"]))
    return new, updates, errors, total


# --- writing ---------------------------------------------------------------------
BATCH = 2000
MEMBER_COLUMNS = (
    "id",
    "name",
    "gender",
    "id_number",
    "birth_date",
    "phone",
    "employment",
    "group_id",
    "monthly_wage",
    "joined_on",
    "member_no",
    "status",
    "status_on",
    "created_at",
    "updated_at",
)
EVENT_COLUMNS = (
    "member_id",
    "status",
    "on",
    "reason",
    "union_name",
    "actor_name",
    "carried",
    "created_at",
)
AUDIT_COLUMNS = (
    "at",
    "actor_id",
    "actor_name",
    "kind",
    "object_type",
    "object_id",
    "union_slug",
    "after",
    "note",
)


def _ids_reserve(table: str, count: int) -> list[int]:
    """Primary keys from the table's own sequence, so rows can be copied in with them."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cur.fetchall()]


def _index_upsert(*, union, hashes: list[str], now) -> None:
    """One statement for a batch of index rows; the partial unique index still refuses a
    person who became active elsewhere meanwhile (IntegrityError)."""
    table = MemberIndex._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f'INSERT INTO "public"."{table}" (id_hash, union_id, active, updated_at) '  # noqa: S608
            "SELECT h, %s, true, %s FROM unnest(%s::varchar[]) AS h "
            "ON CONFLICT (id_hash, union_id) DO UPDATE SET active = true, updated_at = EXCLUDED.updated_at",
            [union.pk, now, hashes],
        )


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """PostgreSQL COPY: several times faster than INSERT for thousands of rows."""
    cols = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cur, cur.cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _write(
    *, new: list[_Row], updates: list[_Row], actor, progress: Callable[[int], None] | None
) -> None:
    union = this_union()
    who = actor_name(actor)
    now = timezone.now()
    numbers = member_numbers_reserve(count=len(new)) if new else []
    done = 0
    actor_id = getattr(actor, "pk", None)
    reason = _("Imported")
    for start in range(0, len(new), BATCH):
        chunk = new[start : start + BATCH]
        ids = _ids_reserve(Member._meta.db_table, len(chunk))
        member_rows, event_rows, audit_rows, index_rows = [], [], [], []
        for i, r in enumerate(chunk):
            f = r.fields
            pk, no = ids[i], numbers[start + i]
            member_rows.append(
                (
                    pk,
                    f["name"],
                    f["gender"],
                    f["id_number"],
                    f["birth_date"],
                    f["phone"],
                    f["employment"],
                    f["group"].pk if f["group"] else None,
                    f["monthly_wage"],
                    f["joined_on"],
                    no,
                    MemberStatus.ACTIVE,
                    f["joined_on"],
                    now,
                    now,
                )
            )
            event_rows.append(
                (pk, MemberStatus.ACTIVE, f["joined_on"], reason, union.name, who, False, now)
            )
            audit_rows.append(
                (
                    now,
                    actor_id,
                    who,
                    AuditKind.MEMBER_CREATED.value,
                    "members.member",
                    str(pk),
                    union.slug,
                    Jsonb(
                        {
                            "name": f["name"],
                            "member_no": no,
                            "status": "active",
                            "joined_on": f["joined_on"].isoformat(),
                            "monthly_wage": str(f["monthly_wage"]),
                        }
                    ),
                    "import",
                )
            )
            index_rows.append(id_hash(f["id_number"]))
        _copy(Member._meta.db_table, MEMBER_COLUMNS, member_rows)
        _copy(MembershipEvent._meta.db_table, EVENT_COLUMNS, event_rows)
        _copy(AuditEvent._meta.db_table, AUDIT_COLUMNS, audit_rows)
        try:
            with transaction.atomic():
                _index_upsert(union=union, hashes=index_rows, now=now)
        except IntegrityError:
            raise Conflict(
                _("Someone in the file became a member of another union meanwhile; try again.")
            ) from None
        done += len(chunk)
        if progress:
            progress(done)
    if updates:
        by_number = {r.fields["id_number"]: r.fields for r in updates}
        fields = ["name", "gender", "phone", "employment", "group", "monthly_wage"]
        members = list(Member.objects.filter(id_number__in=list(by_number)))
        audits = []
        for m in members:
            f = by_number[m.id_number]
            before = {k: str(getattr(m, k + "_id" if k == "group" else k)) for k in fields}
            for k in fields:
                setattr(m, k, f[k])
            after = {k: str(getattr(m, k + "_id" if k == "group" else k)) for k in fields}
            if before != after:
                audits.append(
                    AuditEvent(
                        actor_id=getattr(actor, "pk", None),
                        actor_name=who,
                        kind=AuditKind.MEMBER_UPDATED,
                        object_type="members.member",
                        object_id=str(m.pk),
                        union_slug=union.slug,
                        before={k: v for k, v in before.items() if after[k] != v},
                        after={k: v for k, v in after.items() if before[k] != v},
                        note="import",
                    )
                )
        Member.objects.bulk_update(members, fields + ["updated_at"], batch_size=BATCH)
        AuditEvent.objects.bulk_create(audits, batch_size=BATCH)
        if progress:
            progress(done + len(updates))
    rollup_refresh(union=union)


@union_side
def members_import(
    *,
    content: bytes,
    filename: str = "",
    actor,
    dry_run: bool = False,
    valid_only: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> ImportResult:
    """Validate the whole file, then write it (all or nothing, or the valid rows only)."""
    header, rows = read_table(content=content, filename=filename)
    result = ImportResult()
    total_hint = len(rows)
    new, updates, errors, total = validate_rows(
        header=header,
        rows=rows,
        progress=(lambda n: progress("validating", n, total_hint)) if progress else None,
    )
    result.total = total
    result.errors = errors
    result.created = len(new)
    result.updated = len(updates)
    if dry_run or (errors and not valid_only) or not (new or updates):
        if errors and not valid_only and not dry_run:
            result.created = result.updated = 0
        return result
    with transaction.atomic():
        _write(
            new=new,
            updates=updates,
            actor=actor,
            progress=(lambda n: progress("writing", n, len(new) + len(updates)))
            if progress
            else None,
        )
    result.written = True
    return result


# --- background jobs -----------------------------------------------------------------
def _progress_key(job_id: int) -> str:
    return f"members-import:{job_id}"


def import_progress(job: ImportJob) -> dict:
    from django.core.cache import cache

    live = (
        cache.get(_progress_key(job.pk))
        if job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
        else None
    )
    phase, done, total = live or ("", job.done, job.total)
    percent = int(done * 100 / total) if total else (100 if job.status == ImportStatus.DONE else 0)
    if phase == "validating":
        percent = percent // 2
    elif phase == "writing":
        percent = 50 + percent // 2
    return {
        "id": job.pk,
        "status": job.status,
        "phase": phase,
        "done": done,
        "total": total,
        "percent": min(percent, 100),
        "created": job.created,
        "updated": job.updated,
        "errors": job.errors,
        "message": job.message,
        "filename": job.filename,
        "dry_run": job.dry_run,
        "valid_only": job.valid_only,
    }


@union_side
@transaction.atomic
def import_job_create(
    *, content: bytes, filename: str, actor, dry_run: bool = False, valid_only: bool = False
) -> ImportJob:
    """Queue an import to run in the background (after commit)."""
    if not content:
        raise _bad_file(_("The file is empty."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise _bad_file(_("The file is larger than 20 MB."))
    job = ImportJob.objects.create(
        filename=(filename or "")[:200],
        content=content,
        dry_run=dry_run,
        valid_only=valid_only,
        actor_id=getattr(actor, "pk", None),
        actor_name=actor_name(actor),
    )
    from workplaces.members.tasks import import_run

    transaction.on_commit(lambda: import_run.delay(job.pk))
    return job


@union_side
def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued import (idempotent: a finished job is left alone)."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return job
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])
    actor = (
        get_user_model().objects.filter(pk=job.actor_id).first() if job.actor_id else job.actor_name
    )

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(_progress_key(job.pk), (phase, done, total), timeout=3600)

    try:
        result = members_import(
            content=bytes(job.content or b""),
            filename=job.filename,
            actor=actor,
            dry_run=job.dry_run,
            valid_only=job.valid_only,
            progress=progress,
        )
    except (ValidationError, Conflict) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc.detail)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED,
            message=message[:500],
            content=None,
            finished_at=timezone.now(),
        )
    else:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.DONE,
            total=result.total,
            done=result.total,
            created=result.created if (result.written or job.dry_run) else 0,
            updated=result.updated if (result.written or job.dry_run) else 0,
            errors=result.errors[:1000],
            content=None,
            finished_at=timezone.now(),
            message=""
            if result.written or job.dry_run or not result.errors
            else _("Nothing was written: correct the rows listed, or import the valid rows only."),
        )
    cache.delete(_progress_key(job.pk))
    return ImportJob.objects.get(pk=job.pk)


# --- export and the template -----------------------------------------------------------
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


def export_rows(qs) -> Iterable[list]:
    for m in qs.iterator(chunk_size=2000):
        yield [
            m.member_no,
            m.name,
            "男" if m.gender == "M" else "女",
            m.id_number,
            m.birth_date.isoformat(),
            m.phone,
            EMPLOYMENT_ZH.get(m.employment, m.employment),
            m.group.name if m.group_id else "",
            f"{m.monthly_wage:.2f}",
            f"{getattr(m, 'dues_monthly', 0) or 0:.2f}",
            m.joined_on.isoformat(),
            STATUS_ZH.get(m.status, m.status),
        ]


def export_csv(qs) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    writer.writerows(export_rows(qs))
    # with a BOM, Excel opens UTF-8 CSV with the Chinese intact
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(qs) -> bytes:
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
