"""Webhook mode: updates POSTed to PTB's webhook server (secret header checked), replies over the Bot API."""
from __future__ import annotations

import json

import httpx

from bot.settings import load_settings
from bot.telegram.application import build_application
from bot.wiring import build, make_coach
from tests.conftest import free_port
from tests.fakes.telegram_api import FakeTelegram


def update(update_id: int, chat: int, text: str) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_790_000_000, "text": text,
        "chat": {"id": chat, "type": "private", "first_name": "W"},
        "from": {"id": chat, "is_bot": False, "first_name": "W"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []}}


async def test_two_webhook_processes_share_one_database(tmp_path, db_url, key):
    fake = FakeTelegram()
    await fake.start()
    settings = load_settings(fitcoach_data_dir=tmp_path / "data", database_url=db_url, fitcoach_encryption_key=key,
                             telegram_bot_token=fake.token, telegram_api_base_url=fake.root_url,
                             webhook_url="https://bot.example.test/hook", chroma_path=tmp_path / "chroma")
    container = build(settings)
    apps, ports = [], []
    try:
        for _ in range(2):  # two bot "processes" behind one public URL, each with its own coach
            app = build_application(settings, make_coach(container), start_scheduler=False)
            await app.initialize()
            port = free_port()
            await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="hook",
                                            webhook_url="https://bot.example.test/hook", secret_token="s3cret")
            await app.start()
            apps.append(app)
            ports.append(port)
        assert fake.calls_of("setWebhook")[-1]["secret_token"] == "s3cret"
        async with httpx.AsyncClient() as client:
            bad = await client.post(f"http://127.0.0.1:{ports[0]}/hook", content=json.dumps(update(1, 77, "/start")),
                                    headers={"content-type": "application/json",
                                             "X-Telegram-Bot-Api-Secret-Token": "wrong"})
            assert bad.status_code == 403
            headers = {"content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            r = await client.post(f"http://127.0.0.1:{ports[0]}/hook", content=json.dumps(update(2, 77, "/start")),
                                  headers=headers)
            assert r.status_code == 200
            first = await fake.wait_for(lambda m: m["chat"]["id"] == 77 and "agree" in m["text"], timeout=15)
            # the next update of the same conversation lands on the other process and continues it
            mark = fake.mark()
            r = await client.post(f"http://127.0.0.1:{ports[1]}/hook", content=json.dumps(update(3, 77, "yes")),
                                  headers=headers)
            assert r.status_code == 200
            reply = await fake.wait_for(lambda m: m["chat"]["id"] == 77 and "How old" in m["text"], timeout=15,
                                        since=mark)
            assert first and reply
    finally:
        for app in apps:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        container.engine.dispose()
        await fake.stop()
