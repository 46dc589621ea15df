"""Who may do what in welfare work. The chair passes every union check."""

from federation.platform.accounts.roles import FINANCE, UNION_OFFICERS, VICE_CHAIR

WELFARE_MANAGERS: tuple[str, ...] = (VICE_CHAIR, FINANCE)
WELFARE_READERS: tuple[str, ...] = tuple(UNION_OFFICERS)
# hardship files hold household income and causes: the chair and vice chair
HARDSHIP_MANAGERS: tuple[str, ...] = (VICE_CHAIR,)
