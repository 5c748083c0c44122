"""Storage errors that callers catch, in a module with no imports so catching them costs nothing at start-up."""
from __future__ import annotations


class KeyError_(ValueError):
    """The encryption key is malformed, missing for the data present, or not the one the data was written with."""
