"""The Celery app, the shared task options (retries on database and Redis errors), the
per-union dispatcher and the beat schedule the apps register jobs in. Beside the platform:
imports the platform and tenancy, never a feature."""

from tasks.app import app as celery_app

__all__ = ["celery_app"]
