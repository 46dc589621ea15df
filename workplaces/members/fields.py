"""Form fields that pick members by their number (会员编号) on the union's pages: one
input whatever the register's size. A ``<select>`` of every member was ~1 MB and seconds a
page at 20,000 members, and the committee form's list stopped at the first 500."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from workplaces.members.models import HOLDING_STATUSES, Member
from workplaces.members.selectors import members_by_numbers


def _unknown(numbers: list[str]) -> ValidationError:
    return ValidationError(
        _("No member with number %(numbers)s in the register."),
        code="unknown_member",
        params={"numbers": ", ".join(numbers[:20])},
    )


class MemberNumberField(forms.CharField):
    """One member by number; empty is ``None`` where the field is not required."""

    def __init__(self, *, statuses: tuple[str, ...] = HOLDING_STATUSES, **kwargs: Any) -> None:
        self.statuses = statuses
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("The member number, as on the register."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Member | None:  # type: ignore[override]
        number = super().clean(value)
        if not number:
            return None
        found, missing = members_by_numbers(numbers=[number], statuses=self.statuses)
        if missing:
            raise _unknown(missing)
        return found[0]


class MemberNumbersField(forms.CharField):
    """Several members by number, one a line (or separated by commas or spaces)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(
        self,
        *,
        statuses: tuple[str, ...] = HOLDING_STATUSES,
        most: int = 2000,
        **kwargs: Any,
    ) -> None:
        self.statuses, self.most = statuses, most
        kwargs.setdefault("max_length", most * 21)
        kwargs.setdefault("help_text", _("Member numbers, one a line."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Member]:  # type: ignore[override]
        text = super().clean(value) or ""
        numbers = text.replace(",", " ").replace("，", " ").split()
        if len(numbers) > self.most:
            raise ValidationError(
                _("At most %(most)s members at a time."),
                code="too_many",
                params={"most": self.most},
            )
        found, missing = members_by_numbers(numbers=numbers, statuses=self.statuses)
        if missing:
            raise _unknown(missing)
        return found
