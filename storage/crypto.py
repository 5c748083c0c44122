"""Fernet encryption of health values at rest, as a SQLAlchemy column type."""
from __future__ import annotations

import json
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

_cipher: MultiFernet | None = None

# Plaintext of recently seen tokens. A Fernet token is immutable ciphertext: it always decrypts to the same bytes
# under the same keys, and any change to a stored value writes a new token (fresh IV), so an entry can never be
# stale, whichever process wrote the row. Values are re-parsed from the bytes on every read, so callers still
# get objects of their own to mutate. Bounded (LRU, by bytes); cleared when the keys change.
_PLAIN_CACHE_MAX_BYTES = 8 * 2**20
_PLAIN_CACHE_MAX_ITEM = 256 * 2**10
_plain: OrderedDict[str, bytes] = OrderedDict()
_plain_bytes = 0
_plain_lock = threading.Lock()


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
    clear_cache()


def clear_cache() -> None:
    """Forget every cached plaintext."""
    global _plain_bytes
    with _plain_lock:
        _plain.clear()
        _plain_bytes = 0


def _remember(token: str, raw: bytes) -> None:
    global _plain_bytes
    size = len(token) + len(raw)
    if size > _PLAIN_CACHE_MAX_ITEM:
        return
    with _plain_lock:
        if token in _plain:
            return
        _plain[token] = raw
        _plain_bytes += size
        while _plain_bytes > _PLAIN_CACHE_MAX_BYTES:
            old, old_raw = _plain.popitem(last=False)
            _plain_bytes -= len(old) + len(old_raw)


def cipher() -> MultiFernet:
    if _cipher is None:
        raise RuntimeError("storage.crypto.configure() was not called before using encrypted columns")
    return _cipher


def encrypt_value(value: Any) -> str:
    """JSON-encode and encrypt a value."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    token = cipher().encrypt(raw).decode()
    _remember(token, raw)  # a row is usually read back soon after it is written
    return token


def decrypt_value(token: str) -> Any:
    """Decrypt and JSON-decode a value written by encrypt_value."""
    with _plain_lock:
        raw = _plain.get(token)
        if raw is not None:
            _plain.move_to_end(token)
    if raw is None:
        try:
            raw = cipher().decrypt(token.encode())
        except InvalidToken as exc:
            raise RuntimeError("cannot decrypt stored health data: wrong FITCOACH_ENCRYPTION_KEY?") from exc
        _remember(token, raw)
    return json.loads(raw)


class EncryptedJSON(TypeDecorator):
    """A JSON value stored as a Fernet token (text); NULL stays NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else encrypt_value(value)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        return None if value is None else decrypt_value(value)
