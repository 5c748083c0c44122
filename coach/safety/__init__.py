"""Safety: pre-participation screening, warning signs in readings and messages, stop-and-seek-care."""
