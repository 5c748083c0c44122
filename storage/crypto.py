"""Fernet encryption of health values at rest, as a SQLAlchemy column type."""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

_cipher: MultiFernet | None = None


class KeyError_(ValueError):
    """The encryption key is malformed."""


def make_cipher(keys: str) -> MultiFernet:
    """Build a cipher from one key or several comma-separated keys (first encrypts; all decrypt)."""
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if not parts:
        raise KeyError_("FITCOACH_ENCRYPTION_KEY is empty")
    try:
        return MultiFernet([Fernet(k.encode()) for k in parts])
    except (ValueError, TypeError) as exc:
        raise KeyError_("FITCOACH_ENCRYPTION_KEY must be url-safe base64 of 32 bytes (Fernet.generate_key())") from exc


def load_or_create_key_file(data_dir: Path) -> str:
    """Read `<data_dir>/fitcoach.key`, creating it with mode 0600 (and a warning) when missing."""
    path = data_dir / "fitcoach.key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    os.chmod(path, 0o600)
    log.warning("FITCOACH_ENCRYPTION_KEY not set: generated a key file at %s (mode 0600); back it up", path)
    return key


def configure(keys: str) -> None:
    """Install the process-wide cipher used by EncryptedJSON columns."""
    global _cipher
    _cipher = make_cipher(keys)


def cipher() -> MultiFernet:
    if _cipher is None:
        raise RuntimeError("storage.crypto.configure() was not called before using encrypted columns")
    return _cipher


def encrypt_value(value: Any) -> str:
    """JSON-encode and encrypt a value."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    return cipher().encrypt(raw).decode()


def decrypt_value(token: str) -> Any:
    """Decrypt and JSON-decode a value written by encrypt_value."""
    try:
        return json.loads(cipher().decrypt(token.encode()))
    except InvalidToken as exc:
        raise RuntimeError("cannot decrypt stored health data: wrong FITCOACH_ENCRYPTION_KEY?") from exc


class EncryptedJSON(TypeDecorator):
    """A JSON value stored as a Fernet token (text); NULL stays NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else encrypt_value(value)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        return None if value is None else decrypt_value(value)
