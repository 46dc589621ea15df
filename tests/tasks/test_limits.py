"""Finding 5 (the jobs' part): every Celery task is bounded in time and its worker child in
memory, so a hostile upload or a runaway job cannot hold a worker."""

from tasks.app import app


def _ours() -> dict:
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_the_workers_have_soft_and_hard_time_limits_and_a_memory_bound():
    conf = app.conf
    assert conf.task_soft_time_limit > 0
    assert conf.task_time_limit > conf.task_soft_time_limit
    assert conf.worker_max_memory_per_child > 0


def test_every_task_runs_under_a_time_limit():
    tasks = _ours()
    assert len(tasks) > 5  # the app's own tasks were found
    unbounded = sorted(
        name
        for name, task in tasks.items()
        if not (task.soft_time_limit or app.conf.task_soft_time_limit)
        or not (task.time_limit or app.conf.task_time_limit)
    )
    assert unbounded == []
