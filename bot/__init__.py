"""Transport adapters: the Telegram bot, the terminal chat, the scheduler and the sender."""
