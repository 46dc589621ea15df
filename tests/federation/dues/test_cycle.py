import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from federation.dues import services, tasks
from federation.dues.models import DuesNotice, NoticeStatus, OrganizingTarget
from federation.platform.audit.models import AuditEvent


@pytest.mark.django_db
def test_the_cycle_issues_one_notice_per_declaring_union_and_lists_the_others(
    frozen, declare, union_a, union_b
):
    declare(union_a, payroll="123456.78")
    result = services.dues_cycle_run(period="2026-10")
    assert result == {
        "period": "2026-10",
        "notices_created": 1,
        "notices_existing": 0,
        "missing_declarations": ["union-b"],
    }
    notice = DuesNotice.objects.get(union=union_a)
    assert (notice.amount_due, notice.rate, notice.status) == (
        Decimal("2469.14"),
        Decimal("0.0200"),
        "issued",
    )
    assert str(notice.due_date) == "2026-11-15"
    assert str(notice.grace_until) == "2026-11-25"


@pytest.mark.django_db
def test_running_the_cycle_twice_creates_nothing_new(frozen, declare, union_a, union_b):
    declare(union_a)
    declare(union_b)
    services.dues_cycle_run(period="2026-10")
    again = services.dues_cycle_run(period="2026-10")
    assert (again["notices_created"], again["notices_existing"]) == (0, 2)
    assert DuesNotice.objects.filter(period="2026-10").count() == 2
    assert AuditEvent.objects.filter(kind="dues.notice.issued").count() == 2


@pytest.mark.django_db
def test_the_cycle_refuses_a_period_that_has_not_ended(frozen):
    with pytest.raises(ValidationError) as exc:
        services.dues_cycle_run(period="2026-11")
    assert "period" in exc.value.message_dict


@pytest.mark.django_db
def test_the_cycle_refuses_a_quarter_when_the_rule_table_is_monthly(frozen):
    with pytest.raises(ValidationError) as exc:
        services.dues_cycle_run(period="2026-Q3")
    assert "period" in exc.value.message_dict


@pytest.mark.django_db
def test_a_quarterly_rule_row_bills_quarters(frozen, declare, union_a):
    services.policy_set(
        actor="t",
        rate=Decimal("0.0200"),
        upper_share=Decimal("0.4000"),
        due_day=15,
        grace_days=10,
        reminder_every_days=7,
        effective_from=dt.date(2026, 7, 1),
        period_kind="quarterly",
    )
    declare(union_a, period="2026-Q3", payroll="300000.00")
    result = services.dues_cycle_run(period="2026-Q3")
    notice = DuesNotice.objects.get(union=union_a)
    assert result["notices_created"] == 1
    assert (notice.amount_due, str(notice.due_date)) == (Decimal("6000.00"), "2026-10-15")
    # issued after due date + grace days: overdue at once
    assert notice.status == NoticeStatus.OVERDUE


@pytest.mark.django_db
def test_an_organizing_target_is_billed_the_preparatory_fund_at_the_same_rate(frozen, union_a):
    from tests.factories import credit_code

    target = services.target_create(name="无工会企业", credit_code=credit_code(), actor="t")
    services.declaration_submit(
        target=target, period="2026-10", payroll_total="50000.00", headcount=10, actor="t"
    )
    result = services.dues_cycle_run(period="2026-10")
    notice = DuesNotice.objects.get(target=target)
    assert result["notices_created"] == 1
    assert (notice.amount_due, notice.collection_mode) == (Decimal("1000.00"), "preparatory")


@pytest.mark.django_db
def test_an_organizing_target_needs_a_valid_credit_code():
    with pytest.raises(ValidationError) as exc:
        services.target_create(name="X", credit_code="91330100MA0000001Z", actor="t")
    assert "credit_code" in exc.value.message_dict
    assert OrganizingTarget.objects.count() == 0


@pytest.mark.django_db
def test_the_per_union_task_is_idempotent_when_run_twice(frozen, declare, union_a):
    declare(union_a)
    first = tasks.cycle_union(union_a.schema_name, "2026-10")
    second = tasks.cycle_union(union_a.schema_name, "2026-10")
    assert first == second
    assert DuesNotice.objects.filter(union=union_a).count() == 1


def test_per_union_tasks_are_acked_late_and_requeued_when_the_worker_dies():
    for task in (tasks.cycle_union, tasks.daily_union, tasks.cycle_dispatch, tasks.daily_dispatch):
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True


