"""gunicorn's settings wherever the app is served: `make run` (federation/config/launcher.py),
deploy/ (Dockerfile, systemd unit) and the load test (tests/benchmarks/test_bench_load.py),
so the shape measured is the shape served. Use: ``gunicorn -c python:federation.config.gunicorn``.

Shape: 2 worker processes per core, 2 threads each (4 x 2 on the 2-core machine of
tests/benchmarks/RESULTS.md, 2026-12-07 afternoon: against 2 x 4, with 2 x 4 run before
and after it, member list/search p95 150/140 ms against 180-250 ms, 137 against 121-128
req/s, less CPU per request: Django's work is CPU-bound and threads of one process take
turns on the GIL). The database connections stay workers x threads (8 on 2 cores, as 2 x 4
had). WEB_WORKERS and WEB_THREADS override it."""

import os

wsgi_app = "federation.config.wsgi:application"
workers = int(os.environ.get("WEB_WORKERS", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("WEB_THREADS", "2"))
graceful_timeout = 5
