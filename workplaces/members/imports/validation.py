"""Validating every row of an import before anything is written.

Errors are reported by row and column (the header is row 1); duplicates inside the file
are errors; people already on this union's register are updates; people active in
another union of the federation are refused (one membership, DESIGN.md "Members").
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.member_index import id_hash, member_index_active_elsewhere
from tenants.models import Union
from workplaces.members.imports.reading import map_header
from workplaces.members.models import Member, UnionGroup
from workplaces.members.validation import member_clean

CHUNK = 5000
ELSEWHERE_MESSAGE = gettext_lazy(
    "Already an active member of another union of the federation; ask that union to transfer them."
)


@dataclass
class Row:
    row: int
    fields: dict[str, Any]


@dataclass
class Checked:
    """The outcome of validating a file: rows to create, rows updating this union's
    members, errors (row, column, field, message), and the number of data rows."""

    new: list[Row] = field(default_factory=list)
    updates: list[Row] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    present: frozenset[str] = frozenset()
    looked_up: int = 0
    found_elsewhere: int = 0


def error_row(row: int, column: str, fld: str, message: str) -> dict[str, Any]:
    return {"row": row, "column": column, "field": fld, "message": message}


def clean_rows_iter(
    *,
    rows: Iterable[list[Any]],
    mapping: dict[int, tuple[str, str]],
    checked: Checked,
    progress: Callable[[int], None] | None,
    deadline: float | None = None,
) -> Iterator[Row]:
    """Clean each non-empty row, one at a time (the fast path streams them); duplicates of
    an earlier row of the file are errors."""
    columns = {api: text for api, text in mapping.values()}
    groups = {g.name: g for g in UnionGroup.objects.all()}
    today = timezone.localdate()
    first_row_of: dict[str, int] = {}
    for n, raw in enumerate(rows, start=2):
        if not any(str(v).strip() for v in raw if v is not None):
            continue
        checked.total += 1
        data = {api: (raw[i] if i < len(raw) else "") for i, (api, _t) in mapping.items()}
        try:
            fields = member_clean(data, groups=groups, today=today)
        except ValidationError as exc:
            for fld, messages in exc.message_dict.items():
                checked.errors.append(error_row(n, columns.get(fld, fld), fld, " ".join(messages)))
        else:
            number = fields["id_number"]
            if number in first_row_of:
                message = _("Duplicate of row %(r)d in this file.") % {"r": first_row_of[number]}
                checked.errors.append(error_row(n, columns["id_number"], "id_number", message))
            else:
                first_row_of[number] = n
                yield Row(n, fields)
        if checked.total % 500 == 0:
            if progress:
                progress(checked.total)
            if deadline is not None and time.monotonic() > deadline:
                raise ValidationError(
                    {"file": [_("The file took too long to check; nothing was written.")]},
                    code="too_slow",
                )


def _clean_rows(
    *,
    rows: Iterable[list[Any]],
    mapping: dict[int, tuple[str, str]],
    checked: Checked,
    progress: Callable[[int], None] | None,
    deadline: float | None = None,
) -> list[Row]:
    return list(
        clean_rows_iter(
            rows=rows, mapping=mapping, checked=checked, progress=progress, deadline=deadline
        )
    )


def _on_register(numbers: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(numbers), CHUNK):
        found.update(
            Member.objects.filter(id_number__in=numbers[i : i + CHUNK]).values_list(
                "id_number", flat=True
            )
        )
    return found


def validate_rows(
    *,
    header: list[str],
    rows: Iterable[list[Any]],
    union: Union,
    progress: Callable[[int], None] | None = None,
    lookups: Callable[[int], None] | None = None,
    deadline: float | None = None,
) -> Checked:
    """Clean every row and sort them into new rows and updates. ``lookups`` is told how
    many people are about to be looked up in the federation index (it may refuse)."""
    mapping = map_header(header)
    column_of_id = next(text for api, text in mapping.values() if api == "id_number")
    checked = Checked(present=frozenset(api for api, _t in mapping.values()))
    clean = _clean_rows(
        rows=rows, mapping=mapping, checked=checked, progress=progress, deadline=deadline
    )
    existing = _on_register([r.fields["id_number"] for r in clean])
    checked.updates = [r for r in clean if r.fields["id_number"] in existing]
    new = [r for r in clean if r.fields["id_number"] not in existing]
    hashes = {id_hash(r.fields["id_number"]): r for r in new}
    if lookups is not None:
        lookups(len(hashes))
    elsewhere = member_index_active_elsewhere(union=union, hashes=list(hashes))
    checked.looked_up, checked.found_elsewhere = len(hashes), len(elsewhere)
    message = str(ELSEWHERE_MESSAGE)
    for digest in elsewhere:
        checked.errors.append(error_row(hashes[digest].row, column_of_id, "id_number", message))
    checked.new = [r for r in new if id_hash(r.fields["id_number"]) not in elsewhere]
    errors_sort(checked.errors)
    return checked


def errors_sort(errors: list[dict[str, Any]]) -> None:
    errors.sort(key=lambda e: (e["row"], e["field"]))
