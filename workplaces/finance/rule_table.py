"""The finance app's rules (基层工会经费收支管理办法, 2017, and local policy): categories,
the committee threshold, the caps per person per year, and the member dues rules."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import DECIMAL, INT, JSON, rule_declare

SOURCE_2017 = "全总《基层工会经费收支管理办法》(2017)"

INCOME_CATEGORIES = [
    {"code": "dues", "name": "会费"},
    {"code": "funds_return", "name": "拨缴经费返还"},
    {"code": "higher_subsidy", "name": "上级补助"},
    {"code": "admin_subsidy", "name": "行政补助"},
    {"code": "business_income", "name": "事业收入"},
    {"code": "investment", "name": "投资收益"},
    {"code": "other_income", "name": "其他收入"},
]
EXPENSE_CATEGORIES = [
    {"code": "activities", "name": "职工活动支出"},
    {"code": "rights", "name": "维权支出"},
    {"code": "operations", "name": "业务支出"},
    {"code": "capital", "name": "资本性支出"},
    {"code": "business", "name": "事业支出"},
    {"code": "other_expense", "name": "其他支出"},
]
CAPS = [
    {"code": "festival_goods", "name": "节日慰问品", "per_person_year": "2000.00"},
    {"code": "activity_meals", "name": "活动用餐", "per_person_year": "600.00"},
]


def declare() -> None:
    rule_declare(
        "finance.income_categories",
        INCOME_CATEGORIES,
        kind=JSON,
        label=_("Union income categories (code, name)"),
        source=SOURCE_2017,
    )
    rule_declare(
        "finance.expense_categories",
        EXPENSE_CATEGORIES,
        kind=JSON,
        label=_("Union expenditure categories (code, name)"),
        source=SOURCE_2017,
    )
    rule_declare(
        "finance.committee_threshold",
        "5000.00",
        kind=DECIMAL,
        label=_("An expense above this amount needs a recorded committee decision (CNY)"),
        source="集体研究决定（本地规定）",
    )
    rule_declare(
        "finance.caps",
        CAPS,
        kind=JSON,
        label=_("Spending caps per person per year (code, name, per_person_year)"),
        source=SOURCE_2017 + " / 地方标准",
    )
    rule_declare(
        "finance.member_dues_rate",
        "0.0050",
        kind=DECIMAL,
        label=_("Member dues: share of the monthly wage"),
        source="中国工会章程 / 会费收缴办法",
    )
    rule_declare(
        "finance.member_dues_floor_unit",
        "10.00",
        kind=DECIMAL,
        label=_("Member dues: the part of the wage under this unit is not counted (CNY)"),
        source="会费收缴办法",
    )
    rule_declare(
        "finance.member_dues_unpaid_months",
        6,
        kind=INT,
        label=_("Member dues unpaid this many months in a row: listed for the officer's decision"),
        source="中国工会章程 第八条",
    )
    rule_declare(
        "finance.dues_import_max_kb",
        5120,
        kind=INT,
        label=_("Member dues import: largest file accepted (KB)"),
    )
    rule_declare(
        "finance.dues_import_max_rows",
        20000,
        kind=INT,
        label=_("Member dues import: most payment rows in one file"),
    )
