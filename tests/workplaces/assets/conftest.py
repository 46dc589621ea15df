from tests.workplaces.english_api import (  # noqa: F401 - fixtures of these tests
    _english,
    client_for,
    login_api,
    member_in,
    union_a_chair_api,
    union_b_chair_api,
)
