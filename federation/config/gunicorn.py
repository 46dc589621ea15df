"""gunicorn's settings wherever the app is served: `make run` (federation/config/launcher.py),
deploy/ (Dockerfile, systemd unit) and the load test (tests/benchmarks/test_bench_load.py),
so the shape measured is the shape served. Use: ``gunicorn -c python:federation.config.gunicorn``.

WEB_WORKERS and WEB_THREADS override the shape (figures in tests/benchmarks/RESULTS.md)."""

import os

wsgi_app = "federation.config.wsgi:application"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
graceful_timeout = 5
