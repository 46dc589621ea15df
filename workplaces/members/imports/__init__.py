"""Import of the member register from xlsx and csv, by concern.

reading.py      the file into a header and rows (encodings, limits, malformed files)
streaming.py    the same, row by row (python-calamine for xlsx): the fast path's reader
validation.py   every row cleaned; duplicates, updates, people active elsewhere
staged.py       the fast path: cleaned rows into a temporary stage, then set-based SQL
writing.py      COPY of new members, bulk updates, in the global lock order
jobs.py         the import as a whole (fast or classic engine), and as a background job
"""

from workplaces.members.imports.jobs import (
    ImportResult,
    import_job_create,
    import_job_run,
    import_progress,
    members_import,
    upload_check,
)
from workplaces.members.imports.reading import (
    COLUMNS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    map_header,
    read_table,
)

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "ImportResult",
    "import_job_create",
    "import_job_run",
    "import_progress",
    "map_header",
    "members_import",
    "read_table",
    "upload_check",
]
