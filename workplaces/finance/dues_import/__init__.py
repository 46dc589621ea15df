"""Importing member dues payments from a file: ``dues_import`` (the service),
``upload_check`` (the size bound a door applies before reading), ``template_xlsx``."""

from workplaces.finance.dues_import.service import (
    DuesImportResult,
    dues_import,
    upload_check,
    upload_limit_bytes,
)
from workplaces.finance.dues_import.template import template_xlsx

__all__ = [
    "DuesImportResult",
    "dues_import",
    "template_xlsx",
    "upload_check",
    "upload_limit_bytes",
]
