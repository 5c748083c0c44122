"""Fernet encryption of health values at rest, as a SQLAlchemy column type."""
from __future__ import annotations

import json
import logging
import marshal
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator
from storage.errors import KeyError_  # noqa: F401 - raised here, caught by the command line

log = logging.getLogger(__name__)

_cipher: MultiFernet | None = None

# Recently seen tokens and what they hold. A Fernet token is immutable ciphertext: it always decrypts to the same
# value under the same keys, and any change to a stored value writes a new token (fresh IV), so an entry can never
# be stale, whichever process wrote the row. An entry holds the value in marshal form (or, just after a write,
# its JSON text): every read builds fresh objects from it, so callers still get values of their own to mutate,
# and marshal rebuilds them about twice as fast as JSON parsing. Bounded (LRU, by bytes); cleared on key change.
_CACHE_MAX_BYTES = 8 * 2**20
_CACHE_MAX_ITEM = 256 * 2**10
_JSON, _MARSHAL = 0, 1
_cache: OrderedDict[str, tuple[int, bytes]] = OrderedDict()
_cache_bytes = 0
_cache_lock = threading.Lock()


def make_cipher(keys: str) -> MultiFernet:
    """Build a cipher from one key or several comma-separated keys (first encrypts; all decrypt)."""
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if not parts:
        raise KeyError_("FITCOACH_ENCRYPTION_KEY is empty")
    try:
        return MultiFernet([Fernet(k.encode()) for k in parts])
    except (ValueError, TypeError) as exc:
        raise KeyError_("FITCOACH_ENCRYPTION_KEY must be url-safe base64 of 32 bytes (Fernet.generate_key())") from exc


KEY_FILE = "fitcoach.key"
CHECK_PLAINTEXT = "fitcoach-key-check-v1"


class KeyRefused(KeyError_):
    """The key cannot be used with this data (missing, unreadable or wrong); the message is one line."""


def read_key_file(data_dir: Path) -> str | None:
    """The key in `<data_dir>/fitcoach.key`, or None when there is no such file."""
    path = data_dir / KEY_FILE
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyRefused(f"cannot read the key file {path}: {type(exc).__name__} "
                         f"(fix its permissions, or set FITCOACH_ENCRYPTION_KEY)") from None
    if not text:
        raise KeyRefused(f"the key file {path} is empty: restore it from your backup (or set "
                         f"FITCOACH_ENCRYPTION_KEY)")
    return text


def create_key_file(data_dir: Path) -> str:
    """Write a new key to `<data_dir>/fitcoach.key` (mode 0600, never over an existing file) and return it."""
    path = data_dir / KEY_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    os.chmod(path, 0o600)
    log.warning("FITCOACH_ENCRYPTION_KEY not set: generated a key file at %s (mode 0600); back it up", path)
    return key


def load_or_create_key_file(data_dir: Path) -> str:
    """Read `<data_dir>/fitcoach.key`, creating it when missing (callers check first that no data needs the old one)."""
    return read_key_file(data_dir) or create_key_file(data_dir)


def check_value(cipher_: MultiFernet | None = None) -> str:
    """A token of a fixed text under the current first key: stored once, it tells at start whether a key fits."""
    return (cipher_ or cipher()).encrypt(CHECK_PLAINTEXT.encode()).decode()


def key_fits(token: str, cipher_: MultiFernet | None = None) -> bool:
    """Whether the installed keys decrypt a stored check value (or any stored token)."""
    try:
        (cipher_ or cipher()).decrypt(token.encode())
    except (InvalidToken, ValueError, TypeError):
        return False
    return True


def reencrypt(token: str) -> str:
    """The same value under the first key (MultiFernet.rotate); unchanged when it already is."""
    return cipher().rotate(token.encode()).decode()


def is_token(value: object) -> bool:
    """Whether a stored cell looks like a Fernet token (version byte 0x80, base64url: starts with 'gAAAAA')."""
    return isinstance(value, str) and value.startswith("gAAAAA") and len(value) >= 100


def configure(keys: str) -> None:
    """Install the process-wide cipher used by EncryptedJSON columns."""
    global _cipher
    _cipher = make_cipher(keys)
    clear_cache()


def clear_cache() -> None:
    """Forget every cached value."""
    global _cache_bytes
    with _cache_lock:
        _cache.clear()
        _cache_bytes = 0


def _remember(token: str, kind: int, data: bytes) -> None:
    global _cache_bytes
    size = len(token) + len(data)
    if size > _CACHE_MAX_ITEM:
        return
    with _cache_lock:
        old = _cache.pop(token, None)
        if old is not None:
            _cache_bytes -= len(token) + len(old[1])
        _cache[token] = (kind, data)
        _cache_bytes += size
        while _cache_bytes > _CACHE_MAX_BYTES:
            gone, (_kind, gone_data) = _cache.popitem(last=False)
            _cache_bytes -= len(gone) + len(gone_data)


def cipher() -> MultiFernet:
    if _cipher is None:
        raise RuntimeError("storage.crypto.configure() was not called before using encrypted columns")
    return _cipher


def encrypt_value(value: Any) -> str:
    """JSON-encode and encrypt a value."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    token = cipher().encrypt(raw).decode()
    _remember(token, _JSON, raw)  # a row is usually read back soon after it is written
    return token


def decrypt_value(token: str) -> Any:
    """Decrypt and JSON-decode a value written by encrypt_value (a fresh object on every call)."""
    with _cache_lock:
        entry = _cache.get(token)
        if entry is not None:
            _cache.move_to_end(token)
    if entry is not None and entry[0] == _MARSHAL:
        return marshal.loads(entry[1])
    if entry is not None:
        raw = entry[1]
    else:
        try:
            raw = cipher().decrypt(token.encode())
        except InvalidToken as exc:
            raise RuntimeError("cannot decrypt stored health data: wrong FITCOACH_ENCRYPTION_KEY?") from exc
    value = json.loads(raw)
    _remember(token, _MARSHAL, marshal.dumps(value))  # before the caller can change it
    return value


def decrypt_json_text(token: str) -> str:
    """The JSON text a token holds, as encrypt_value wrote it, not parsed (a whole export is written out as JSON
    again: parsing each of its tens of thousands of cells only to encode it back cost /export most of a second).
    Not cached: the export reads each token once, and must not push the turns' values out of the cache."""
    try:
        return cipher().decrypt(token.encode()).decode()
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
