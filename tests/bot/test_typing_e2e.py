"""Issue #13's end-to-end script, typed only, through both mouths: python-telegram-bot against the fake Bot API over
HTTP, and the terminal (`fitcoach chat`'s Terminal). Onboarding by typing every answer; a workout logged by typing
"done" and "完成"; a set log ("<exercise> 3x8 @ 20 kg") and the load suggestion under that exercise next time; a
typo'd weight corrected; the reminder time changed in words."""
from __future__ import annotations

import io

from bot.terminal import Terminal
from coach.dialogue import Coach
from storage import repos
from tests.bot.conftest import texts

ANSWERS = {
    "age": "I'm 41", "sex": "male", "height_cm": "178 cm", "weight_kg": "82 kg", "resting_hr": "no idea",
    "bp": "don't know", "body_fat_pct": "skip", "sleep_hours": "about 7 hours",
    "experience": "I lifted a bit years ago", "currently_active": "yes, I cycle to work",
    "symptoms": "none", "conditions": "none", "medications": "none", "goal": "get stronger",
    "target": "skip", "days_per_week": "3", "minutes_per_session": "45 minutes",
    "equipment": "dumbbells and a bench", "injuries": "none", "reminder": "7am",
}


class Script:
    """The same typed conversation for any mouth: `say(text) -> reply text`; state read from the database."""

    def __init__(self, container, key: str, say) -> None:  # noqa: ANN001
        self.container, self.key, self.say = container, key, say

    def _user(self, s):  # noqa: ANN001, ANN202
        return repos.users.find_user(s, self.key)

    def step(self) -> tuple[str, str, bool]:
        with self.container.session() as s:
            u = self._user(s)
            st = repos.users.get_dialogue(s, u.id)
            prof = repos.profiles.current_profile(s, u.id)
            return st.flow, st.step, bool(prof and (prof.data or {}).get("complete"))

    async def onboard(self) -> None:
        await self.say("/start")
        await self.say("I agree")
        for _ in range(40):
            flow, step, complete = self.step()
            if complete:
                return
            await self.say(ANSWERS.get(step, "skip"))
        raise AssertionError(f"onboarding did not finish (at {self.step()})")

    async def feedback(self) -> None:
        for text in ("done", "完成"):
            out = await self.say(text)
            assert out and "not sure I understood" not in out, out
            flow, step, _ = self.step()
            if flow == "log":  # the buttons' follow-ups: effort, top of the range
                await self.say("6" if step == "rpe" else "no")
        with self.container.session() as s:
            assert [w.status for w in repos.workouts.workout_logs(s, self._user(s).id)][:1] == ["done"]

    async def set_log(self) -> None:
        """Sets of one of today's loaded exercises, typed; the day's session then shows the next load under it."""
        today = await self.say("/today")
        with self.container.session() as s:
            plan = repos.plans.active_plan(s, self._user(s).id).data
        loaded = {e["name"]: e["id"] for w in plan["weeks"] for sess in w["sessions"] for e in sess["exercises"]
                  if e.get("sets") and "dumbbell" in e["id"]}
        name = next(n for n in loaded if n in today)  # onboarding ends on a training day (week 1, day 1)
        out = await self.say(f"{name} 3x8 @ 20 kg")
        assert "20 kg" in out, out
        with self.container.session() as s:
            rows = repos.workouts.set_logs(s, self._user(s).id)
        assert [(r.exercise, r.data["sets"]) for r in rows] == [(loaded[name], [[8, 20.0]] * 3)]
        lines = (await self.say("/today")).split("\n")
        at = next(i for i, line in enumerate(lines) if name in line)
        assert "Next time:" in lines[at + 1] and "kg" in lines[at + 1], lines[at:at + 2]

    async def weight_typo(self) -> None:
        await self.say("/weight 83.4")
        await self.say("oops typo, it's 82.4")
        with self.container.session() as s:
            values = [float(r.value) for r in repos.readings.metrics(s, self._user(s).id, "weight")]
        assert 82.4 in values and 83.4 not in values, values

    async def reminder(self) -> None:
        await self.say("please send my workouts at 6pm instead")
        with self.container.session() as s:
            assert self._user(s).reminder_time == "18:00"


async def _run(script: Script) -> None:
    await script.onboard()
    await script.feedback()
    await script.set_log()
    await script.weight_typo()
    await script.reminder()


async def test_typed_only_through_telegram(harness):
    chat = 4701

    async def say(text: str) -> str:
        return texts(await harness.say(chat, text))

    await _run(Script(harness.container, f"tg:{chat}", say))


async def test_typed_only_through_the_terminal(tmp_path, container):
    out = io.StringIO()
    term = Terminal(Coach(container), "cli:typist", tmp_path, out=out)

    async def say(text: str) -> str:
        out.truncate(0)
        out.seek(0)
        term.turn(text)
        return out.getvalue()

    await _run(Script(container, "cli:typist", say))
