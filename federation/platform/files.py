"""Private files (staff-home evidence, activity photos, finance vouchers): stored under
``MEDIA_ROOT/private/<schema>/...``, outside anything served under MEDIA_URL, and read only
through views that check who asks. Such a file has no public address."""

import os

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):  # read at use, so a test's MEDIA_ROOT override applies
        return os.path.join(str(settings.MEDIA_ROOT), "private")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # a template or serializer asking for ``file.url`` would publish a private file
        raise SuspiciousFileOperation(f"{name}: a private file has no public address")


def private_storage() -> PrivateStorage:
    return PrivateStorage()
