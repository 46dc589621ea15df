"""The last seat taken by two members at once goes to one of them; the other gets 409."""

import threading

from django.db import connection
from django_tenants.utils import schema_context

from federation.platform.accounts.tokens import token_issue
from tests.conftest import HostClient, host_of


def test_two_members_taking_the_last_seat_at_once_one_gets_it_the_other_409(live_township):
    from tenants.models import Union
    from tests.workplaces.activities.factories import MemberFactory, union_user
    from workplaces.activities.models import Activity, Signup
    from workplaces.activities.services import activity_create

    union = Union.objects.get(slug="union-a")
    with schema_context(union.schema_name):
        activity = activity_create(
            actor=None,
            title="最后一个名额",
            kind="sports",
            starts_at="2026-12-20T09:00:00+08:00",
            capacity=1,
        )
        keys = []
        for i in range(2):
            member = MemberFactory()
            user = union_user(f"racer{i}", "member", member=member)
            keys.append(token_issue(user=user, label="test")[1])
    connection.set_schema_to_public()
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def take(key: str) -> None:
        client = HostClient(host_of(union))
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            barrier.wait()
            codes.append(
                client.post(
                    f"/api/v1/activities/{activity.pk}/signups/", {}, format="json"
                ).status_code
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(k,)) for k in keys]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(codes) == [201, 409]
        with schema_context(union.schema_name):
            assert Signup.objects.filter(activity_id=activity.pk).count() == 1
            assert Activity.objects.get(pk=activity.pk).signups_count == 1
    finally:
        with schema_context(union.schema_name):
            from django.contrib.auth import get_user_model

            from workplaces.members.models import Member

            Signup.objects.filter(activity_id=activity.pk).delete()
            Activity.objects.filter(pk=activity.pk).delete()
            Member.objects.filter(user__username__startswith="racer").delete()
            get_user_model().objects.filter(username__startswith="racer").delete()
        connection.set_schema_to_public()
