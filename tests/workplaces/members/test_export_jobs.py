"""The register's export from the pages, in the background (workplaces/members/
export_jobs.py): queued with the list's filters, its progress shown, downloaded by the
officer who asked, masked as they read the register; nobody else's to fetch."""

import csv
import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from tests.conftest import HostClient, host_of
from workplaces.members.models import ExportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_for(in_union):
    def make(username, union):
        client = HostClient(host_of(union))
        client.cookies["django_language"] = "en"
        with in_union(union):
            client.force_login(get_user_model().objects.get(username=username))
        return client

    return make


def _queue(client, union, in_union, fmt="xlsx", query="", capture=None):
    with (
        mock.patch("workplaces.members.tasks.export_run.delay") as send,
        capture(execute=True),
    ):
        answer = client.post(f"/members/export/{fmt}/start/{query}")
    with in_union(union):
        job = ExportJob.objects.defer("content").get()
    send.assert_called_once_with(job.pk)
    assert answer.status_code == 302
    assert answer["Location"] == f"/members/export/jobs/{job.pk}/"
    return job


def _run(job, union, in_union):
    from workplaces.members.export_jobs import export_job_run

    with in_union(union):
        return export_job_run(job_id=job.pk)


def test_the_list_queues_an_export_shows_progress_then_the_file(
    page_for, union_a, make_member, in_union, django_capture_on_commit_callbacks
):
    make_member(union_a, name="甲")
    make_member(union_a, name="乙")
    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    html = org.get(f"/members/export/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "export-download" not in html
    assert _run(job, union_a, in_union).status == "done"
    html = org.get(f"/members/export/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'value="100"' in html
    assert "2 of 2 members" in html
    assert "every 1s" not in html
    answer = org.get(f"/members/export/jobs/{job.pk}/download/")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["乙", "甲"]


def test_the_export_keeps_the_lists_filters(
    page_for, union_a, make_member, in_union, django_capture_on_commit_callbacks
):
    make_member(union_a, name="王芳")
    make_member(union_a, name="李强")
    org = page_for("a_organization", union_a)
    job = _queue(
        org,
        union_a,
        in_union,
        fmt="csv",
        query="?search=王芳",
        capture=django_capture_on_commit_callbacks,
    )
    _run(job, union_a, in_union)
    text = org.get(f"/members/export/jobs/{job.pk}/download/").content.decode("utf-8-sig")
    assert [row[1] for row in csv.reader(io.StringIO(text))][1:] == ["王芳"]


def test_another_officer_cannot_see_or_fetch_an_export(
    page_for, union_a, make_member, in_union, django_capture_on_commit_callbacks
):
    make_member(union_a)
    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    _run(job, union_a, in_union)
    other = page_for("a_chair", union_a)
    assert other.get(f"/members/export/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/members/export/jobs/{job.pk}/download/").status_code == 404


def test_another_unions_officer_gets_a_404(
    page_for, union_a, union_b, make_member, in_union, django_capture_on_commit_callbacks
):
    make_member(union_a)
    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    _run(job, union_a, in_union)
    outsider = page_for("b_chair", union_b)
    assert outsider.get(f"/members/export/jobs/{job.pk}/download/").status_code == 404


def test_a_file_is_masked_as_its_requester_reads_the_register(
    page_for, union_a, make_member, in_union, django_capture_on_commit_callbacks
):
    member = make_member(union_a)
    finance = page_for("a_finance", union_a)
    job = _queue(finance, union_a, in_union, fmt="csv", capture=django_capture_on_commit_callbacks)
    _run(job, union_a, in_union)
    text = finance.get(f"/members/export/jobs/{job.pk}/download/").content.decode("utf-8-sig")
    shown = list(csv.reader(io.StringIO(text)))[1][3]
    assert shown == member.id_number[:6] + "********" + member.id_number[-4:]


def test_a_member_may_not_queue_an_export(page_for, union_a, in_union):
    answer = page_for("a_member", union_a).post("/members/export/xlsx/start/")
    assert answer.status_code == 403
    with in_union(union_a):
        assert ExportJob.objects.count() == 0


def test_an_unfinished_export_has_nothing_to_download(
    page_for, union_a, in_union, django_capture_on_commit_callbacks
):
    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    assert org.get(f"/members/export/jobs/{job.pk}/download/").status_code == 404


def test_a_requester_who_lost_the_right_to_read_gets_no_file(
    page_for, union_a, in_union, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    with in_union(union_a):
        user = get_user_model().objects.get(username="a_organization")
        user.groups.set(Group.objects.filter(name="member"))
    done = _run(job, union_a, in_union)
    assert (done.status, done.message) == ("failed", "You may no longer read the register.")
    with in_union(union_a):
        assert ExportJob.objects.values_list("content", flat=True).get(pk=job.pk) is None


def test_a_finished_job_run_again_is_left_alone(
    page_for, union_a, make_member, in_union, django_capture_on_commit_callbacks
):
    make_member(union_a)
    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    first = _run(job, union_a, in_union)
    make_member(union_a)
    again = _run(job, union_a, in_union)
    assert (again.status, again.total, again.finished_at) == ("done", 1, first.finished_at)


def test_exports_older_than_the_rule_are_deleted_with_the_next(
    page_for, union_a, in_union, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    org = page_for("a_organization", union_a)
    old = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    with in_union(union_a):
        ExportJob.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - dt.timedelta(hours=25)
        )
    with (
        mock.patch("workplaces.members.tasks.export_run.delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert org.post("/members/export/csv/start/").status_code == 302
    with in_union(union_a):
        assert list(ExportJob.objects.values_list("fmt", flat=True)) == ["csv"]


def test_an_export_that_fails_is_marked_failed_not_left_running(
    page_for, union_a, make_member, in_union, django_capture_on_commit_callbacks
):
    make_member(union_a)
    org = page_for("a_organization", union_a)
    job = _queue(org, union_a, in_union, capture=django_capture_on_commit_callbacks)
    with (
        mock.patch("workplaces.members.exports.export_xlsx", side_effect=OSError("disk full")),
        pytest.raises(OSError, match="disk full"),
    ):
        _run(job, union_a, in_union)
    with in_union(union_a):
        failed = ExportJob.objects.defer("content").get(pk=job.pk)
    assert (failed.status, failed.message) == ("failed", "The export failed; try again.")
    html = org.get(f"/members/export/jobs/{job.pk}/").content.decode()
    assert "every 1s" not in html


def test_the_nightly_union_job_deletes_expired_exports(union_a, in_union):
    import datetime as dt

    from django.utils import timezone

    from workplaces.members.tasks import rollup_union

    with in_union(union_a):
        officer = get_user_model().objects.get(username="a_organization")
        old = ExportJob.objects.create(fmt="csv", actor_id=officer.pk, content=b"x")
        fresh = ExportJob.objects.create(fmt="csv", actor_id=officer.pk, content=b"y")
        ExportJob.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - dt.timedelta(hours=25)
        )
    rollup_union(union_a.schema_name)
    with in_union(union_a):
        assert list(ExportJob.objects.values_list("pk", flat=True)) == [fresh.pk]
