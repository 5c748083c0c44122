"""Coach groups: set-up by a coach, private join with consent, broadcasts, progress only for consenting members."""
from __future__ import annotations

from datetime import date

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos
from tests.factories import make_user

START = date(2026, 3, 2)


def test_group_flow(container):
    container.settings.coach_admin_ids = [900]
    told: list[tuple[int, str]] = []
    coach = Coach(container, notifier=lambda uid, text: told.append((uid, text)))
    trainer = make_user(container, "tg:900", start=START, chat_id=900)
    a = make_user(container, "tg:901", start=START, chat_id=901, profile={"weight_kg": 81})
    b = make_user(container, "tg:902", start=START, chat_id=902, profile={"weight_kg": 64})

    # only a coach can set up; the reply carries a join code
    out = coach.group_command("tg:901", -100, "Park runners", "groupsetup", "")
    assert "Only the group's coach" in out[0].text
    out = coach.group_command("tg:900", -100, "Park runners", "groupsetup", "")
    with container.session() as s:
        group = repos.groups.find_group(s, chat_id=-100)
    assert group.join_code in out[0].text

    # members join in private; sharing is off until they say yes
    for key in ("tg:901", "tg:902"):
        out = coach.handle(Incoming(user_key=key, text=f"/join {group.join_code}"))
        assert "May your coach see your progress" in out[0].text
    coach.handle(Incoming(user_key="tg:901", callback=f"share:{group.id}:yes"))
    coach.handle(Incoming(user_key="tg:902", callback=f"share:{group.id}:no"))
    with container.session() as s:
        shares = {m.user_id: m.share_progress for m, _u in repos.groups.members(s, group.id)}
    assert shares == {a: True, b: False}

    # the coach sees only the consenting member, by pseudonym, never in the group chat
    report = coach.handle(Incoming(user_key="tg:900", text="/members"))[0].text
    with container.session() as s:
        pa, pb = repos.users.get_user(s, a).pseudonym, repos.users.get_user(s, b).pseudonym
    assert pa in report and pb not in report
    assert "81" not in report.replace(pa, "")  # (a pseudonym's hex digits may contain "81" by chance)
    assert "private" in coach.group_command("tg:900", -100, "", "members", "")[0].text
    # a member cannot see the report
    assert "Only coaches" in coach.handle(Incoming(user_key="tg:901", text="/members"))[0].text

    # broadcasts reach every member privately; group workouts are generic and safe
    out = coach.group_command("tg:900", -100, "", "broadcast", "Sunday 9am at the gate")
    assert "2 members" in out[0].text
    assert sorted(uid for uid, _t in told) == [a, b] and all("Sunday 9am" in t for _u, t in told)
    workout = coach.group_command("tg:900", -100, "", "groupworkout", "")[0].text
    assert "Group workout" in workout and "•" in workout
    del trainer


def test_cancel_then_start_resumes_onboarding(container):
    coach = Coach(container)
    coach.handle(Incoming(user_key="tg:950", text="/start"))
    coach.handle(Incoming(user_key="tg:950", callback="consent:yes"))
    coach.handle(Incoming(user_key="tg:950", text="I'm 45"))
    out = coach.handle(Incoming(user_key="tg:950", text="/cancel"))
    assert "kept" in out[0].text
    out = coach.handle(Incoming(user_key="tg:950", text="/start"))
    text = "\n".join(r.text for r in out)
    assert "continue" in text.lower() and "How old" not in text
