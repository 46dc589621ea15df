"""Cleaning a member's fields, shared by the form, the API and the import.

Input may be typed values (API, form) or the text of a spreadsheet cell (import).
Every problem is reported under the field's name; nothing here touches the database
except the union-group lookup, which the caller can pre-load.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.validators import parse_id_number
from workplaces.members.models import Employment, Gender, UnionGroup
from workplaces.members.profile import migrant_derive, profile_clean

# a person's name: Chinese characters of every CJK block a resident ID card can carry (the
# basic block, extension A, the rare characters of extensions B-H that some names need
# (生僻字), compatibility ideographs, 〇), Latin letters, and the separators of transcribed
# names (·, •, ., -, space)
NAME_RE = re.compile(
    "^["
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002fa1f\U00030000-\U000323af"
    "A-Za-z·•.\\- ]+$"
)
PHONE_RE = re.compile(r"^(?:\+?86)?(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")
MAX_WAGE = Decimal("1000000.00")
GENDERS = frozenset(Gender.values)  # ``Gender.values`` builds a list on every read

GENDER_WORDS = {"M": "M", "F": "F", "男": "M", "女": "F", "m": "M", "f": "F"}
EMPLOYMENT_WORDS = {code: code for code in Employment.values} | {
    "正式": "regular",
    "正式工": "regular",
    "在编": "regular",
    "合同": "contract",
    "合同制": "contract",
    "合同工": "contract",
    "劳务派遣": "dispatched",
    "派遣": "dispatched",
    "农民工": "migrant",
    "退休返聘": "retired_rehired",
    "返聘": "retired_rehired",
}

MEMBER_FIELDS = (
    "name",
    "gender",
    "id_number",
    "birth_date",
    "phone",
    "employment",
    "group",
    "monthly_wage",
    "joined_on",
)


def _text(value, field: str, errors: dict, *, max_length: int, required: bool) -> str:
    if value is None:
        value = ""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        errors[field] = [_("Enter text.")]
        return ""
    text = str(value).strip()
    if "\x00" in text:
        errors[field] = [_("Null characters are not allowed.")]
        return ""
    if required and not text:
        errors[field] = [_("This field is required.")]
    elif len(text) > max_length:
        errors[field] = [_("At most %(n)d characters.") % {"n": max_length}]
    return text


def date_parse(value, field: str, errors: dict, *, required: bool) -> dt.date | None:
    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip().replace("/", "-").replace(".", "-")
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        if "\x00" not in text:
            try:
                return dt.datetime.strptime(text[:10], "%Y-%m-%d").date()  # noqa: DTZ007
            except ValueError:
                pass
    errors[field] = [_("Enter a date as YYYY-MM-DD.")]
    return None


def money_parse(value, field: str, errors: dict) -> Decimal:
    if value in (None, ""):
        return Decimal("0.00")
    if isinstance(value, bool):
        errors[field] = [_("Enter an amount in yuan, e.g. 4500.00.")]
        return Decimal("0.00")
    try:
        amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Enter an amount in yuan, e.g. 4500.00.")]
        return Decimal("0.00")
    if not amount.is_finite() or amount < 0 or amount > MAX_WAGE:
        errors[field] = [_("Enter an amount from 0 to 1,000,000.")]
        return Decimal("0.00")
    if amount != amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        errors[field] = [_("At most two decimal places.")]
        return Decimal("0.00")
    return amount.quantize(Decimal("0.01"))


def group_resolve(value, errors: dict, groups: dict | None = None) -> UnionGroup | None:
    """A group by primary key (number) or by name; ``groups`` maps name -> group."""
    if value in (None, ""):
        return None
    if isinstance(value, UnionGroup):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        errors["group"] = [_("Give the union group's id or name.")]
        return None
    text = str(value).strip()
    if "\x00" in text or len(text) > 60:
        errors["group"] = [_("No such union group.")]
        return None
    if groups is not None:
        group = groups.get(text)
        if group is None and text.isdecimal():
            group = next((g for g in groups.values() if g.pk == int(text)), None)
    elif text.isdecimal():
        group = UnionGroup.objects.filter(pk=int(text)).first()
    else:
        group = UnionGroup.objects.filter(name=text).first()
    if group is None:
        errors["group"] = [_("No such union group.")]
    return group


def _identity_clean(
    data: dict[str, Any], out: dict[str, Any], errors: dict[str, list[str]], today: dt.date
) -> dt.date | None:
    """Name, ID number (GB 11643), gender and birth date, which must agree with it.
    Returns the birth date read from the ID number."""
    name = _text(data.get("name"), "name", errors, max_length=50, required=True)
    if name and "name" not in errors and not NAME_RE.match(name):
        errors["name"] = [_("Use Chinese characters or letters only.")]
    out["name"] = name
    raw_id = _text(data.get("id_number"), "id_number", errors, max_length=18, required=True)
    birth = id_gender = None
    if raw_id and "id_number" not in errors:
        try:
            out["id_number"], birth, id_gender = parse_id_number(raw_id)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
        else:
            if birth > today:
                errors["id_number"] = [_("The ID number holds no valid birth date.")]
    out["birth_date"] = birth
    _gender_clean(data.get("gender"), id_gender, out, errors)
    given_birth = data.get("birth_date")
    if given_birth not in (None, ""):
        parsed = date_parse(given_birth, "birth_date", errors, required=False)
        if parsed and birth and parsed != birth:
            errors["birth_date"] = [_("The birth date does not agree with the ID number.")]
    return birth


def _gender_clean(
    raw: Any, id_gender: str | None, out: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    if raw in (None, ""):
        out["gender"] = id_gender
    else:
        gender = GENDER_WORDS.get(str(raw).strip()) if isinstance(raw, str) else None
        if gender is None:
            errors["gender"] = [_("Choose M or F (男 or 女).")]
        elif id_gender and gender != id_gender:
            errors["gender"] = [_("The gender does not agree with the ID number.")]
        out["gender"] = gender
    if out.get("gender") not in GENDERS and "gender" not in errors and "id_number" not in errors:
        errors["gender"] = [_("This field is required.")]


def _work_clean(
    data: dict[str, Any],
    out: dict[str, Any],
    errors: dict[str, list[str]],
    groups: dict[str, UnionGroup] | None,
) -> None:
    """Phone, employment form, union group and monthly wage."""
    phone = _text(data.get("phone"), "phone", errors, max_length=20, required=False)
    phone = phone.replace(" ", "")
    if phone and "phone" not in errors and not PHONE_RE.match(phone):
        errors["phone"] = [_("Enter an 11-digit mobile number or a landline number.")]
    out["phone"] = phone
    employment_raw = data.get("employment")
    if employment_raw in (None, ""):
        out["employment"] = Employment.REGULAR
    else:
        code = (
            EMPLOYMENT_WORDS.get(str(employment_raw).strip())
            if isinstance(employment_raw, str)
            else None
        )
        if code is None:
            errors["employment"] = [_("Choose one of: %s.") % ", ".join(Employment.values)]
        out["employment"] = code
    out["group"] = group_resolve(data.get("group"), errors, groups)
    out["monthly_wage"] = money_parse(data.get("monthly_wage"), "monthly_wage", errors)


def member_clean(
    data: dict[str, Any],
    *,
    groups: dict[str, UnionGroup] | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Clean a complete set of member fields; raise ValidationError({field: [...]})."""
    errors: dict[str, list[str]] = {}
    today = today or timezone.localdate()
    out: dict[str, Any] = {}
    birth = _identity_clean(data, out, errors, today)
    _work_clean(data, out, errors, groups)
    joined = date_parse(data.get("joined_on"), "joined_on", errors, required=True)
    if joined:
        if joined > today:
            errors["joined_on"] = [_("The date cannot be in the future.")]
        elif birth and joined < birth:
            errors["joined_on"] = [_("The date is before the birth date.")]
        elif joined.year < 1950:
            errors["joined_on"] = [_("Enter a date as YYYY-MM-DD.")]
    out["joined_on"] = joined
    out.update(profile_clean(data, errors, birth=birth))
    out["is_migrant"] = migrant_derive(
        employment=out.get("employment") or "", household_type=out["household_type"]
    )
    if errors:
        raise ValidationError(errors)
    return out
