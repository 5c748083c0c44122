"""What the fuzz suite throws at the coach: every command, every callback kind, typed text in en and zh, and
hostile Unicode (compatibility digits, NUL, lone surrogates, controls, right-to-left marks, huge numbers)."""
from __future__ import annotations

from coach.dialogue.router import router

HOSTILE = ["²", "⑦⑤", "８０", "٣٤", "१२", "𝟗𝟗", "½", "⅔", "\x00", "\x00join", "\ud800", "\udfff", "a\udcffb",
           "\u202e", "\u200b", "\ufeff", "\x1b[31m", "\r\n", "\t", "﷽" * 40, "🏋️‍♀️", "Ⅻ", "〇", "壹佰", "-0", "1e309",
           "nan", "inf", "-1", "0", "999", "9" * 40, "1,5", "1.5.5", "０.５", "80kg", "180/120", "7:30", "25:99",
           "Asia/Shanghai", "x" * 300, "../../etc/passwd", "Mars/Olympus", "UTC", "'; DROP TABLE users; --", "%s%n",
           "{name}", "<b>", "</i>", "&amp;", "@bot", "/", "//", ":", "::::", "yes", "no", "true", ""]
EN = ["hi", "I weigh 80 kg", "my resting heart rate is 58", "bp 135/85", "I slept 6 hours", "my knee hurts",
      "chest pain", "I feel dizzy", "I did 3x10 squats at 40 kg", "too hard", "skip", "done", "rpe 8",
      "how many days a week should I train", "change my goal to muscle gain", "I only have dumbbells",
      "I'm 34, 180 cm, 75 kg, male", "4 days a week, 45 minutes", "pause", "stop", "back pain", "180 lb",
      "5'11\"", "10000 steps", "my weight is 999 kg", "age 0", "I am 200 years old",
      "squat 3x10 @ 99999 kg", "bench 8,8,7 @ 5000 lb", "deadlift 5x5 @ 0 kg", "squat 3x10 rpe 99", "rows 3x10 rir 12",
      "push-ups 99 sets of 999", "my sleep was 30 hours", "soreness 9 out of 5"]
ZH = ["你好", "我体重80公斤", "静息心率58", "血压135/85", "昨晚睡了6小时", "膝盖疼", "胸痛", "头晕", "深蹲3组10次40公斤",
      "太难了", "跳过", "完成", "一周练几天", "我只有哑铃", "我34岁，身高180，体重75公斤", "每周4天，每次45分钟", "谢谢",
      "体重八十公斤", "血压一百八十/一百一十", "睡了七个半小时",
      "深蹲3组10次99999公斤", "卧推5组×5个 0公斤"]
ARGS = ["", "1", "0", "10", "11", "-1", "99999", "abc", "done", "pain", "skip", "too_hard", "en", "zh", "on", "off",
        "tz Asia/Shanghai", "tz " + "A" * 300, "tz Mars/Olympus", "time 07:30", "time 25:61", "days mon,thu",
        "weight 80", "weight ⑧①", "bp 120/80", "bp 300/20", "all", "reset", "ABCDEF", "\x00ABC"]


def commands() -> list[str]:
    """Every registered command name (the router is the one source)."""
    return sorted(router.commands)


def callback_prefixes() -> list[str]:
    """Every registered button kind's prefix."""
    return sorted(router.callbacks)


def callback_values() -> list[str]:
    """Values to put after a prefix: fields of every kind, numbers in and out of range, hostile text."""
    fields = ["age", "weight_kg", "knee", "shoulder", "lower_back", "days_per_week", "minutes_per_session", "goal",
              "fat_loss", "dumbbells", "sleep", "soreness", "energy", "yes", "no", "done", "pain", "too_easy",
              "too_hard", "skip", "confirm", "cancel", "en", "zh", "on", "off", "week", "next", "prev", "all"]
    numbers = ["1", "5", "10", "11", "0", "-1", "999", "1.5", "4", "3:1", "1:2:3", "v2"]
    return fields + numbers + [h for h in HOSTILE if len(h) < 40]
