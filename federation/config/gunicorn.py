"""gunicorn's settings wherever the app is served: `make run` (federation/config/launcher.py),
deploy/ (Dockerfile, systemd unit) and the load test (tests/benchmarks/test_bench_load.py),
so the shape measured is the shape served. Use: ``gunicorn -c python:federation.config.gunicorn``.

Shape: 3 worker processes per core, one thread each (6 x 1 on the 2-core machine of
tests/benchmarks/RESULTS.md). Django's work is CPU-bound and threads of one process take
turns on the GIL; one thread per process takes that turn-taking away, and a third process
per core keeps the cores busy while the others wait on PostgreSQL. Measured 2026-12-07
with the two shapes alternating three times in one run (50 users, 60 s each): member
list/search p95 80-210 ms with 6 x 1 against 300-460 ms with 4 x 2 (the shape before),
132-138 against 102-123 req/s, 9.5-10.5 against 11.0-11.9 ms of CPU per request. The
gthread worker keeps idle keep-alive connections in its poller with one thread too (the
sync worker does not keep them: its p99 was the worst). The database connections are
workers x threads (6 on 2 cores). WEB_WORKERS, WEB_THREADS and WEB_WORKER_CLASS override it."""

import os

wsgi_app = "federation.config.wsgi:application"
workers = int(os.environ.get("WEB_WORKERS", str(3 * (os.cpu_count() or 1))))
threads = int(os.environ.get("WEB_THREADS", "1"))
# gthread keeps idle keep-alive connections in its poller also with one thread per process
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
graceful_timeout = 5
