"""The Telegram mouth: the PTB Application, thin handlers, Reply → Telegram, and the rate-limited sender."""
