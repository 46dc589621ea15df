"""The hostile-content suite's payload and callers. Where a union types it is
``hostile_typed`` (one function per door), where it lands is ``hostile_landings`` (the
registry of pairs), and ``test_hostile_content`` checks each landing comes out inert."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD

# what an attacker types: a DDE formula first (a cell starting with it runs), HTML, ReportLab
# markup that would close the paragraph and embed a file from the server's disk, a
# right-to-left override and a zero-width space, then as many characters as the field takes
FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert(1)</script>"
MARKUP = '</para><img src="/etc/passwd"/><font size="90">'
BIDI = "\u202e\u200b"
LONGEST = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def hostile(limit: int) -> str:
    """The hostile text for a field taking ``limit`` characters: every payload that fits,
    padded to the limit (up to ``LONGEST``) when the field is a long text."""
    text = FORMULA + SCRIPT + BIDI
    if limit >= len(text) + len(MARKUP):
        text = FORMULA + SCRIPT + MARKUP + BIDI
    if limit >= 1000:
        text += "长" * (min(limit, LONGEST) - len(text))
    return text[:limit]


@dataclass
class Clients:
    """Union A's chair (API token), the federation's administrator (API token), and their
    logged-in browsers for the pages (made on first use)."""

    union_api: Any
    federation_api: Any
    union_host: str
    _pages: dict[str, Client]

    def page(self, side: str) -> Client:
        """A logged-in browser: "union" (A's chair), "union_b" (B's chair), "federation"."""
        if side not in self._pages:
            host, username = {
                "union": (self.union_host, "a_chair"),
                "union_b": ("union-b.localhost", "b_chair"),
                "federation": ("localhost", "federation_admin"),
            }[side]
            client = Client(HTTP_HOST=host)
            assert (
                client.post(
                    "/accounts/login/", {"username": username, "password": PASSWORD}
                ).status_code
                == 302
            )
            self._pages[side] = client
        return self._pages[side]


Typed = Callable[[Clients], dict[str, Any]]
YEAR = f"from={timezone.localdate().year}-01-01&to={timezone.localdate().year}-12-31"
IN_YEAR = f"{timezone.localdate().year}-06-01"