@pytest.mark.django_db
def test_the_per_union_task_asks_a_union_without_declaration_to_declare(frozen, union_b):
    from federation.platform.outbox.models import OutboxMessage

    assert tasks.cycle_union(union_b.schema_name, "2026-10") is None
    tasks.cycle_union(union_b.schema_name, "2026-10")
    assert OutboxMessage.objects.filter(union=union_b, kind="dues.declaration_missing").count() == 1
    assert DuesNotice.objects.filter(union=union_b).count() == 0


def test_the_beat_jobs_are_registered():
    from tasks.schedule import PERIODIC_JOBS

    names = {task for _n, task, _c, _d in PERIODIC_JOBS}
    assert {"dues.cycle_dispatch", "dues.daily_dispatch"} <= names


def test_two_cycles_at_once_make_one_notice_per_union(live_township):
    import time_machine

    from tenants.models import Union
    from tests.federation.dues.conftest import NOV_5

    union_a = Union.objects.get(slug="union-a")
    union_b = Union.objects.get(slug="union-b")
    with time_machine.travel(NOV_5, tick=False):
        for union in (union_a, union_b):
            services.declaration_submit(
                union=union, period="2026-10", payroll_total="1000.00", headcount=2, actor="t"
            )
        barrier = threading.Barrier(2)
        results, errors = [], []

        def run():
            try:
                barrier.wait()
                results.append(services.dues_cycle_run(period="2026-10"))
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert sum(r["notices_created"] for r in results) == 2
    assert DuesNotice.objects.filter(period="2026-10").count() == 2


@pytest.mark.django_db
def test_an_organizing_target_that_founds_its_union_stops_being_billed_as_a_target(frozen, union_a):
    from tests.factories import credit_code

    target = services.target_create(name="新建会企业", credit_code=credit_code(), actor="t")
    services.declaration_submit(
        target=target, period="2026-10", payroll_total="1000.00", headcount=1, actor="t"
    )
    services.target_founded(target=target, union=union_a, actor="t")
    result = services.dues_cycle_run(period="2026-10")
    assert result["notices_created"] == 0
    target.refresh_from_db()
    assert (target.status, target.union_id) == ("founded", union_a.pk)


@pytest.mark.django_db
def test_the_cycle_runs_on_the_federation_side_only(frozen, union_a):
    from django_tenants.utils import schema_context

    from tenants.context import WrongSideError

    with schema_context(union_a.schema_name), pytest.raises(WrongSideError):
        services.dues_cycle_run(period="2026-10")


@pytest.mark.django_db
def test_a_declaration_from_the_union_host_is_audited_in_the_federation_log(
    client_for, frozen, union_a
):
    response = client_for("a_finance", union_a).post(
        "/api/v1/dues/declarations/",
        {"period": "2026-10", "payroll_total": "1000.00", "headcount": 2},
        format="json",
    )
    assert response.status_code == 201
    event = AuditEvent.objects.get(kind="dues.declaration.submitted")
    assert (event.union_slug, event.actor_name, event.after["payroll_total"]) == (
        "union-a",
        "a_finance",
        "1000.00",
    )


def test_a_cycle_waits_for_a_correction_in_flight_and_bills_the_corrected_payroll(live_township):
    import time

    import psycopg
    import time_machine

    from federation.dues.models import PayrollDeclaration
    from tenants.models import Union
    from tests.federation.dues.conftest import NOV_5
    from tests.live import _test_database_url

    union_a = Union.objects.get(slug="union-a")
    with time_machine.travel(NOV_5, tick=False):
        decl = services.declaration_submit(
            union=union_a, period="2026-10", payroll_total="1000.00", headcount=2, actor="t"
        )
        results = []
        with psycopg.connect(_test_database_url()) as other:
            # another transaction is correcting the payroll and has not committed yet
            other.execute(
                "UPDATE public.dues_payrolldeclaration SET payroll_total = 2000 WHERE id = %s",
                [decl.pk],
            )

            def run():
                try:
                    results.append(services.dues_cycle_run(period="2026-10"))
                finally:
                    connection.close()

            thread = threading.Thread(target=run)
            thread.start()
            time.sleep(1)
            assert results == []  # waiting on the declaration's lock
            other.commit()
            thread.join()
    assert results[0]["notices_created"] == 1
    assert DuesNotice.objects.get(union=union_a).amount_due == Decimal("40.00")
    assert PayrollDeclaration.objects.get(pk=decl.pk).payroll_total == Decimal("2000.00")
