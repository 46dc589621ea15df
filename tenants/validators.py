"""Validators for the codes Chinese institutions carry.

GB 32100-2015: the unified social credit code (统一社会信用代码) of an organisation.
GB 11643-1999: the citizen identification number (公民身份号码).
"""

import datetime as dt
import re
from operator import mul

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a GB 32100 code: 31 - (Σ value × weight mod 31), 31 → 0."""
    total = sum(
        CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="length")
    if not _CREDIT_RE.match(code):
        raise ValidationError(
            _("The unified social credit code contains characters it cannot contain."),
            code="charset",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of the unified social credit code is wrong."), code="checksum"
        )


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")


def id_number_check_char(first17: str) -> str:
    if len(first17) != len(ID_WEIGHTS):
        raise ValueError("an ID number's check character is computed on 17 digits")
    # map over C builtins: a member import checks 10,000 numbers a second (issue 16)
    return ID_CHECK[sum(map(mul, map(int, first17), ID_WEIGHTS)) % 11]


def parse_id_number(value: str) -> tuple[str, dt.date, str]:
    """Validate a resident ID number; return (normalised number, birth date, gender M/F).

    The 17th digit is odd for men and even for women (GB 11643-1999 §4.3).
    """
    number = (value or "").strip().upper()
    if not _ID_RE.match(number):
        raise ValidationError(
            _("A resident ID number has 17 digits followed by a digit or X."), code="format"
        )
    if id_number_check_char(number[:17]) != number[17]:
        raise ValidationError(_("The check digit of the ID number is wrong."), code="checksum")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The ID number holds no valid birth date."), code="birth_date"
        ) from None
    if birth.year < 1900:
        raise ValidationError(_("The ID number holds no valid birth date."), code="birth_date")
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return number, birth, gender


def validate_id_number(value: str) -> None:
    parse_id_number(value)
