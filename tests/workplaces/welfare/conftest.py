from tests.workplaces.rights.fixtures import (  # noqa: F401 - fixtures of these tests
    _english,
    a_chair,
    api,
    b_chair,
    member_in,
)
