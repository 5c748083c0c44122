"""A coach and a group of five through python-telegram-bot and the fake Bot API: set-up by the group's admin (no
COACH_ADMIN_IDS), joins with mixed consent levels, a scheduled session delivered privately in each member's own
version (none under a hard stop, Chinese for the Chinese speaker), "done" counted, roster and client view by
consent, an alert with the name, withdrawal, /leave and removal; and what a non-admin cannot do."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta, timezone

import pytest

from bot.telegram.sender import RateLimitedSender
from coach.services import group_delivery
from storage import repos
from tests.bot.conftest import last_with_buttons, texts
from tests.factories import make_user

GROUP, COACH = -500, 700
MEMBERS = {701: ("Ana", "f", {}), 702: ("Bo", "a", {}), 703: ("Di", "n", {}),
           704: ("Cy", "f", {"symptoms": ["chest_pain"]}), 705: ("李", "f", {})}


async def in_group(h, user_id: int, text: str, first_name: str = "Ben") -> list[dict]:
    return await h.say(GROUP, text, user_id=user_id, first_name=first_name, chat_type="supergroup")


async def group_text_private_answer(h, user_id: int, text: str, first_name: str = "Member") -> list[dict]:
    """A member writes in the group; what reaches their private chat."""
    mark = h.fake.mark()
    h.fake.user_message(GROUP, text, user_id=user_id, first_name=first_name, chat_type="supergroup")
    return await h._collect(mark, user_id, timeout=10)


async def pump(h) -> None:
    await group_delivery.pump(h.container, RateLimitedSender(h.app.bot), now=datetime.now(timezone.utc))


@pytest.mark.slow
async def test_coach_and_group_end_to_end(harness):
    h = harness
    h.fake.set_admins(GROUP, [COACH])
    start = date.today() - timedelta(days=3)
    for uid, (_name, _lv, extra) in MEMBERS.items():
        make_user(h.container, f"tg:{uid}", start=start, chat_id=uid, profile=extra,
                  language="zh" if uid == 705 else "en")

    # only the group's admin sets it up, without COACH_ADMIN_IDS and without consent or a profile of his own
    assert "Only the group's admins" in texts(await in_group(h, 701, "/groupsetup", "Ana"))
    out = texts(await in_group(h, COACH, "/groupsetup"))
    with h.container.session() as s:
        group = repos.groups.find_group(s, chat_id=GROUP)
    assert group.join_code in out

    for uid, (name, level, _extra) in MEMBERS.items():
        out = await h.say(uid, f"/join {group.join_code} {name}")
        assert "Ben" in texts(out) and name in texts(out)
        await h.press(uid, last_with_buttons(out), f"gl:{group.id}:{level}")

    # a newcomer joins in the group chat before any consent: named by Telegram, the join kept until she agrees
    eva = await group_text_private_answer(h, 706, "/join", first_name="Eva")
    assert '"Eva"' in texts(eva) and "Do you agree?" in texts(eva)
    await h.press(706, [m for m in eva if "gl:" in str(m.get("reply_markup"))][-1], f"gl:{group.id}:a")
    assert "Eva" not in texts(await h.say(COACH, "/clients"))  # no consent to store anything yet
    await h.press(706, last_with_buttons(eva), "consent:yes")

    # a non-admin can neither schedule nor broadcast; the coach schedules a session 30 minutes from now
    assert "Only the group's admins" in texts(await in_group(h, 702, "/session today 23:59 intervals", "Bo"))
    assert "Only the group's admins" in texts(await in_group(h, 702, "/broadcast hi", "Bo"))
    at = (datetime.now(timezone.utc) + timedelta(minutes=30)).strftime("%H:%M")
    day = "today" if at > datetime.now(timezone.utc).strftime("%H:%M") else "tomorrow"
    assert "Scheduled" in texts(await in_group(h, COACH, f"/session {day} {at} intervals 30 min"))
    await pump(h)
    versions = {uid: texts(h.fake.sent(uid)) for uid in MEMBERS}
    for uid in (701, 702, 703):
        assert "Your own version" in versions[uid] and "•" in versions[uid]
    assert "no version of this session for you" in versions[704] and "•" not in versions[704]
    assert "专属版本" in versions[705] and "•" in versions[705]
    announce = texts(h.fake.sent(GROUP)).lower()
    assert "own version" in announce and not any(n.lower() in announce for n, _l, _e in MEMBERS.values())

    # "done" in the group: acknowledged privately, nothing in the group; the private button counts too
    mark = h.fake.mark()
    private = await group_text_private_answer(h, 701, "done")
    assert "Counted" in texts(private)
    assert not [m for m in h.fake._observed[mark:] if m.get("chat", {}).get("id") == GROUP]
    msg = [m for m in h.fake.sent(702) if "Your own version" in (m.get("text") or "")][-1]
    assert "Counted" in texts(await h.press(702, msg, "Done ✅"))

    # roster: names only of sharing members, exactly their fields; the client view with a chart at level full
    with h.container.session() as s:
        ana = repos.users.find_user(s, "tg:701")
        for days, kg in ((20, 75.0), (1, 74.2)):
            repos.readings.add_metric(s, ana.id, "weight", kg, "kg",
                                      measured_at=datetime.now(timezone.utc) - timedelta(days=days))
    roster = texts(await h.say(COACH, "/clients"))
    assert all(n in roster for n in ("Ana", "Bo", "Cy", "李", "Eva")) and "Di" not in roster
    assert "1 not sharing" in roster
    bo = next(line for line in roster.splitlines() if line.startswith("• Bo"))
    assert "group sessions 1/1" in bo and "weight" not in bo and "alerts" not in bo
    assert "weight -0.8 kg" in roster
    await h.say(701, "my shoulder hurt during today's workout")  # feedback with the body part
    client = await h.say(COACH, "/client Ana")
    assert client[0].get("photo") and "pain (shoulder)" in texts(client)
    bo_view = texts(await h.say(COACH, "/client Bo"))
    assert "adherence only" in bo_view and "Recent feedback" not in bo_view and "weight" not in bo_view.split("\n")[1]
    assert "No client" in texts(await h.say(COACH, "/client Di"))

    # an alert reaches the coach with the name and what the member was told
    await h.say(701, "I have chest pain right now")
    await pump(h)
    alert = texts(h.fake.sent(COACH))
    assert "Safety alert — Ana" in alert and "What Ana was told" in alert

    # consent withdrawn: the next roster omits her data
    out = await h.say(701, "/share")
    await h.press(701, last_with_buttons(out), f"gl:{group.id}:n")
    roster = texts(await h.say(COACH, "/clients"))
    assert "Ana" not in roster and "2 not sharing" in roster

    # /leave and removal
    assert "You left" in texts(await h.say(702, "/leave"))
    out = await h.say(COACH, "/remove Cy")
    assert "removed" in texts(await h.press(COACH, last_with_buttons(out), "Remove"))
    roster = texts(await h.say(COACH, "/clients"))
    assert "Bo" not in roster and "Cy" not in roster and "李" in roster
    await pump(h)
    assert "removed from" in texts(h.fake.sent(704))
    # a member sees no roster; the admin check came from the chat itself
    assert "don't coach a group" in texts(await h.say(702, "/clients"))
    assert h.fake.calls_of("getChatMember")


@pytest.mark.slow
async def test_leaving_or_being_removed_from_the_telegram_chat_ends_the_membership(harness):
    """Telegram's own "left the group" / "removed by an admin" service messages end the membership, like /leave and
    /remove; the coach's /progress NAME shows the client view without any health data of the coach's own."""
    h = harness
    h.fake.set_admins(GROUP, [COACH])
    start = date.today() - timedelta(days=3)
    for uid in (701, 702):
        make_user(h.container, f"tg:{uid}", start=start, chat_id=uid)
    await in_group(h, COACH, "/groupsetup")
    with h.container.session() as s:
        group = repos.groups.find_group(s, chat_id=GROUP)
    for uid, name in ((701, "Ana"), (702, "Bo")):
        out = await h.say(uid, f"/join {group.join_code} {name}")
        await h.press(uid, last_with_buttons(out), f"gl:{group.id}:f")
    assert "Ana" in texts(await h.say(COACH, "/progress Ana"))  # the client view, no consent prompt
    h.fake.member_left(GROUP, 701)  # Ana leaves the chat herself
    h.fake.member_left(GROUP, 702, removed_by=COACH)  # the coach removes Bo in Telegram
    for _ in range(100):  # the two service messages are taken and handled (nothing is written to the group)
        with h.container.session() as s:
            if not repos.groups.members(s, group.id):
                break
        await asyncio.sleep(0.1)
    roster = texts(await h.say(COACH, "/clients"))
    assert "Ana" not in roster and "Bo" not in roster
    await pump(h)
    assert "removed from" in texts(h.fake.sent(702)) and "removed from" not in texts(h.fake.sent(701))
