"""The fields of the national real-name collection (民族, 政治面貌, 学历, 户籍, 岗位, 技能等级,
劳模, 会员卡号, 住址, 退休日期) and the 农民工 rule: cleaning shared by the API, the form
and the import (codes or their Chinese labels), and the labels for exports and documents.
"""

import datetime as dt
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from workplaces.members.choices import (
    EDUCATION_WORDS,
    ETHNIC_GROUPS,
    HOUSEHOLD_WORDS,
    MODEL_LEVEL_WORDS,
    POLITICAL_WORDS,
    SKILL_WORDS,
    YES_WORDS,
    Education,
    HouseholdType,
    ModelWorkerLevel,
    PoliticalStatus,
    SkillLevel,
)
from workplaces.members.models import Employment

CHOICE_FIELDS: dict[str, tuple[type[models.TextChoices], dict[str, str]]] = {
    "political_status": (PoliticalStatus, POLITICAL_WORDS),
    "education": (Education, EDUCATION_WORDS),
    "household_type": (HouseholdType, HOUSEHOLD_WORDS),
    "skill_level": (SkillLevel, SKILL_WORDS),
    "model_worker_level": (ModelWorkerLevel, MODEL_LEVEL_WORDS),
}
TEXT_FIELDS = {"household_place": 100, "position": 60, "card_no": 30, "address": 200}
PROFILE_FIELDS = (
    "ethnicity",
    *CHOICE_FIELDS,
    *TEXT_FIELDS,
    "model_worker",
    "retirement_date",
)


def zh_labels(enum: type[models.TextChoices]) -> dict[str, str]:
    """code -> Chinese label (the catalog's translation), whatever language is active."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in enum.choices}


def words_for(name: str) -> dict[str, str]:
    """Every word accepted for a choice field: codes, Chinese labels, common synonyms."""
    enum, words = CHOICE_FIELDS[name]
    return {v: v for v in enum.values} | {z: v for v, z in zh_labels(enum).items()} | words


def migrant_derive(*, employment: str, household_type: str) -> bool:
    """农民工: a worker with a rural household registration in wage employment here, or
    one recorded with the employment form "migrant" (kept for the API's old code). So a
    dispatched worker from the countryside is both dispatched and a migrant worker."""
    return employment == Employment.MIGRANT or household_type == HouseholdType.RURAL


def _ethnicity(value: Any, errors: dict[str, list[str]]) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    for candidate in (text, text + "族"):
        if candidate in ETHNIC_GROUPS:
            return candidate
    errors["ethnicity"] = [_("Enter an ethnic group's name, e.g. 汉族.")]
    return ""


def _choice(name: str, value: Any, errors: dict[str, list[str]]) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    code = words_for(name).get(text) or words_for(name).get(text.lower())
    if code is None:
        enum = CHOICE_FIELDS[name][0]
        errors[name] = [_("Choose one of: %s.") % "、".join(zh_labels(enum).values())]
        return ""
    return code


def _yes(value: Any, errors: dict[str, list[str]]) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    found = YES_WORDS.get(str(value).strip().lower())
    if found is None:
        errors["model_worker"] = [_("Enter 是 or 否.")]
    return found


PROFILE_NAMES = frozenset(PROFILE_FIELDS)
BLANK_PROFILE: dict[str, Any] = {
    "ethnicity": "",
    **dict.fromkeys(CHOICE_FIELDS, ""),
    **dict.fromkeys(TEXT_FIELDS, ""),
    "model_worker": False,
    "retirement_date": None,
}


def profile_clean(
    data: dict[str, Any], errors: dict[str, list[str]], *, birth: dt.date | None
) -> dict[str, Any]:
    """Clean the collection's fields present in ``data`` (absent ones are blank)."""
    if PROFILE_NAMES.isdisjoint(data) or all(data.get(n) in (None, "") for n in PROFILE_FIELDS):
        # what the checks below give for nothing given (most rows of an import: issue 16)
        return dict(BLANK_PROFILE)
    from workplaces.members.validation import date_parse

    out: dict[str, Any] = {"ethnicity": _ethnicity(data.get("ethnicity"), errors)}
    for name in CHOICE_FIELDS:
        out[name] = _choice(name, data.get(name), errors)
    for name, limit in TEXT_FIELDS.items():
        text = str(data.get(name) or "").strip()
        if len(text) > limit or "\x00" in text:
            errors[name] = [_("At most %(n)d characters.") % {"n": limit}]
        out[name] = text
    flag = _yes(data.get("model_worker"), errors)
    # a level implies the title; a title without a level is allowed (level unknown)
    out["model_worker"] = bool(flag) or (flag is None and bool(out["model_worker_level"]))
    if out["model_worker_level"] and flag is False:
        errors["model_worker_level"] = [_("A level is given only to a model worker.")]
    retired = date_parse(data.get("retirement_date"), "retirement_date", errors, required=False)
    if retired and birth and retired <= birth:
        errors["retirement_date"] = [_("The date is before the birth date.")]
    out["retirement_date"] = retired
    return out
