"""The federation dashboard counts current titles only (a renewal supersedes the old one)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_superseded_title_is_not_counted_on_the_dashboard(
    assessment_a, assessment_b, union_a, union_b, fill_and_submit, review, federation_admin_api
):
    from federation.homes.models import Title

    for assessment, union in ((assessment_a, union_a), (assessment_b, union_b)):
        fill_and_submit(assessment, union)
        review(assessment, total="85")
    level = Title.objects.get(union=union_a).level.name
    assert federation_admin_api.get("/api/v1/dashboard/").json()["homes"] == {level: 2}
    # B's title superseded: neither withdrawn nor current any more
    Title.objects.filter(union=union_b).update(current=False)
    assert federation_admin_api.get("/api/v1/dashboard/").json()["homes"] == {level: 1}
