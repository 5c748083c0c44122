"""Coach groups without Telegram: roles from the chat's admins, consent levels with names, the roster and client
view, alerts through the group queue, broadcasts with a delivery report, group sessions adapted per member."""
from __future__ import annotations

import asyncio
import re
import time
from datetime import date, datetime, timedelta, timezone

from bot.scheduler import SendResult
from coach.dialogue import Coach
from coach.dialogue.coaching import trainer_answer
from coach.dialogue.group_chat import GroupEvent, handle, member_left
from coach.events import Incoming
from coach.services import group_delivery
from coach.services import group_programme as programme
from storage import repos
from storage.repos import group_queue
from tests.factories import make_user

START = date(2026, 3, 2)  # a Monday
NOW = datetime(2026, 3, 3, 16, 30, tzinfo=timezone.utc)  # Tuesday


class Recorder:
    """The transport end of the queue: records what would be sent; `blocked` chats answer 403."""

    def __init__(self, blocked: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        self.sent: list[tuple[int, object]] = []
        self.blocked = set(blocked)

    async def send(self, chat_id, reply):  # noqa: ANN001, ANN201
        if chat_id in self.blocked:
            return SendResult("blocked", 1)
        self.sent.append((chat_id, reply))
        return SendResult("sent", 1)

    def texts(self, chat_id: int) -> str:
        return "\n".join(r.text for c, r in self.sent if c == chat_id)


def cmd(coach: Coach, key: str, chat: int, text: str, *, admin: bool | None, name: str = "Ben"):
    return handle(coach, GroupEvent(key, chat, "Park runners", text, is_admin=admin, name=name))


def say(coach: Coach, key: str, text: str) -> str:
    return "\n".join(r.text for r in coach.handle(Incoming(user_key=key, text=text)))


def press(coach: Coach, key: str, data: str) -> str:
    return "\n".join(r.text for r in coach.handle(Incoming(user_key=key, callback=data)))


def pump(coach: Coach, sender: Recorder, now: datetime = NOW) -> None:
    asyncio.run(group_delivery.pump(coach.c, sender, now=now))


def test_admin_sets_up_members_choose_levels_and_the_roster_follows(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:900", start=START, chat_id=900)
    ana = make_user(container, "tg:901", start=START, chat_id=901, profile={"weight_kg": 81})
    make_user(container, "tg:902", start=START, chat_id=902)
    make_user(container, "tg:903", start=START, chat_id=903)

    assert "Only the group's admins" in cmd(coach, "tg:901", -100, "/groupsetup", admin=False).group[0].text
    out = cmd(coach, "tg:900", -100, "/groupsetup", admin=True).group[0].text
    with container.session() as s:
        group = repos.groups.find_group(s, chat_id=-100)
    assert group.join_code in out  # no COACH_ADMIN_IDS needed: the chat's admin is the coach

    text = say(coach, "tg:901", f"/join {group.join_code} Ana")
    assert "Ben" in text and "Ana" in text  # the coach's name is shown; the member's chosen name confirmed
    say(coach, "tg:902", f"/join {group.join_code} Bo")
    say(coach, "tg:903", f"/join {group.join_code}")
    assert "sees: Sessions, weight trend" in press(coach, "tg:901", f"gl:{group.id}:f")
    press(coach, "tg:902", f"gl:{group.id}:a")
    press(coach, "tg:903", f"gl:{group.id}:n")
    with container.session() as s:
        repos.readings.add_metric(s, ana, "weight", 81.0, "kg", measured_at=datetime(2026, 2, 20, tzinfo=timezone.utc))
        repos.readings.add_metric(s, ana, "weight", 80.2, "kg", measured_at=datetime(2026, 3, 3, tzinfo=timezone.utc))

    roster = say(coach, "tg:900", "/clients")
    assert "Ana" in roster and "Bo" in roster and "#3" not in roster and "1 not sharing" in roster
    bo_line = next(line for line in roster.splitlines() if "Bo" in line)
    assert "weight" not in bo_line and "alerts" not in bo_line  # adherence only
    assert "weight -0.8 kg" in roster
    replies = coach.handle(Incoming(user_key="tg:900", text="/client Ana"))
    assert replies[0].photo is not None and replies[0].photo[:4] == b"\x89PNG"
    bo = coach.handle(Incoming(user_key="tg:900", text="/client Bo"))
    assert bo[0].photo is None and "adherence only" in bo[0].text
    assert "No client" in say(coach, "tg:900", "/client #3")  # "nothing" means not even by name
    assert "Ana:" in say(coach, "tg:900", "/client")  # no name given: the roster, to pick one from

    # withdrawal takes effect at once
    press(coach, "tg:901", f"gl:{group.id}:n")
    assert "Ana" not in say(coach, "tg:900", "/clients")
    # a member is no coach: no roster
    assert "don't coach a group" in say(coach, "tg:902", "/clients")


def test_authorization_between_groups_and_forged_buttons(container):
    coach = Coach(container, clock=lambda: NOW)
    for key in ("tg:910", "tg:920", "tg:911", "tg:921"):
        make_user(container, key, start=START, chat_id=int(key[3:]))
    cmd(coach, "tg:910", -110, "/groupsetup", admin=True)
    cmd(coach, "tg:920", -120, "/groupsetup", admin=True)
    with container.session() as s:
        ga, gb = repos.groups.find_group(s, chat_id=-110), repos.groups.find_group(s, chat_id=-120)
    say(coach, "tg:911", f"/join {ga.join_code} Ana")
    press(coach, "tg:911", f"gl:{ga.id}:f")
    say(coach, "tg:921", f"/join {gb.join_code} Bea")
    press(coach, "tg:921", f"gl:{gb.id}:f")
    # coach of B sees nothing of A, by roster or by name
    assert "Ana" not in say(coach, "tg:920", "/clients")
    assert "No client" in say(coach, "tg:920", "/client Ana")
    # non-admins can neither schedule nor broadcast in A; coach of B is no admin of A's chat
    for text in ("/session tue 18:00 intervals", "/broadcast hi", "/groupsetup"):
        assert "Only the group's admins" in cmd(coach, "tg:920", -110, text, admin=False).group[0].text
    # forged buttons: another group's member, a group one is not in, a session one never got
    with container.session() as s:
        ana_m = repos.groups.membership(s, ga.id, repos.users.find_user(s, "tg:911").id)
    assert "expired" in press(coach, "tg:920", f"gr:{ga.id}:{ana_m.id}")
    assert "expired" in press(coach, "tg:920", f"gr:{gb.id}:{ana_m.id}")
    assert "expired" in press(coach, "tg:921", f"gl:{ga.id}:f")
    assert "expired" in press(coach, "tg:921", "gd:1:20260303")
    with container.session() as s:
        assert repos.groups.membership(s, ga.id, ana_m.user_id) is not None
    # the real coach can remove; the member is told privately through the queue
    assert "removed" in press(coach, "tg:910", f"gr:{ga.id}:{ana_m.id}")
    sender = Recorder()
    pump(coach, sender)
    assert "removed from Park runners" in sender.texts(911)


def test_alerts_reach_the_coach_by_name_only_when_consented_and_sent(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:930", start=START, chat_id=930)
    make_user(container, "tg:931", start=START, chat_id=931)
    make_user(container, "tg:932", start=START, chat_id=932)
    cmd(coach, "tg:930", -130, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-130)
    say(coach, "tg:931", f"/join {g.join_code} Ana")
    press(coach, "tg:931", f"gl:{g.id}:f")
    say(coach, "tg:932", f"/join {g.join_code} Bo")
    press(coach, "tg:932", f"gl:{g.id}:a")  # adherence only: no alerts to the coach
    say(coach, "tg:931", "I have chest pain")
    say(coach, "tg:932", "I have chest pain")
    with container.session() as s:
        ana = repos.users.find_user(s, "tg:931")
        assert [a.coach_notified for a in repos.alerts.alerts(s, ana.id)] == [False]  # queued, not yet sent
    sender = Recorder()
    pump(coach, sender)
    text = sender.texts(930)
    assert "Ana" in text and "chest pain" in text and "What Ana was told" in text and "Bo" not in text
    with container.session() as s:
        assert [a.coach_notified for a in repos.alerts.alerts(s, ana.id)] == [True]
    # withdrawn before the queue runs: nothing reaches the coach, the alert stays unnotified
    say(coach, "tg:931", "I feel dizzy")
    press(coach, "tg:931", f"gl:{g.id}:a")
    sender = Recorder()
    pump(coach, sender)
    assert sender.texts(930) == ""
    with container.session() as s:
        assert [a.coach_notified for a in repos.alerts.alerts(s, ana.id)][-1] is False
    # the coach blocked the bot: the member is told once that the coach was not reached
    press(coach, "tg:931", f"gl:{g.id}:f")
    say(coach, "tg:931", "my chest hurts again")
    blocked = Recorder(blocked={930})
    pump(coach, blocked)
    assert "could not reach Ben" in blocked.texts(931) and "do not train" in blocked.texts(931)
    assert blocked.texts(930) == ""
    again = Recorder(blocked={930})
    pump(coach, again)
    assert again.sent == []


def test_broadcast_report_and_adapted_sessions_once(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:940", start=START, chat_id=940)
    make_user(container, "tg:941", start=START, chat_id=941, profile={"injuries": ["knee"], "equipment": ["dumbbells"]})
    make_user(container, "tg:942", start=START, chat_id=942, profile={"symptoms": ["chest_pain"]})
    make_user(container, "tg:943", start=START, chat_id=943, language="zh")
    cmd(coach, "tg:940", -140, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-140)
    for key in ("tg:941", "tg:942", "tg:943"):
        say(coach, key, f"/join {g.join_code}")
    out = cmd(coach, "tg:940", -140, "/broadcast Sunday 9am at the gate", admin=True).group[0].text
    assert "3 members" in out
    sender = Recorder(blocked={943})
    pump(coach, sender)
    assert "Sunday 9am" in sender.texts(941) and "Sunday 9am" in sender.texts(942)
    assert "sent 2, 1 have blocked the bot" in sender.texts(940)

    with container.session() as s:  # 943 unblocks the bot
        repos.users.update_user(s, repos.users.find_user(s, "tg:943"), active=True)
    out = cmd(coach, "tg:940", -140, "/session today 18:00 intervals 30 min", admin=True).group[0].text
    assert "Scheduled" in out
    sender = Recorder()
    pump(coach, sender)
    knee, stop, zh = sender.texts(941), sender.texts(942), sender.texts(943)
    assert "Your own version" in knee and "•" in knee
    assert "no version of this session for you" in stop and "chest pain" in stop and "•" not in stop
    assert "•" in zh and "你" in zh
    assert "everyone has their own version" in sender.texts(-140)
    assert "Group session to Park runners: sent 3, 0 have blocked" in sender.texts(940)  # members, not the chat
    group_chat = sender.texts(-140).lower()
    assert "knee" not in group_chat and "chest" not in group_chat and "•" not in group_chat  # nothing personal
    again = Recorder()
    pump(coach, again)
    assert again.sent == []  # the same occurrence is never queued twice
    # "done" in the group counts privately; the button counts once
    ans = handle(coach, GroupEvent("tg:941", -140, "", "done"))
    assert ans.group == [] and "Counted" in ans.private[0].text
    with container.session() as s:
        sid = repos.groups.sessions_of(s, g.id)[0].id
        uid = repos.users.find_user(s, "tg:941").id
    assert "Already counted" in press(coach, "tg:941", f"gd:{sid}:20260303")
    press(coach, "tg:941", f"gl:{g.id}:a")
    assert "group sessions 1/1" in say(coach, "tg:940", "/clients")
    with container.session() as s:
        assert len(repos.groups.attendance(s, uid, g.id, since=date(2026, 3, 1))) == 1
        assert group_queue.pending_count(s) == 0


def test_group_chat_creates_no_user_row_for_someone_who_has_not_joined_or_coached(container):
    coach = Coach(container)
    for text in ("/help", "/start", "/today", "/leave", "/done", "/broadcast hi", "/nonsense", "done", "完成"):
        cmd(coach, "tg:550", -100, text, admin=False)
    assert "admins" in cmd(coach, "tg:551", -100, "/groupsetup", admin=False).group[0].text
    with container.session() as s:
        assert repos.users.find_user(s, "tg:550") is None and repos.users.find_user(s, "tg:551") is None
    cmd(coach, "tg:552", -100, "/groupsetup", admin=True)  # an admin sets the group up: now they have a row
    with container.session() as s:
        assert repos.users.find_user(s, "tg:552") is not None


def test_typed_done_counts_the_group_session_and_the_telegram_name_is_the_default(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:960", start=START, chat_id=960)
    make_user(container, "tg:961", start=START, chat_id=961)
    make_user(container, "tg:962", start=START, chat_id=962)
    cmd(coach, "tg:960", -160, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-160)
    joined = coach.handle(Incoming(user_key="tg:961", text=f"/join {g.join_code}", sender_name="*Mei*"))
    assert '"Mei"' in joined[0].text  # Telegram's first name, cleaned, instead of "#1"
    assert re.search(r'sees you as "#\d+"', say(coach, "tg:962", f"/join {g.join_code}"))  # no name known: a number
    for key in ("tg:961", "tg:962"):
        press(coach, key, f"gl:{g.id}:a")
    assert "Scheduled" in cmd(coach, "tg:960", -160, "/session today 18:00 circuit 90 min", admin=True).group[0].text
    assert "Counted" not in say(coach, "tg:961", "done")  # before the session was sent: nothing to count
    say(coach, "tg:961", "7")  # the effort question
    with container.session() as s:
        uid = repos.users.find_user(s, "tg:961").id
        assert repos.groups.attendance(s, uid, g.id, since=date(2026, 3, 1)) == []
    sender = Recorder()
    pump(coach, sender)
    assert re.search(r"The group does 90 min; yours is \d+ min", sender.texts(961))  # why it is shorter
    text = say(coach, "tg:961", "done")
    assert "Counted your session in" in text
    assert "Counted your session in" not in say(coach, "tg:961", "done")  # once per occurrence
    with container.session() as s:
        assert len(repos.groups.attendance(s, uid, g.id, since=date(2026, 3, 1))) == 1
    assert "group sessions 1/1" in say(coach, "tg:960", "/clients")


def test_group_commands_sent_in_private_point_to_the_group_without_asking_for_health_data(container):
    coach = Coach(container, clock=lambda: NOW)
    for text in ("/session tue 18:00 intervals", "/broadcast hi", "/sessions", "/unschedule 1", "/groupworkout",
                 "/groupsetup"):
        out = say(coach, "tg:970", text)
        assert "Send this in your Telegram group" in out and "health" not in out, text
    with container.session() as s:
        assert repos.users.find_user(s, "tg:970").consent_at is None


def test_joining_in_the_group_chat_uses_the_telegram_name_and_reaches_the_member_privately(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:980", start=START, chat_id=980)
    cmd(coach, "tg:980", -180, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-180)
    joined = handle(coach, GroupEvent("tg:981", -180, "Park runners", "/join", name="Mei"))
    assert joined.group == [] and '"Mei"' in joined.private[0].text  # the chat's first name, not "#1"
    anon = handle(coach, GroupEvent("tg:982", -180, "Park runners", "/join"))
    assert '"#2"' in anon.private[0].text  # the second member, numbered as such
    assert "Queued for 2 members" in cmd(coach, "tg:980", -180, "/broadcast Sunday 9am", admin=True).group[0].text
    sender = Recorder()
    pump(coach, sender)
    assert "Sunday 9am" in sender.texts(981) and "Sunday 9am" in sender.texts(982)
    assert "sent 2" in sender.texts(980)
    with container.session() as s:
        assert repos.groups.membership(s, g.id, repos.users.find_user(s, "tg:981").id).display_name == "Mei"


def test_a_coach_without_health_data_sets_the_groups_timezone_and_sessions_follow_it(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:991", start=START, chat_id=991)
    cmd(coach, "tg:990", -190, "/groupsetup", admin=True)  # the coach never gave health data nor a timezone
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-190)
    say(coach, "tg:991", f"/join {g.join_code} Ana")
    out = cmd(coach, "tg:990", -190, "/session Tuesday 18:00: intervals 30 min weekly", admin=True).group
    assert "Scheduled #1: intervals 30 min, every Tue at 18:00 (UTC)" in out[0].text  # not "every Tuesdays"
    assert "/timezone" in out[1].text  # told how times are read and how to change it
    assert "Only the group's admins" in cmd(coach, "tg:991", -190, "/timezone Asia/Tokyo", admin=False).group[0].text
    assert "Unknown timezone" in cmd(coach, "tg:990", -190, "/timezone Mars/Olympus", admin=True).group[0].text
    assert "Europe/Berlin" in cmd(coach, "tg:990", -190, "/timezone Europe/Berlin", admin=True).group[0].text
    with container.session() as s:
        assert repos.users.find_user(s, "tg:990").timezone == "Europe/Berlin"  # their digest follows
        assert repos.users.find_user(s, "tg:990").consent_at is None
    sender = Recorder()  # 18:00 in Berlin is 17:00 UTC: within the two hours' lead at 15:30 UTC (18:00 UTC is not)
    pump(coach, sender, now=datetime(2026, 3, 3, 15, 30, tzinfo=timezone.utc))
    assert "intervals 30 min" in sender.texts(991) and "2026-03-03 18:00" in sender.texts(991)


def test_weekly_digest_at_the_coachs_time_names_who_needs_attention_and_only_sharing_members(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:1001", start=START, chat_id=1001)
    make_user(container, "tg:1002", start=START, chat_id=1002, profile={"days_per_week": 4})
    make_user(container, "tg:1003", start=START, chat_id=1003)
    cmd(coach, "tg:1000", -200, "/groupsetup Europe/Berlin", admin=True)  # a coach without health data
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-200)
    for key, name, level in (("tg:1001", "Ana", "f"), ("tg:1002", "Bo", "a"), ("tg:1003", "Di", "n")):
        say(coach, key, f"/join {g.join_code} {name}")
        press(coach, key, f"gl:{g.id}:{level}")
    shoulder = say(coach, "tg:1001", "my shoulder hurt during today's workout")
    assert "Stop any exercise" in shoulder or "shoulder" in shoulder.lower(), shoulder
    assert "Send /digest DAY HH:MM" in say(coach, "tg:1000", "/digest someday")
    assert "wed at 18:00" in say(coach, "tg:1000", "/digest wed 18:00")
    sender = Recorder()
    pump(coach, sender, now=datetime(2026, 3, 4, 16, 50, tzinfo=timezone.utc))  # Wed 17:50 in Berlin: not yet
    assert sender.texts(1000) == ""
    pump(coach, sender, now=datetime(2026, 3, 4, 17, 5, tzinfo=timezone.utc))  # Wed 18:05 in Berlin
    digest = sender.texts(1000)
    assert "Your weekly digest" in digest and "1 not sharing" in digest and "Di" not in digest
    ana = next(line for line in digest.splitlines() if line.startswith("⚠️ Ana"))
    assert "pain reported" in ana and "shoulder" in ana
    bo = next(line for line in digest.splitlines() if line.startswith("⚠️ Bo"))
    assert "missed 4 sessions" in bo and "pain" not in bo  # adherence only: no health details
    again = Recorder()
    pump(coach, again, now=datetime(2026, 3, 4, 19, 0, tzinfo=timezone.utc))
    assert again.sent == []  # once a week
    press(coach, "tg:1001", f"gl:{g.id}:n")  # withdrawn: next week's digest does not name her
    nxt = Recorder()
    pump(coach, nxt, now=datetime(2026, 3, 11, 17, 5, tzinfo=timezone.utc))
    assert "Ana" not in nxt.texts(1000) and "2 not sharing" in nxt.texts(1000)



def test_someone_who_says_they_are_a_trainer_is_shown_the_coach_path_without_health_data(container):
    coach = Coach(container, clock=lambda: NOW)
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, "tg:1010", channel="telegram")
        turn = coach.turn(s, user)
        for text in ("I'm a personal trainer and want to coach my clients here", "i am a coach", "I coach a group",
                     "I work as a PT", "我是私教，带了十几个学员", "我是健身教练"):
            reply = trainer_answer(turn, text)
            assert reply is not None and "/groupsetup" in reply.text, text
        for text in ("yes", "no", "I want to get fit", "my coach told me to join", "I'm a teacher", "我想减肥"):
            assert trainer_answer(turn, text) is None, text
    # through the whole dialogue: the notice's question stays open and nothing is stored
    say(coach, "tg:1011", "hi")
    out = say(coach, "tg:1011", "I'm a personal trainer with 12 clients")
    assert "/groupsetup" in out and "Do you agree?" in out and "Please answer yes or no" not in out
    with container.session() as s:
        assert repos.users.find_user(s, "tg:1011").consent_at is None


def test_help_lists_the_coaches_commands_together_after_the_members_own(container):
    lines = Coach(container).handle(Incoming(user_key="tg:1011", text="/help"))[0].text.splitlines()
    at = [i for i, line in enumerate(lines) if line.split(" ")[0] in ("/clients", "/client", "/remove", "/digest",
                                                                       "/groupsetup")]
    assert len(at) == 5 and at == list(range(at[0], at[0] + 5)), lines
    assert all(not line.startswith(("/export", "/delete", "/language")) for line in lines[at[0]:at[-1]])


def test_a_broadcast_written_on_the_next_lines_goes_out_whole(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:1021", start=START, chat_id=1021)
    cmd(coach, "tg:1020", -210, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-210)
    say(coach, "tg:1021", f"/join {g.join_code} Ana")
    out = cmd(coach, "tg:1020", -210, "/broadcast\nSunday: 9am at the gate\nBring water", admin=True).group
    assert "Queued for 1 members" in out[0].text
    assert "Queued for 1" in cmd(coach, "tg:1020", -210, "/broadcast@FitCoachBot\tRain: indoors", admin=True).group[0].text
    sender = Recorder()
    pump(coach, sender)
    assert "Sunday: 9am at the gate\nBring water" in sender.texts(1021) and "Rain: indoors" in sender.texts(1021)


def test_a_coach_no_longer_admin_of_the_chat_loses_the_roster_and_the_remove_button(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:1031", start=START, chat_id=1031)
    cmd(coach, "tg:1030", -220, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-220)
    say(coach, "tg:1031", f"/join {g.join_code} Ana")
    press(coach, "tg:1031", f"gl:{g.id}:f")
    asked: list[tuple[int, str]] = []

    def admins(chat_id: int, key: str) -> bool:  # the chat's answer (getChatMember): no longer an admin
        asked.append((chat_id, key))
        return False

    container.chat_admin = admins
    assert "Ana" in say(coach, "tg:1030", "/clients")  # verified minutes ago: not asked again yet
    assert asked == []
    with container.session() as s:
        row = repos.groups.coach_row(s, g.id, repos.users.find_user(s, "tg:1030").id)
        row.verified_at = datetime(2026, 1, 1, tzinfo=timezone.utc)
        s.add(row)
        ana_m = repos.groups.membership(s, g.id, repos.users.find_user(s, "tg:1031").id)
    assert "don't coach a group" in say(coach, "tg:1030", "/clients")
    assert asked == [(-220, "tg:1030")]
    assert "expired" in press(coach, "tg:1030", f"gr:{g.id}:{ana_m.id}")
    assert "Only the group's admins" in cmd(coach, "tg:1030", -220, "/broadcast hi", admin=False).group[0].text


def test_the_running_queue_brings_an_alert_to_the_coach_within_seconds(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:1041", start=START, chat_id=1041)
    cmd(coach, "tg:1040", -230, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-230)
    say(coach, "tg:1041", f"/join {g.join_code} Ana")
    press(coach, "tg:1041", f"gl:{g.id}:f")
    sender = Recorder()

    async def scenario() -> float:
        loop = asyncio.create_task(group_delivery.run_forever(container, sender, lambda: NOW, interval=2.0))
        await asyncio.sleep(0.5)  # the queue is idle, as in the running bot
        t0 = time.monotonic()
        await asyncio.to_thread(say, coach, "tg:1041", "I have chest pain and feel dizzy")
        while "Safety alert — Ana" not in sender.texts(1040) and time.monotonic() - t0 < 60:
            await asyncio.sleep(0.05)
        loop.cancel()
        return time.monotonic() - t0

    took = asyncio.run(scenario())
    assert "Safety alert — Ana" in sender.texts(1040) and took < 10, took  # the issue asks for one minute


def test_leaving_or_being_removed_from_the_telegram_chat_ends_the_membership(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:1051", start=START, chat_id=1051)
    make_user(container, "tg:1052", start=START, chat_id=1052)
    cmd(coach, "tg:1050", -240, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-240)
    for key, name in (("tg:1051", "Ana"), ("tg:1052", "Bo")):
        say(coach, key, f"/join {g.join_code} {name}")
        press(coach, key, f"gl:{g.id}:f")
    assert member_left(coach, "tg:1051", -240)  # Ana left the chat herself
    assert member_left(coach, "tg:1052", -240, removed_by="tg:1050")  # the coach removed Bo from the chat
    assert not member_left(coach, "tg:1052", -240) and not member_left(coach, "tg:1059", -240)
    roster = say(coach, "tg:1050", "/clients")
    assert "Ana" not in roster and "Bo" not in roster and "0 not sharing" in roster
    sender = Recorder()
    pump(coach, sender)
    assert sender.texts(1051) == "" and "removed from Park runners" in sender.texts(1052)


def test_session_times_as_coaches_write_them_in_english_and_chinese():
    cases = {"tue 6:30pm run 40 min": ("18:30", "run 40 min"), "sat 9am mobility": ("09:00", "mobility"),
             "每周二晚上6点半 间歇 30分钟": ("18:30", "间歇 30分钟"), "明天早上7点 拉伸": ("07:00", "拉伸"),
             "周六下午3点15分 力量": ("15:15", "力量"), "Tuesday 18:00: intervals 30 min weekly": ("18:00", "intervals 30 min"),
             "every thursday at 19:00 bootcamp in the park": ("19:00", "bootcamp in the park")}
    for text, (hhmm, title) in cases.items():
        spec = programme.parse(text, START)
        assert spec is not None and (spec.time, spec.title) == (hhmm, title), (text, spec)
    assert programme.parse("每周二晚上6点半 间歇", START).weekday == 1
    assert programme.parse("Tuesday intervals 30 min", START) is None  # no time: the coach is asked for one


def test_a_session_whose_time_has_passed_today_is_next_weeks_or_tomorrows():
    tue = date(2026, 3, 3)
    assert programme.parse("tue 18:00 intervals", tue, "19:05").on_date == date(2026, 3, 10)
    assert programme.parse("tue 18:00 intervals", tue, "17:00").on_date == tue
    assert programme.parse("18:00 intervals", tue, "19:05").on_date == date(2026, 3, 4)
    assert programme.parse("weekly tue 18:00 intervals", tue, "19:05").weekday == 1


def test_scheduling_reads_the_day_and_time_on_the_groups_clock(container):
    coach = Coach(container, clock=lambda: NOW)  # Tuesday 16:30 UTC = 01:30 Wednesday in Tokyo
    cmd(coach, "tg:1060", -250, "/groupsetup Asia/Tokyo", admin=True)
    out = cmd(coach, "tg:1060", -250, "/session 07:00 mobility", admin=True).group[0].text
    assert "on 2026-03-04 at 07:00 (Asia/Tokyo)" in out  # Wednesday morning there, not Tuesday's past 07:00


class Outage(Recorder):
    """Telegram down for `chat_id` the first `times` sends (the sender's own retries already spent)."""

    def __init__(self, chat_id: int, times: int) -> None:
        super().__init__()
        self.down, self.left = chat_id, times

    async def send(self, chat_id, reply):  # noqa: ANN001, ANN201
        if chat_id == self.down and self.left:
            self.left -= 1
            return SendResult("retry", 6)
        return await super().send(chat_id, reply)


def test_an_alert_that_cannot_get_through_is_tried_again_after_the_lease_not_dropped(container):
    coach = Coach(container, clock=lambda: NOW)
    make_user(container, "tg:1071", start=START, chat_id=1071)
    cmd(coach, "tg:1070", -260, "/groupsetup", admin=True)
    with container.session() as s:
        g = repos.groups.find_group(s, chat_id=-260)
        repos.users.update_user(s, repos.users.find_user(s, "tg:1070"), chat_id=1070)
    say(coach, "tg:1071", f"/join {g.join_code} Ana")
    press(coach, "tg:1071", f"gl:{g.id}:f")
    say(coach, "tg:1071", "I have chest pain")
    sender = Outage(1070, times=1)
    pump(coach, sender)
    assert sender.texts(1070) == "" and sender.texts(1071) == ""  # not given up: the member is not told yet
    pump(coach, sender, now=NOW + timedelta(minutes=1))  # within the lease: waits
    assert sender.texts(1070) == ""
    pump(coach, sender, now=NOW + timedelta(minutes=3))
    assert "Safety alert — Ana" in sender.texts(1070) and sender.texts(1071) == ""
    say(coach, "tg:1071", "my chest hurts again")  # down for good: given up after TRIES claims, the member told
    down = Outage(1070, times=99)
    for minutes in range(0, 20, 3):
        pump(coach, down, now=NOW + timedelta(minutes=10 + minutes))
    assert down.texts(1070) == "" and "could not reach Ben" in down.texts(1071)
    with container.session() as s:
        assert group_queue.pending_count(s) == 0
