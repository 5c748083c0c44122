"""End to end: a person sends an Apple Health export.zip as a document through the fake Bot API; the bot downloads
it (getFile + the file URL), keeps one progress message up to date (editMessageText), sends the summary, and
/progress then draws the imported history."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta

from bot.telegram import documents
from storage import repos
from tests.bot.conftest import texts
from tests.coach.imports.test_health_connect import build_db
from tests.data.imports.apple_export import write_export
from tests.factories import make_user


def export_zip(days: int) -> bytes:
    xml = io.BytesIO()
    write_export(xml, days, start=date.today() - timedelta(days=days))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("apple_health_export/export.xml", xml.getvalue())
    return out.getvalue()


async def send_file(h, chat: int, data: bytes, name: str, *, last: str = "") -> list[dict]:
    """Send a document; what the bot sent back, up to a message containing `last` (the summary) and a quiet spell."""
    mark = h.fake.mark()
    h.fake.user_document(chat, data, name)
    if last:  # the import runs for a while between the progress message and the summary
        await h.fake.wait_for(lambda m: m.get("chat", {}).get("id") == chat and last in (m.get("text") or ""),
                              timeout=60, since=mark)
    return await h._collect(mark, chat)


def chart_panels(h, message: dict) -> int:
    """How many panels the chart sent in `message` has (each 2.5 in of a 1 in + 2.5 in per panel figure)."""
    png = h.fake._files[message["photo"][-1]["file_id"]]["bytes"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return round((height / width * 7.5 - 1.0) / 2.5)


async def progress_photo(h, chat: int) -> dict:
    out = await h.say(chat, "/progress")
    photos = [m for m in out if m.get("photo")]
    assert len(photos) == 1, out
    return photos[0]


async def test_an_export_sent_as_a_file_is_imported_with_progress_and_a_summary(harness):
    h, chat = harness, 301
    uid = make_user(h.container, f"tg:{chat}", start=date.today() - timedelta(days=35), chat_id=chat,
                    tz="Asia/Shanghai")
    before = await progress_photo(h, chat)  # a plan, no readings: weight (empty) and sessions
    assert chart_panels(h, before) == 2 and " in 4 weeks" not in before.get("caption", "")
    out = await send_file(h, chat, export_zip(30), "export.zip", last="Imported from")
    assert h.fake.calls_of("getFile")
    progress = [m for m in out if "Import" in (m.get("text") or "")]
    assert progress and progress[0]["text"].startswith("Importing your data")
    edits = h.fake.calls_of("editMessageText")
    assert edits and edits[-1]["text"] == "Import finished: 100%"
    assert {e["message_id"] for e in edits} == {progress[0]["message_id"]}  # one message, edited
    summary = texts(out)
    assert "Imported from Apple Health" in summary and "weight: 30 added" in summary
    with h.container.session() as s:
        assert len([r for r in repos.readings.metrics(s, uid, "weight") if r.source == "apple_health"]) == 30
    after = await progress_photo(h, chat)  # the imported month: its weight trend, resting HR, blood pressure, sleep
    assert re.match(r"[−+]?\d+\.\d kg in 4 weeks, \d\.\d\d kg/week", after["caption"]), after["caption"]
    assert chart_panels(h, after) == 5
    again = await send_file(h, chat, export_zip(30), "export.zip", last="Imported from")
    assert "0 readings added" in texts(again)


async def test_files_from_people_who_did_not_consent_or_of_unknown_kinds_are_refused(harness):
    h = harness
    out = await send_file(h, 302, export_zip(2), "export.zip")
    assert "please agree" in texts(out) and not h.fake.calls_of("getFile")
    make_user(h.container, "tg:303", start=date.today(), chat_id=303)
    out = await send_file(h, 303, b"\x89PNG\r\n\x1a\n not an export", "photo.png", last="nothing was imported")
    assert "couldn't read this file, so nothing was imported" in texts(out)
    assert h.fake.calls_of("editMessageText")[-1]["text"] == "Import stopped."


async def test_the_progress_message_is_edited_as_the_file_is_read(harness, monkeypatch):
    monkeypatch.setattr(documents, "EDIT_EVERY_S", 0.0)  # every percent (the bot waits 2 s between edits)
    h, chat = harness, 304
    make_user(h.container, f"tg:{chat}", start=date.today(), chat_id=chat)
    out = await send_file(h, chat, export_zip(10), "export.zip", last="Imported from")
    status = next(m for m in out if (m.get("text") or "").startswith("Importing your data"))
    edits = [e for e in h.fake.calls_of("editMessageText") if e["chat_id"] == chat]
    assert len(edits) >= 3 and {e["message_id"] for e in edits} == {status["message_id"]}
    pcts = [int(e["text"].rstrip("%").rsplit(" ", 1)[-1]) for e in edits]
    assert pcts == sorted(pcts) and 0 < pcts[0] < 100 and edits[-1]["text"] == "Import finished: 100%"


async def test_a_health_connect_export_from_an_android_phone_is_imported(harness, tmp_path):
    h, chat = harness, 305
    make_user(h.container, f"tg:{chat}", start=date.today(), chat_id=chat, tz="Asia/Shanghai")
    db = build_db(tmp_path / "health_connect_export.db", days=5)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(db, "health_connect_export.db")
    summary = texts(await send_file(h, chat, out.getvalue(), "Health Connect.zip", last="Imported from"))
    assert "Imported from Health Connect: 26 readings added." in summary  # 5 days of 5 kinds, one body fat
    assert "weight: 5 added (2026-01-05 to 2026-01-09)" in summary
