"""Storage facts the command line and the transports need, so they never import storage themselves."""
from __future__ import annotations

from storage.errors import KeyError_  # noqa: F401 - a malformed, missing or wrong encryption key
from storage.db import WriteRefused  # noqa: F401 - a read-only turn tried to write; run it again in a thread
from storage.db import current_revision  # noqa: F401 - the schema revision `fitcoach migrate` reports

__all__ = ["KeyError_", "WriteRefused", "current_revision"]
