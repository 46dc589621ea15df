"""Who may do what in rights work. The chair passes every union check (permissions)."""

from federation.platform.accounts.roles import UNION_OFFICERS, VICE_CHAIR, WOMEN_WORKERS

# contracts, mediation, legal aid: the chair and vice chair write, every officer reads
RIGHTS_MANAGERS: tuple[str, ...] = (VICE_CHAIR,)
RIGHTS_READERS: tuple[str, ...] = tuple(UNION_OFFICERS)
# the women's register is health data: the women workers' officer and the chair only
WOMEN_OFFICERS: tuple[str, ...] = (WOMEN_WORKERS,)
