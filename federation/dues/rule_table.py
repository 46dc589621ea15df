"""The dues values kept in the federation's rule table (``federation/rules``): what the
dues notice prints about the collecting account and the issuing body. The rates, shares and
clocks of the dues cycle are the dues rule table's own dated rows (``DuesPolicy``)."""

from django.utils.translation import gettext_lazy as _

from federation.rules.registry import STR, rule_declare

ACCOUNT_NAME = "dues.account_name"
ACCOUNT_BANK = "dues.account_bank"
ACCOUNT_NUMBER = "dues.account_number"
ISSUER = "dues.issuer"


def declare() -> None:
    rule_declare(
        ACCOUNT_NAME,
        "",
        kind=STR,
        label=_("Union funds: collecting account name (户名)"),
        source="总工会设定",
    )
    rule_declare(
        ACCOUNT_BANK,
        "",
        kind=STR,
        label=_("Union funds: bank of the collecting account (开户行)"),
        source="总工会设定",
    )
    rule_declare(
        ACCOUNT_NUMBER,
        "",
        kind=STR,
        label=_("Union funds: collecting account number (账号)"),
        source="总工会设定",
    )
    rule_declare(
        ISSUER,
        "",
        kind=STR,
        label=_("Union funds: issuing body printed on notices"),
        source="总工会设定",
    )
