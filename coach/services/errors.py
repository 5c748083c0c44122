"""Errors the command line catches, importable without loading storage or the database driver."""
from __future__ import annotations

from storage.errors import KeyError_  # noqa: F401 - a malformed, missing or wrong encryption key

__all__ = ["KeyError_"]
