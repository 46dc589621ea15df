"""The articles of the Trade Union Law (as amended in 2021) the union funds rest on, cited
from this one place: notices, reminders, the arrears statement and the pages quote these.

Art. 42: the employer pays 2% of the monthly payroll of all its employees as union funds.
Art. 43: when an employer delays or refuses to pay, the union may ask the court for a
payment order (支付令)."""

from django.utils.translation import gettext as _

LAW = "中华人民共和国工会法（2021年修正）"
ART_FUNDS = 42
ART_PAYMENT_ORDER = 43


def cite_funds() -> str:
    return _(
        "Trade Union Law art. %(n)s: the employer pays 2%% of its monthly payroll as union funds."
    ) % {"n": ART_FUNDS}


def cite_payment_order() -> str:
    return _(
        "Trade Union Law art. %(n)s: an employer that delays or refuses to pay union funds "
        "may be ordered by the court to pay (payment order)."
    ) % {"n": ART_PAYMENT_ORDER}
