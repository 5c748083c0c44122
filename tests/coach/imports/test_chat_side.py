"""The chat side of an upload (coach.dialogue.imports): who may import, how large a file the bot can fetch."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from coach.dialogue import Coach, imports
from coach.events import Incoming
from tests.factories import make_user


def test_only_consenting_people_may_import_and_big_files_need_a_local_bot_api(container):
    coach = SimpleNamespace(c=container)
    refused = imports.check(coach, "tg:9", 1000, "zh-hans")
    assert refused.lang == "zh" and "/start" in refused.refusal.text and "同意" in refused.refusal.text
    make_user(container, "tg:10", start=date(2026, 1, 5))
    assert imports.check(coach, "tg:10", 5 * 2**20).refusal is None
    big = imports.check(coach, "tg:10", 300 * 2**20)
    assert "300 MB" in big.refusal.text and "fitcoach import" in big.refusal.text
    assert imports.check(coach, "tg:10", 300 * 2**20, local_api=True).refusal is None


def test_progress_text():
    assert imports.progress_text("en", 0.374) == "Importing your data… 37%"
    assert imports.progress_text("zh", 1.0) == "导入完成：100%"
    assert imports.progress_text("en", 0.5, failed=True) == "Import stopped."


def test_import_command_says_what_to_send(container):
    make_user(container, "tg:11", start=date(2026, 1, 5), language="zh")
    reply = Coach(container).handle(Incoming(user_key="tg:11", text="/import"))[0]
    assert "export.zip" in reply.text and "date,kind,value,unit" in reply.text and "步数" in reply.text
    make_user(container, "tg:12", start=date(2026, 1, 5))
    reply = Coach(container).handle(Incoming(user_key="tg:12", text="/import"))[0]
    assert "Health Connect → Export data" in reply.text  # Android's own export
