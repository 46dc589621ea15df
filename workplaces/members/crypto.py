"""Keyed hashes and encryption for what crosses into the public schema.

The public schema never holds a plain resident ID number: the member index keeps an
HMAC-SHA256 of it, and a transfer's payload is Fernet-encrypted with a key derived
from the same secret (``settings.ID_HASH_SECRET``, from the environment).
"""

import base64
import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def id_number_normalise(number: str) -> str:
    return (number or "").strip().upper()


def id_hash(number: str) -> str:
    """HMAC-SHA256 of the normalised ID number, hex."""
    key = settings.ID_HASH_SECRET.encode()
    return hmac.new(key, id_number_normalise(number).encode(), hashlib.sha256).hexdigest()


def _fernet() -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"gonglian-member-transfer", info=b"fernet-v1"
    ).derive(settings.ID_HASH_SECRET.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def payload_encrypt(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode()


def payload_decrypt(token: str) -> dict:
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except (InvalidToken, ValueError):
        return {}


def name_mask(name: str) -> str:
    """张三丰 -> 张**: enough for the federation's list, not a name."""
    name = (name or "").strip()
    return (name[:1] + "*" * max(len(name) - 1, 1)) if name else ""
