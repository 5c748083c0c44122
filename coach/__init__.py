"""FitCoach domain: intake, screening, planning, progression and dialogue (Telegram-free)."""
