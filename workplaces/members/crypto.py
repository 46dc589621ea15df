"""Keyed hashes and encryption for what crosses into the public schema.

The public schema never holds a plain resident ID number: the member index keeps an
HMAC-SHA256 of it (``tenants.member_index.id_hash``, re-exported here), and a transfer's
payload is Fernet-encrypted with a key derived from the same secret
(``settings.ID_HASH_SECRET``, from the environment).
"""

import base64
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from tenants.member_index import id_hash, id_number_normalise

__all__ = [
    "id_hash",
    "id_number_normalise",
    "name_mask",
    "payload_decrypt",
    "payload_encrypt",
]


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"gonglian-member-transfer", info=b"fernet-v1"
    ).derive(settings.ID_HASH_SECRET.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def payload_encrypt(data: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def payload_decrypt(token: str) -> dict[str, Any]:
    try:
        value = json.loads(_fernet().decrypt(token.encode()))
    except (InvalidToken, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def name_mask(name: str) -> str:
    """张三丰 -> 张**: enough for the federation's list, not a name."""
    name = (name or "").strip()
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""
