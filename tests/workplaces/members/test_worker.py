"""Jobs through a real Celery worker: a background import and the nightly roll-up."""

import pytest
from django_tenants.utils import schema_context

from tests.live import wait_for
from tests.workplaces.members.conftest import unique_id


def _csv(n: int) -> bytes:
    lines = ["姓名,性别,身份证号,入会日期,用工形式,月工资"]
    for i in range(n):
        gender = "F" if i % 3 == 0 else "M"
        lines.append(
            f"职工,{'女' if gender == 'F' else '男'},{unique_id(gender)},2022-01-01,正式,4010.00"
        )
    return ("\n".join(lines) + "\n").encode("gb18030")


@pytest.mark.worker
def test_a_large_import_runs_in_the_worker_and_reports_progress(celery_worker):
    from tenants.models import Union, UnionRollup
    from workplaces.members.imports import import_job_create
    from workplaces.members.models import ImportJob, Member

    union = Union.objects.get(slug="union-a")
    with schema_context(union.schema_name):
        job = import_job_create(content=_csv(600), filename="big.csv", actor="test")

    def finished():
        with schema_context(union.schema_name):
            return ImportJob.objects.get(pk=job.pk).status in ("done", "failed")

    wait_for(finished, timeout=60)
    with schema_context(union.schema_name):
        job = ImportJob.objects.get(pk=job.pk)
        assert (job.status, job.created, job.total, job.errors, job.message) == (
            "done",
            600,
            600,
            [],
            "",
        )
        assert job.content is None
        assert Member.objects.count() == 600
    rollup = UnionRollup.objects.get(union=union)
    assert (rollup.members_active, rollup.members_women, str(rollup.member_dues_monthly)) == (
        600,
        200,
        "12030.00",
    )


@pytest.mark.worker
def test_the_nightly_rollup_recomputes_every_union(celery_worker):
    from celery import current_app
    from django_celery_beat.models import PeriodicTask

    from tasks.schedule import beat_schedule_ensure
    from tenants.models import Union, UnionRollup
    from workplaces.members.models import Member

    union = Union.objects.get(slug="union-b")
    with schema_context(union.schema_name):
        # written behind the services' back, as a drifted roll-up would be
        Member.objects.create(
            name="漂移",
            gender="F",
            id_number=unique_id("F"),
            birth_date="1990-01-01",
            joined_on="2020-01-01",
            member_no="900001",
            monthly_wage="5000.00",
        )
    assert not UnionRollup.objects.filter(union=union, members_active=1).exists()
    beat_schedule_ensure()
    entry = PeriodicTask.objects.get(task="members.rollup_dispatch")
    current_app.send_task(entry.task)
    wait_for(
        lambda: UnionRollup.objects.filter(union=union, members_active=1, members_women=1).exists(),
        timeout=60,
    )
    assert str(UnionRollup.objects.get(union=union).member_dues_monthly) == "25.00"
    assert UnionRollup.objects.filter(union__slug="union-a").exists()


@pytest.mark.worker
def test_an_export_runs_in_the_worker_and_its_file_is_ready(celery_worker):
    from django.contrib.auth import get_user_model

    from tenants.models import Union
    from workplaces.members.export_jobs import export_job_create
    from workplaces.members.imports import import_job_run
    from workplaces.members.models import ExportJob, ImportJob

    union = Union.objects.get(slug="union-a")
    with schema_context(union.schema_name):
        job = ImportJob.objects.create(filename="m.csv", content=_csv(1200), actor_name="test")
        import_job_run(job_id=job.pk)
        officer = get_user_model().objects.get(username="a_organization")
        export = export_job_create(actor=officer, fmt="csv", filters={})

    def finished():
        with schema_context(union.schema_name):
            return ExportJob.objects.get(pk=export.pk).status in ("done", "failed")

    wait_for(finished, timeout=60)
    with schema_context(union.schema_name):
        export = ExportJob.objects.get(pk=export.pk)
        assert (export.status, export.total, export.done, export.message) == (
            "done",
            1200,
            1200,
            "",
        )
        assert bytes(export.content).decode("utf-8-sig").count("\n") == 1201
