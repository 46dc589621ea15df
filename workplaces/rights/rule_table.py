"""The rule values of rights work (federation/rules): defaults from the 2004 collective
contract rules (集体合同规定), the Labour Dispute Mediation and Arbitration Law and the
Special Rules on the Labour Protection of Female Employees (女职工劳动保护特别规定, 2012)."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import INT, JSON, rule_declare

CONTRACT_KINDS_DEFAULT = [
    {"code": "collective", "label": "综合性集体合同"},
    {"code": "wages", "label": "工资专项集体合同"},
    {"code": "women", "label": "女职工权益保护专项集体合同"},
    {"code": "safety", "label": "劳动安全卫生专项集体合同"},
]

SOURCE_CONTRACT = "集体合同规定（2004）"
SOURCE_MEDIATION = "劳动争议调解仲裁法 第十四条"
SOURCE_WOMEN = "女职工劳动保护特别规定（2012）"


def declare() -> None:
    rule_declare(
        "rights.contract_kinds",
        CONTRACT_KINDS_DEFAULT,
        kind=JSON,
        label=_("Collective contract kinds (code and name)"),
        source=SOURCE_CONTRACT,
    )
    rule_declare(
        "rights.contract_term_min_years",
        1,
        kind=INT,
        label=_("Shortest collective contract term (years)"),
        source=SOURCE_CONTRACT + " 第三十八条",
    )
    rule_declare(
        "rights.contract_term_max_years",
        3,
        kind=INT,
        label=_("Longest collective contract term (years)"),
        source=SOURCE_CONTRACT + " 第三十八条",
    )
    rule_declare(
        "rights.contract_filing_days",
        10,
        kind=INT,
        label=_("Days after signing to file a contract with the labour department"),
        source=SOURCE_CONTRACT + " 第四十二条",
    )
    rule_declare(
        "rights.contract_review_days",
        15,
        kind=INT,
        label=_("Days after filing until a contract takes effect without objection"),
        source=SOURCE_CONTRACT + " 第四十七条",
    )
    rule_declare(
        "rights.contract_renewal_months",
        3,
        kind=INT,
        label=_("Months before expiry when renewal talks start"),
        source=SOURCE_CONTRACT + " 第四十条",
    )
    rule_declare(
        "rights.mediation_days",
        15,
        kind=INT,
        label=_("Days to settle a labour dispute by mediation before arbitration"),
        source=SOURCE_MEDIATION,
    )
    rule_declare(
        "rights.maternity_days",
        98,
        kind=INT,
        label=_("Maternity leave (days)"),
        source=SOURCE_WOMEN + " 第七条",
    )
    rule_declare(
        "rights.maternity_difficult_days",
        15,
        kind=INT,
        label=_("Extra maternity leave for a difficult birth (days)"),
        source=SOURCE_WOMEN + " 第七条",
    )
    rule_declare(
        "rights.maternity_extra_baby_days",
        15,
        kind=INT,
        label=_("Extra maternity leave per additional baby (days)"),
        source=SOURCE_WOMEN + " 第七条",
    )
    rule_declare(
        "rights.miscarriage_early_days",
        15,
        kind=INT,
        label=_("Leave after a miscarriage before the threshold month (days)"),
        source=SOURCE_WOMEN + " 第七条",
    )
    rule_declare(
        "rights.miscarriage_late_days",
        42,
        kind=INT,
        label=_("Leave after a miscarriage from the threshold month (days)"),
        source=SOURCE_WOMEN + " 第七条",
    )
    rule_declare(
        "rights.miscarriage_threshold_months",
        4,
        kind=INT,
        label=_("Months of pregnancy that separate early and late miscarriage"),
        source=SOURCE_WOMEN + " 第七条",
    )
    rule_declare(
        "rights.nursing_minutes_per_day",
        60,
        kind=INT,
        label=_("Nursing time per working day (minutes)"),
        source=SOURCE_WOMEN + " 第九条",
    )
    rule_declare(
        "rights.nursing_extra_baby_minutes",
        60,
        kind=INT,
        label=_("Extra nursing time per additional baby (minutes a day)"),
        source=SOURCE_WOMEN + " 第九条",
    )
    rule_declare(
        "rights.nursing_until_months",
        12,
        kind=INT,
        label=_("Nursing time runs until the child is this many months old"),
        source=SOURCE_WOMEN + " 第九条",
    )
    rule_declare(
        "rights.pregnancy_protected_month",
        7,
        kind=INT,
        label=_("Month of pregnancy from which no night shifts or overtime are allowed"),
        source=SOURCE_WOMEN + " 第六条",
    )
