"""``{{ amount|money }}``: 1,234,567.89 whatever the language (money on financial pages is
grouped by thousands; the zh-hans locale would print no separator)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    if value is None or value == "":
        return ""
    try:
        return f"{Decimal(value):,.2f}"
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
