"""The conversation, once for every mouth: onboarding, commands, corrections, safety; state in storage."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from coach import onboarding as ob
from coach import parsing, service
from coach.i18n import N_, norm_lang, t
from coach.messages import Button, Incoming, Reply, rows
from coach.profile import ProfileError
from coach.render import KIND_NAMES, citations_text, safety_text, session_text, week_text
from storage import repo
from storage.models import User

log = logging.getLogger(__name__)

CONSENT_VERSION = "2026-11"
# hybrid scores (cosine + language bonus) of off-topic messages stay below this on the evaluation set
ANSWER_MIN_SCORE = 0.945
SMALL_TALK = {
    "hi": N_("Hi! Ask me anything about your training, or try /today or /help."),
    "hello": N_("Hi! Ask me anything about your training, or try /today or /help."),
    "hey": N_("Hi! Ask me anything about your training, or try /today or /help."),
    "你好": N_("Hi! Ask me anything about your training, or try /today or /help."),
    "thanks": N_("You're welcome! Keep it up."), "thank you": N_("You're welcome! Keep it up."),
    "ok thanks": N_("You're welcome! Keep it up."), "谢谢": N_("You're welcome! Keep it up."),
    "ok": N_("👍"), "好的": N_("👍"),
}
COMMANDS = ("start", "help", "plan", "today", "log", "weight", "metrics", "checkin", "progress", "why", "profile",
            "settings", "export", "delete", "language", "cancel", "pause", "resume", "skip")
COMMAND_HELP = {
    "start": N_("start or resume"), "help": N_("what I can do"), "plan": N_("your plan, a week at a time"),
    "today": N_("today's session"), "log": N_("record a session"), "weight": N_("record your weight"),
    "metrics": N_("record or see readings"), "checkin": N_("a quick check-in"), "progress": N_("your progress chart"),
    "why": N_("why the plan is as it is"), "profile": N_("what I know about you"),
    "settings": N_("reminders, timezone, language"), "export": N_("download your data"),
    "delete": N_("erase everything"), "language": N_("en or zh"), "cancel": N_("leave the current step"),
}
# Turns that read a few rows and render text: no model, retrieval, chart or network. A mouth may answer them in a
# read-only session on its event loop (Coach.is_quick); one that needs a write after all (a new block, a flow to
# reset) is refused before anything is written and run again as a normal turn.
QUICK_COMMANDS = frozenset({"help", "today", "plan", "profile"})
QUICK_CALLBACKS = frozenset({"plan"})  # paging through the plan's weeks
STATUS_LABELS = {"done": N_("Done ✅"), "too_easy": N_("Too easy"), "too_hard": N_("Too hard"), "pain": N_("Pain"),
                 "skipped": N_("Skipped")}
_YES = {"yes", "y", "yeah", "yep", "ok", "okay", "sure", "i agree", "agree", "是", "是的", "好", "好的", "同意", "可以", "嗯"}
_NO = {"no", "n", "nope", "not now", "否", "不", "不要", "不同意", "拒绝"}


def _yes_no(text: str) -> bool | None:
    low = text.strip().lower().rstrip(".!。！")
    if low in _YES:
        return True
    if low in _NO:
        return False
    return None


class Coach:
    """Handles one Incoming at a time; every turn reads and writes its state through storage."""

    def __init__(self, container: Any, *, clock: Callable[[], datetime] | None = None, agent: Any = None,
                 notifier: Callable[[int, str], None] | None = None) -> None:
        self.c = container
        self.clock = clock or service.utcnow
        self.agent = agent
        self.notifier = notifier  # (coach user id, text) -> None, for alerts to group coaches

    # ------------------------------------------------------------------ entry point
    def is_quick(self, inc: Incoming) -> bool:
        """Whether this event is one of the cheap, read-only kinds (QUICK_COMMANDS, QUICK_CALLBACKS)."""
        if inc.callback:
            return inc.callback.split(":", 1)[0] in QUICK_CALLBACKS
        text = (inc.text or "").strip()
        if not text.startswith("/"):
            return False
        return text[1:].partition(" ")[0].split("@", 1)[0].lower() in QUICK_COMMANDS

    def handle(self, inc: Incoming, *, read_only: bool = False) -> list[Reply]:
        """Process one event and return the replies (never raises for bad input).

        read_only=True: the turn may only read; if it needs to write, storage.db.WriteRefused is raised before
        anything is written and the caller runs it again without the flag.
        """
        with self.c.session(read_only=read_only) as s:
            user, created = repo.get_or_create_user(
                s, inc.user_key, channel=inc.channel, chat_id=inc.chat_id,
                language=norm_lang(inc.language_hint) if inc.language_hint else
                ("zh" if inc.text and re.search(r"[\u4e00-\u9fff]", inc.text) else "en"),
                timezone=self.c.settings.default_timezone)
            if not user.active:
                repo.update_user(s, user, active=True)
            if (inc.text and user.language != "zh" and len(re.findall(r"[\u4e00-\u9fff]", inc.text)) >= 2
                    and repo.current_profile(s, user.id) is None):
                repo.update_user(s, user, language="zh")  # someone writing Chinese before setup: answer in Chinese
            return self._route(s, user, inc)

    def _route(self, s: Session, user: User, inc: Incoming) -> list[Reply]:
        text = (inc.text or "").strip()
        if inc.callback:
            return self._callback(s, user, inc.callback)
        if text.startswith("/"):
            cmd, _, arg = text[1:].partition(" ")
            cmd = cmd.split("@", 1)[0].lower()
            return self._command(s, user, cmd, arg.strip())
        if not text:
            return []
        flags = parsing.mentions_red_flag(text)
        if flags:
            return self._red_flag(s, user, flags)
        state = repo.get_dialogue(s, user.id)
        if user.consent_at is None:
            if state.flow == "consent":
                return self._consent_answer(s, user, text)
            return self._start(s, user)
        if state.flow == "onboarding":
            return self._onboarding_answer(s, user, text)
        if state.flow in ("checkin", "log", "delete", "settings"):
            handler = getattr(self, f"_{state.flow}_text")
            return handler(s, user, text, state.data or {}, state.step)
        return self._free_text(s, user, text)

    def _(self, user: User, msgid: str, **kw: Any) -> str:
        return t(user.language, msgid, **kw)

    # ------------------------------------------------------------------ consent and onboarding
    def _start(self, s: Session, user: User) -> list[Reply]:
        if user.consent_at is None:
            repo.set_dialogue(s, user.id, flow="consent")
            return [Reply(self._(user, "Hi! I'm FitCoach, a training coach that builds you a safe, evidence-based plan "
                                 "and adjusts it as you go.\n\nBefore we start: I will store the health details you "
                                 "give me (age, body measurements, heart rate, blood pressure, conditions, symptoms, "
                                 "workouts and check-ins), encrypted, only to plan and adjust your training. You can "
                                 "download everything with /export and erase it all with /delete at any time. "
                                 "I am not a doctor and do not replace one.\n\nDo you agree?"),
                          buttons=[[Button(self._(user, "Yes, I agree"), "consent:yes"),
                                    Button(self._(user, "No"), "consent:no")]])]
        state = repo.get_dialogue(s, user.id)
        resuming = state.flow in ("onboarding", "paused_onboarding")
        if resuming or service.profile_of(s, user) is None:
            intro = self._(user, "Welcome back! Let's continue where we stopped.") if resuming \
                else self._(user, "Let's set up your profile. You can answer several things at once, e.g. \"I'm 34, "
                                  "180 cm, 75 kg, want to lose 5 kg, 4 days a week, dumbbells at home\".")
            if resuming:
                repo.set_dialogue(s, user.id, flow="onboarding", step=state.step, data=state.data)
            else:
                repo.set_dialogue(s, user.id, flow="onboarding", data={"profile": {}, "skipped": []})
            return [Reply(intro)] + self._ask_next(s, user)
        return [Reply(self._(user, "Welcome back! Use /today for today's session, /plan for the week, /checkin to tell "
                                   "me how it's going, or /help for everything."))]

    def _consent_answer(self, s: Session, user: User, text: str) -> list[Reply]:
        yn = _yes_no(text) if text not in ("yes", "no") else text == "yes"
        if yn is None:
            return [Reply(self._(user, "Please answer yes or no: may I store your health details to coach you?"),
                          buttons=[[Button(self._(user, "Yes, I agree"), "consent:yes"),
                                    Button(self._(user, "No"), "consent:no")]])]
        if not yn:
            repo.set_dialogue(s, user.id, flow="idle")
            return [Reply(self._(user, "No problem: nothing about your health has been stored. Send /start if you "
                                       "change your mind."))]
        repo.update_user(s, user, consent_version=CONSENT_VERSION, consent_at=service.utcnow())
        repo.set_dialogue(s, user.id, flow="onboarding", data={"profile": {}, "skipped": []})
        return [Reply(self._(user, "Thank you! Let's build your profile. You can answer several things in one message, "
                                   "e.g. \"I'm 34, 180 cm, 75 kg, 4 days a week, dumbbells at home\"."))] \
            + self._ask_next(s, user)

    def _ask_next(self, s: Session, user: User, prefix: list[Reply] | None = None) -> list[Reply]:
        state = repo.get_dialogue(s, user.id)
        data = dict(state.data or {})
        profile = data.setdefault("profile", {})
        step = ob.next_step(profile, data)
        if step is None:
            return (prefix or []) + self._finish_onboarding(s, user, data)
        repo.set_dialogue(s, user.id, flow="onboarding", step=step.key, data=data)
        q = ob.question(step, user.language, tz=user.timezone, time=user.reminder_time)
        extra = ""
        if step.key in ob.RANGES_HINT:
            extra = " " + self._(user, "(accepted: {range})", range=ob.range_hint(step.key, user.language))
        return (prefix or []) + [Reply(q + extra, buttons=ob.buttons_for(step.key, user.language, data))]

    def _store_fields(self, s: Session, user: User, data: dict, fields: dict) -> None:
        data.setdefault("profile", {}).update(fields)
        repo.set_dialogue(s, user.id, flow="onboarding", step=data.get("_step", ""), data=data)

    def _onboarding_answer(self, s: Session, user: User, text: str) -> list[Reply]:
        state = repo.get_dialogue(s, user.id)
        data = dict(state.data or {})
        profile = data.setdefault("profile", {})
        data.setdefault("skipped", [])
        step = ob.STEP_BY_KEY.get(state.step) or ob.next_step(profile, data)
        if step is None:
            return self._ask_next(s, user)
        replies: list[Reply] = []
        if ob.is_skip(text):
            if step.optional:
                data["skipped"].append(step.key)
                repo.set_dialogue(s, user.id, flow="onboarding", step=step.key, data=data)
                return self._ask_next(s, user)
            return [Reply(self._(user, "I need this one to plan safely.") + " " +
                          ob.question(step, user.language), buttons=ob.buttons_for(step.key, user.language, data))]
        if step.key == "reminder":
            time_val, tz = ob.parse_reminder(text)
            if time_val is None and tz is None:
                return [Reply(self._(user, "Please send a time like 7:30 and a timezone like Europe/London, or "
                                           "'skip'."), buttons=ob.buttons_for("reminder", user.language))]
            updates: dict[str, Any] = {}
            if time_val:
                updates["reminder_time"] = time_val
            if tz:
                updates["timezone"] = tz
            repo.update_user(s, user, **updates)
            data["reminder_set"] = True
            repo.set_dialogue(s, user.id, flow="onboarding", step=step.key, data=data)
            return self._ask_next(s, user)
        direct = ob.answer_for(step.key, text)
        found = parsing.extract(text)
        tz = found.get("timezone")
        if self.agent is not None and (not direct or len(text) > 24):  # the model may catch what rules missed
            for k, v in (self.agent.extract_fields(user, text) or {}).items():
                found.setdefault(k, v)
        for k, v in direct.items():
            found[k] = v
        if step.key in ob.LIST_FIELDS and step.key not in found and _yes_no(text) is False:
            found[step.key] = []
        good, errors = ob.merge_fields(found, profile)
        if errors:
            replies.extend(Reply(ob.error_text(user.language, e)) for e in errors)
        if good:
            profile.update(good)
            if "symptoms" in good and set(good["symptoms"]) & {"chest_pain", "fainting", "dizziness", "palpitations",
                                                               "shortness_of_breath"}:
                replies.append(Reply(self._stop_and_seek_care(user)))
            repo.set_dialogue(s, user.id, flow="onboarding", step=step.key, data=data)
        if tz and tz != user.timezone:
            repo.update_user(s, user, timezone=tz)
        if not good and not errors:
            hint = self._(user, "Sorry, I didn't catch that.")
            return [Reply(hint + " " + ob.question(step, user.language, tz=user.timezone, time=user.reminder_time),
                          buttons=ob.buttons_for(step.key, user.language, data))]
        if errors and not ob.answered(step.key, profile, data):
            return replies + [Reply(ob.question(step, user.language, tz=user.timezone, time=user.reminder_time),
                                    buttons=ob.buttons_for(step.key, user.language, data))]
        return self._ask_next(s, user, replies)

    def _onboarding_button(self, s: Session, user: User, parts: list[str]) -> list[Reply]:
        state = repo.get_dialogue(s, user.id)
        if user.consent_at is None or state.flow != "onboarding":
            return self._start(s, user)
        data = dict(state.data or {})
        profile = data.setdefault("profile", {})
        data.setdefault("skipped", [])
        key = parts[0] if parts else ""
        if key == "skip":
            step = ob.STEP_BY_KEY.get(state.step)
            if step and step.optional:
                data["skipped"].append(step.key)
                repo.set_dialogue(s, user.id, flow="onboarding", step=step.key, data=data)
            return self._ask_next(s, user)
        if key == "eq":
            choice = parts[1] if len(parts) > 1 else ""
            pick = list(data.get("equipment_pick", []))
            if choice == "done":
                profile["equipment"] = [x for x in pick if x != "none"]
                data.pop("equipment_pick", None)
                repo.set_dialogue(s, user.id, flow="onboarding", step="equipment", data=data)
                return self._ask_next(s, user)
            if choice in ob.EQUIPMENT_LABELS:
                if choice == "none":
                    pick = []
                    profile["equipment"] = []
                    data.pop("equipment_pick", None)
                    repo.set_dialogue(s, user.id, flow="onboarding", step="equipment", data=data)
                    return self._ask_next(s, user)
                pick = [x for x in pick if x != choice] if choice in pick else pick + [choice]
                data["equipment_pick"] = pick
                repo.set_dialogue(s, user.id, flow="onboarding", step="equipment", data=data)
                step = ob.STEP_BY_KEY["equipment"]
                return [Reply(ob.question(step, user.language), buttons=ob.buttons_for("equipment", user.language, data),
                              edit=True)]
            return []
        value: Any = parts[1] if len(parts) > 1 else ""
        if key in ob.LIST_FIELDS and value == "none":
            value = []
        elif key == "currently_active":
            value = value == "yes"
        elif key in ("days_per_week", "minutes_per_session"):
            value = int(value) if str(value).isdigit() else value
        good, errors = ob.merge_fields({key: value}, profile)
        if errors:
            return [Reply(ob.error_text(user.language, e)) for e in errors] + self._ask_next(s, user)
        profile.update(good)
        repo.set_dialogue(s, user.id, flow="onboarding", step=key, data=data)
        return self._ask_next(s, user)

    def _finish_onboarding(self, s: Session, user: User, data: dict) -> list[Reply]:
        profile = dict(data.get("profile", {}))
        profile["language"] = user.language
        profile["timezone"] = user.timezone
        try:
            prof = service.save_profile(s, user, profile, "onboarding")
        except ProfileError as exc:  # a combination the single checks could not see (e.g. bp order)
            data["profile"].pop(exc.field, None)
            repo.set_dialogue(s, user.id, flow="onboarding", step=exc.field, data=data)
            return [Reply(ob.error_text(user.language, exc))] + self._ask_next(s, user)
        now = self.clock()
        for kind, field, unit in (("weight", "weight_kg", "kg"), ("resting_hr", "resting_hr", "bpm"),
                                  ("sleep", "sleep_hours", "h"), ("body_fat", "body_fat_pct", "%")):
            if getattr(prof, field) is not None:
                repo.add_metric(s, user.id, kind, getattr(prof, field), unit, source="onboarding", measured_at=now)
        if prof.bp_systolic is not None:
            repo.add_metric(s, user.id, "bp", [prof.bp_systolic, prof.bp_diastolic], "mmHg", source="onboarding",
                            measured_at=now)
        today = service.local_today(user, now)
        plan_row = service.create_plan(s, user, prof, self._(user, "Your first plan, from your onboarding answers."),
                                       start=today)
        repo.set_dialogue(s, user.id, flow="idle")
        return self._plan_summary(user, plan_row.data, first=True)

    def _plan_summary(self, user: User, plan: dict, *, first: bool = False) -> list[Reply]:
        lang = user.language
        head = self._(user, "Your plan is ready! 🎉") if first else self._(user, "Your updated plan:")
        parts = [head]
        safety = safety_text(plan, lang)
        if safety:
            parts.append(safety)
        rationale = plan.get("rationale", "")
        if self.agent is not None:
            rationale = self.agent.reword(user, rationale, purpose="rationale") or rationale
        parts.append(rationale)
        replies = [Reply("\n\n".join(parts), slow=True)]
        replies.append(Reply(week_text(plan, 1, lang), buttons=self._week_buttons(user, plan, 1)))
        replies.append(Reply(self._(user, "I'll send your workout at {time} ({tz}) on training days. Try /today, "
                                          "/why or /help.", time=user.reminder_time, tz=user.timezone)))
        return replies

    # ------------------------------------------------------------------ safety
    def _stop_and_seek_care(self, user: User) -> str:
        return self._(user, "⚠️ Please stop exercising now. Chest pain, fainting, severe breathlessness or a racing or "
                            "irregular heartbeat can be signs of a serious problem. If it is severe or does not go "
                            "away within a few minutes, call emergency services (e.g. 911 / 112 / 120). Please see a "
                            "doctor before you train again; until then your plan is limited to light activity.")

    def _red_flag(self, s: Session, user: User, flags: list[str]) -> list[Reply]:
        replies = [Reply(self._stop_and_seek_care(user))]
        if user.consent_at is None:
            return replies  # nothing stored without consent
        state = repo.get_dialogue(s, user.id)
        if state.flow == "onboarding":
            data = dict(state.data or {})
            prof = data.setdefault("profile", {})
            prof["symptoms"] = sorted(set(prof.get("symptoms", [])) | set(flags))
            repo.set_dialogue(s, user.id, flow="onboarding", step=state.step, data=data)
            return replies + self._ask_next(s, user)
        from coach import progression

        replies += progression.apply_symptoms(self, s, user, flags, source="message")
        return replies

    # ------------------------------------------------------------------ commands
    def _command(self, s: Session, user: User, cmd: str, arg: str) -> list[Reply]:
        if cmd == "start":
            if user.consent_at is not None:
                state = repo.get_dialogue(s, user.id)
                if state.flow not in ("onboarding",) and service.profile_of(s, user) is not None:
                    repo.set_dialogue(s, user.id, flow="idle")
            return self._start(s, user)
        if cmd == "help":
            return [Reply(self._help(user))]
        if cmd == "language":
            return self._language(s, user, arg)
        if cmd == "cancel":
            state = repo.get_dialogue(s, user.id)
            if state.flow == "onboarding":
                repo.set_dialogue(s, user.id, flow="paused_onboarding", step=state.step, data=state.data)
                return [Reply(self._(user, "Stopped. Your answers so far are kept; send /start to continue."))]
            repo.set_dialogue(s, user.id, flow="idle")
            return [Reply(self._(user, "Cancelled."))]
        if cmd == "delete":
            repo.set_dialogue(s, user.id, flow="delete")
            return [Reply(self._(user, "This erases everything I store about you: profile, plans, workouts, check-ins, "
                                       "readings and messages. It cannot be undone. Erase everything?"),
                          buttons=[[Button(self._(user, "Yes, erase everything"), "delete:yes"),
                                    Button(self._(user, "No, keep it"), "delete:no")]])]
        if cmd == "export":
            return self._export(s, user)
        if cmd == "skip":
            state = repo.get_dialogue(s, user.id)
            if state.flow == "onboarding":
                return self._onboarding_answer(s, user, "skip")
            if state.flow == "checkin":
                return self._checkin_text(s, user, "skip", state.data or {}, state.step)
            return []
        if user.consent_at is None:
            return self._start(s, user)
        state = repo.get_dialogue(s, user.id)
        if cmd == "settings":
            return self._settings(s, user, arg)
        if cmd in ("join", "members", "share"):
            from coach import groups

            if cmd == "join":
                return groups.join(self, s, user, arg) if arg else [Reply(self._(user, "Send /join CODE."))]
            if cmd == "members":
                return groups.members_report(self, s, user)
            mems = repo.groups_of(s, user.id)
            if not mems:
                return [Reply(self._(user, "You are not in any group."))]
            return [Reply(self._(user, "Share your progress with {group}?", group=g.title or g.join_code),
                          buttons=[[Button(self._(user, "Yes, share"), f"share:{g.id}:yes"),
                                    Button(self._(user, "No"), f"share:{g.id}:no")]]) for _m, g in mems]
        if cmd in ("pause", "resume"):
            repo.update_user(s, user, reminders_paused=cmd == "pause")
            return [Reply(self._(user, "Reminders paused. /resume to turn them back on.") if cmd == "pause"
                          else self._(user, "Reminders are on again."))]
        if repo.active_plan(s, user.id) is None:  # a plan exists only after a complete profile (cheap check)
            return [Reply(self._(user, "Let's finish your profile first."))] + self._start(s, user)
        if state.flow not in ("idle", "paused_onboarding"):
            repo.set_dialogue(s, user.id, flow="idle")
        handler = {"plan": self._plan_cmd, "today": self._today, "log": self._log_cmd, "weight": self._weight,
                   "metrics": self._metrics, "checkin": self._checkin_start, "progress": self._progress,
                   "why": self._why, "profile": self._profile}.get(cmd)
        if handler is None:
            return [Reply(self._(user, "I don't know /{cmd}. Try /help.", cmd=cmd[:30]))]
        return handler(s, user, arg)

    def _help(self, user: User) -> str:
        lines = [self._(user, "Here is what I can do:")]
        lines += [f"/{c} — {self._(user, h)}" for c, h in COMMAND_HELP.items()]
        lines.append(self._(user, "You can also just write to me: corrections like \"actually I'm 78 kg\", or "
                                  "questions like \"how many days a week should I lift?\"."))
        return "\n".join(lines)

    def _language(self, s: Session, user: User, arg: str) -> list[Reply]:
        lang = arg.strip().lower()
        if lang not in ("en", "zh", "中文", "english"):
            return [Reply(self._(user, "Choose a language:"),
                          buttons=[[Button("English", "lang:en"), Button("中文", "lang:zh")]])]
        lang = "zh" if lang in ("zh", "中文") else "en"
        return self._set_language(s, user, lang)

    def _set_language(self, s: Session, user: User, lang: str) -> list[Reply]:
        repo.update_user(s, user, language=lang)
        replies = [Reply(t(lang, "Language set to English."))]
        prof = service.profile_of(s, user)
        plan = repo.active_plan(s, user.id)
        if prof is not None and plan is not None and (plan.data or {}).get("language") != lang:
            data = prof.to_json()
            data["language"] = lang
            prof = service.save_profile(s, user, data, "language")
            service.create_plan(s, user, prof, t(lang, "Same plan, now in your language."), start=plan.start_date,
                                weeks=(plan.data or {}).get("horizon_weeks", 4))
        state = repo.get_dialogue(s, user.id)
        if state.flow == "onboarding":
            replies += self._ask_next(s, user)
        return replies

    def _plan_cmd(self, s: Session, user: User, arg: str) -> list[Reply]:
        today = service.local_today(user, self.clock())
        plan = service.ensure_current_block(s, user, today)
        if plan is None:
            return [Reply(self._(user, "You have no plan yet."))]
        week = service.session_on(plan, today).week
        if arg.strip().isdigit():
            week = int(arg.strip())
        week = max(1, min(week, len(plan.data.get("weeks", []))))
        return [Reply(week_text(plan.data, week, user.language), buttons=self._week_buttons(user, plan.data, week))]

    def _week_buttons(self, user: User, plan: dict, week: int) -> list[list[Button]]:
        n = len(plan.get("weeks", []))
        btns = []
        if week > 1:
            btns.append(Button(self._(user, "◀ Week {w}", w=week - 1), f"plan:week:{week - 1}"))
        if week < n:
            btns.append(Button(self._(user, "Week {w} ▶", w=week + 1), f"plan:week:{week + 1}"))
        return [btns] if btns else []

    def today_reply(self, s: Session, user: User, *, scheduled: bool = False) -> Reply | None:
        """Today's session with the log buttons (None on a rest day when scheduled)."""
        today = service.local_today(user, self.clock())
        plan = service.ensure_current_block(s, user, today)
        if plan is None:
            return None if scheduled else Reply(self._(user, "You have no plan yet."))
        info = service.session_on(plan, today)
        if info.session is None:
            if scheduled:
                return None
            nxt = self._next_session(plan, today)
            msg = self._(user, "Today is a rest day. Recovery is part of training: an easy walk is fine.")
            if nxt:
                msg += "\n" + self._(user, "Next session: {date}.", date=nxt.isoformat())
            return Reply(msg)
        header = self._(user, "Today (week {w}, day {d}): {kind}, {m} min", w=info.week, d=info.day,
                        kind=self._(user, KIND_NAMES.get(info.session["kind"], "Session")),
                        m=info.session["minutes"])
        text = session_text(info.session, user.language, header=header)
        return Reply(text + "\n\n" + self._(user, "How did it go?"), buttons=self.log_buttons(user))

    def _next_session(self, plan: Any, today: Any) -> Any:
        for i in range(1, 8):
            d = today + timedelta(days=i)
            if service.session_on(plan, d).session is not None:
                return d
        return None

    def log_buttons(self, user: User) -> list[list[Button]]:
        return rows([Button(self._(user, label), f"log:{key}") for key, label in STATUS_LABELS.items()], 3)

    def _today(self, s: Session, user: User, arg: str) -> list[Reply]:
        rep = self.today_reply(s, user)
        return [rep] if rep else []

    def _log_cmd(self, s: Session, user: User, arg: str) -> list[Reply]:
        words = arg.lower().replace("-", "_").split()
        status = next((w for w in words if w in service.LOG_STATUSES or w in ("easy", "hard", "skip", "skip")), None)
        status = {"easy": "too_easy", "hard": "too_hard", "skip": "skipped"}.get(status or "", status)
        rpe = next((int(w) for w in words if w.isdigit() and 0 <= int(w) <= 10), None)
        if status is None:
            repo.set_dialogue(s, user.id, flow="log", step="status")
            return [Reply(self._(user, "How did today's session go?"), buttons=self.log_buttons(user))]
        return self._record_log(s, user, status, rpe)

    def _record_log(self, s: Session, user: User, status: str, rpe: int | None, *, ask_rpe: bool = True,
                    ask_top: bool = True, top: bool = False) -> list[Reply]:
        from coach import progression

        if status == "pain":
            repo.set_dialogue(s, user.id, flow="log", step="pain_area", data={"status": status})
            areas = ["knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "elbow"]
            return [Reply(self._(user, "Sorry it hurt. Stop any exercise that causes sharp pain. Where does it hurt?"),
                          buttons=rows([Button(self._(user, a.replace("_", " ")), f"pain:{a}") for a in areas], 4))]
        if rpe is None and ask_rpe and status in ("done", "too_easy", "too_hard"):
            repo.set_dialogue(s, user.id, flow="log", step="rpe", data={"status": status})
            return [Reply(self._(user, "How hard was it overall, from 1 (very easy) to 10 (maximal)?"),
                          buttons=rows([Button(str(i), f"rpe:{i}") for i in range(1, 11)], 5)
                          + [[Button(self._(user, "Skip"), "rpe:skip")]])]
        if status == "done" and rpe is not None and rpe <= 8 and ask_top and self._todays_kind(s, user) in ("strength", "mixed"):
            repo.set_dialogue(s, user.id, flow="log", step="top", data={"status": status, "rpe": rpe})
            return [Reply(self._(user, "Did you reach the top of the rep range on every set?"),
                          buttons=[[Button(self._(user, "Yes"), "top:yes"), Button(self._(user, "No"), "top:no")]])]
        repo.set_dialogue(s, user.id, flow="idle")
        return progression.log_session(self, s, user, status, rpe, top=top)

    def _todays_kind(self, s: Session, user: User) -> str | None:
        plan = repo.active_plan(s, user.id)
        if plan is None:
            return None
        info = service.session_on(plan, service.local_today(user, self.clock()))
        return info.session["kind"] if info.session else None

    def _log_text(self, s: Session, user: User, text: str, data: dict, step: str) -> list[Reply]:
        low = text.lower().strip()
        if step == "status":
            status = {"done": "done", "easy": "too_easy", "too easy": "too_easy", "hard": "too_hard",
                      "too hard": "too_hard", "pain": "pain", "skip": "skipped", "skipped": "skipped",
                      "完成": "done", "太简单": "too_easy", "太难": "too_hard", "疼": "pain", "跳过": "skipped"}.get(low)
            if status is None:
                return [Reply(self._(user, "Please choose one:"), buttons=self.log_buttons(user))]
            return self._record_log(s, user, status, None)
        if step == "rpe":
            if ob.is_skip(low):
                return self._record_log(s, user, data.get("status", "done"), None, ask_rpe=False)
            m = re.search(r"\d+", low)
            if not m or not 1 <= int(m.group()) <= 10:
                return [Reply(self._(user, "RPE must be a whole number from 1 to 10."))]
            return self._record_log(s, user, data.get("status", "done"), int(m.group()))
        if step == "top":
            yn = _yes_no(low)
            if yn is None:
                return [Reply(self._(user, "Please answer yes or no."))]
            return self._record_log(s, user, data.get("status", "done"), data.get("rpe"), ask_rpe=False, ask_top=False,
                                    top=yn)
        if step == "pain_area":
            found = parsing.extract(text).get("injuries") or []
            if not found:
                return [Reply(self._(user, "Which area? (knee, lower back, shoulder, wrist, ankle, hip, neck, elbow)"))]
            from coach import progression

            repo.set_dialogue(s, user.id, flow="idle")
            return progression.pain(self, s, user, found[0])
        repo.set_dialogue(s, user.id, flow="idle")
        return self._free_text(s, user, text)

    def _weight(self, s: Session, user: User, arg: str) -> list[Reply]:
        confirm = bool(re.search(r"\b(confirm|yes|确认)\b", arg, re.I))
        arg = re.sub(r"\b(confirm|yes|确认)\b", "", arg, flags=re.I).strip()
        if not arg:
            return [Reply(self._(user, "Send it like /weight 72.5 (kg) or /weight 160 lb."))]
        val = parsing.parse_answer("weight_kg", arg)
        if val is None:
            return [Reply(self._(user, "I couldn't read a weight there. Example: /weight 72.5 or /weight 160 lb."))]
        try:
            val = ob.check_value("weight_kg", val)
        except ProfileError as exc:
            return [Reply(ob.error_text(user.language, exc))]
        current = service.profile_dict(s, user).get("weight_kg")
        if current and not confirm and abs(val - current) > max(10.0, 0.1 * current):
            return [Reply(self._(user, "{new} kg is a big change from your last {old} kg, so I did not save it. If it "
                                       "is right, send /weight {new} confirm.", new=f"{val:g}", old=f"{current:g}"))]
        return self._apply_corrections(s, user, {"weight_kg": val}, source="manual")

    def _metrics(self, s: Session, user: User, arg: str) -> list[Reply]:
        if not arg:
            lines = [self._(user, "Your latest readings:")]
            for kind, unit in (("weight", "kg"), ("resting_hr", "bpm"), ("bp", "mmHg"), ("sleep", "h"),
                               ("body_fat", "%")):
                val = service.latest_reading(s, user, kind)
                if val is not None:
                    shown = f"{val[0]}/{val[1]}" if isinstance(val, list) else f"{val:g}"
                    lines.append(f"• {self._(user, kind.replace('_', ' '))}: {shown} {unit}")
            lines.append(self._(user, "Record one like: /metrics rhr 60, /metrics bp 120/80, /metrics sleep 7."))
            return [Reply("\n".join(lines))]
        low = arg.lower()
        found: dict[str, Any] = {}
        m = re.match(r"\s*(rhr|hr|resting|pulse|bp|sleep|bodyfat|body_fat|fat|weight)\b\s*(.*)", low)
        if m:
            key, rest = m.group(1), m.group(2)
            field = {"rhr": "resting_hr", "hr": "resting_hr", "resting": "resting_hr", "pulse": "resting_hr",
                     "bp": "bp", "sleep": "sleep_hours", "bodyfat": "body_fat_pct", "body_fat": "body_fat_pct",
                     "fat": "body_fat_pct", "weight": "weight_kg"}[key]
            found = ob.answer_for(field, rest)
        if not found:
            found = {k: v for k, v in parsing.extract(arg).items()
                     if k in ("resting_hr", "bp_systolic", "bp_diastolic", "sleep_hours", "body_fat_pct", "weight_kg")}
        if not found:
            return [Reply(self._(user, "I couldn't read that. Examples: /metrics rhr 60, /metrics bp 120/80, "
                                       "/metrics sleep 7, /metrics bodyfat 22."))]
        good, errors = ob.merge_fields(found, service.profile_dict(s, user))
        if errors:
            return [Reply(ob.error_text(user.language, e)) for e in errors]
        return self._apply_corrections(s, user, good, source="manual")

    def _apply_corrections(self, s: Session, user: User, good: dict, *, source: str) -> list[Reply]:
        """Record readings, store a new profile version, and re-plan when plan inputs changed."""
        from coach import progression

        return progression.apply_profile_change(self, s, user, good, source=source)

    def _checkin_start(self, s: Session, user: User, arg: str) -> list[Reply]:
        from coach import progression

        return progression.checkin_start(self, s, user)

    def _checkin_text(self, s: Session, user: User, text: str, data: dict, step: str) -> list[Reply]:
        from coach import progression

        return progression.checkin_answer(self, s, user, text, data, step)

    def _progress(self, s: Session, user: User, arg: str) -> list[Reply]:
        from coach.charts import progress_png

        png, summary = progress_png(s, user, today=service.local_today(user, self.clock()))
        return [Reply(summary, photo=png, slow=True)]

    def _why(self, s: Session, user: User, arg: str) -> list[Reply]:
        plan = repo.active_plan(s, user.id)
        if plan is None:
            return [Reply(self._(user, "You have no plan yet."))]
        parts = [self._(user, "Why your plan looks like this:"), plan.data.get("rationale", "")]
        adjs = repo.adjustments(s, user.id)
        if adjs:
            last = adjs[-1]
            parts.append(self._(user, "Last change ({date}): {reason}", date=last.created_at.date().isoformat(),
                                reason=last.reason))
            if last.citations:
                from knowledge.corpus import get_passage

                for cid in last.citations:
                    p = get_passage(cid)
                    if p:
                        parts.append(f"[{p.id}] {p.title} — {p.source}")
        parts.append(self._(user, "Sources:") + "\n" + citations_text(plan.data, user.language))
        text = "\n\n".join(x for x in parts if x)
        if self.agent is not None:
            text = self.agent.reword(user, text, purpose="why") or text
        return [Reply(text)]

    def _profile(self, s: Session, user: User, arg: str) -> list[Reply]:
        prof = service.profile_of(s, user)
        if prof is None:
            return [Reply(self._(user, "No profile yet."))]
        d = prof.to_json()
        lines = [self._(user, "Your profile:")]
        units = {"height_cm": "cm", "weight_kg": "kg", "resting_hr": "bpm", "body_fat_pct": "%", "sleep_hours": "h",
                 "target_weight_kg": "kg", "minutes_per_session": "min"}
        if "bp_systolic" in d:
            d["bp"] = f"{d.pop('bp_systolic')}/{d.pop('bp_diastolic')} mmHg"
        for key in ("age", "sex", "height_cm", "weight_kg", "resting_hr", "bp", "body_fat_pct", "sleep_hours",
                    "experience", "currently_active", "goal", "target_weight_kg", "target_weeks", "days_per_week",
                    "minutes_per_session", "equipment", "injuries", "conditions", "symptoms"):
            if key in d and d[key] not in (None, [], ""):
                val = d[key]
                if isinstance(val, list):
                    val = ", ".join(self._(user, str(v).replace("_", " ")) for v in val)
                elif isinstance(val, bool):
                    val = self._(user, "yes") if val else self._(user, "no")
                elif isinstance(val, float):
                    val = f"{val:g}"
                elif isinstance(val, str):
                    val = self._(user, val.replace("_", " "))
                unit = f" {units[key]}" if key in units else ""
                lines.append(f"• {self._(user, ob.FIELD_NAMES.get(key, key.replace('_', ' ')))}: {val}{unit}")
        lines.append(self._(user, "Correct anything by just telling me, e.g. \"actually I'm 78 kg\"."))
        return [Reply("\n".join(lines))]

    def _settings(self, s: Session, user: User, arg: str) -> list[Reply]:
        words = arg.split()
        if words:
            key, value = words[0].lower(), " ".join(words[1:])
            if key in ("time", "reminder"):
                tv, _tz = ob.parse_reminder(value)
                if tv is None:
                    return [Reply(self._(user, "Send a time like /settings time 07:30."))]
                repo.update_user(s, user, reminder_time=tv)
            elif key in ("tz", "timezone"):
                _tv, tz = ob.parse_reminder(value)
                tz = tz or value.strip()
                try:
                    ZoneInfo(tz)
                except (ZoneInfoNotFoundError, ValueError):
                    return [Reply(self._(user, "Unknown timezone {tz}. Use a name like Europe/London or "
                                               "Asia/Shanghai.", tz=tz[:40]))]
                repo.update_user(s, user, timezone=tz)
            elif key in ("checkin", "checkins"):
                days = _weekdays(value)
                if days is None:
                    return [Reply(self._(user, "Send days like /settings checkin mon,thu."))]
                repo.update_user(s, user, checkin_days=days)
            elif key in ("language", "lang"):
                return self._language(s, user, value)
            else:
                return [Reply(self._(user, "Settings: time, tz, checkin, language. Example: /settings time 07:30"))]
        names = "Mon Tue Wed Thu Fri Sat Sun".split()
        text = self._(user, "Reminder time: {time}\nTimezone: {tz}\nCheck-in days: {days}\nLanguage: {lang}\n"
                            "Reminders: {state}", time=user.reminder_time, tz=user.timezone,
                      days=", ".join(names[d] for d in user.checkin_days), lang=user.language,
                      state=self._(user, "paused") if user.reminders_paused else self._(user, "on"))
        text += "\n\n" + self._(user, "Change with /settings time 07:30, /settings tz Europe/London, /settings checkin "
                                      "mon,thu, /language zh, /pause or /resume.")
        return [Reply(text, buttons=[[Button("English", "lang:en"), Button("中文", "lang:zh")],
                                     [Button(self._(user, "Pause reminders"), "rem:pause"),
                                      Button(self._(user, "Resume reminders"), "rem:resume")]])]

    def _export(self, s: Session, user: User) -> list[Reply]:
        data = repo.export_user(s, user.id)
        data["exported_at"] = service.utcnow().isoformat()
        blob = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
        return [Reply(self._(user, "Here is everything I store about you."), document=blob,
                      document_name="fitcoach-export.json")]

    def _delete_text(self, s: Session, user: User, text: str, data: dict, step: str) -> list[Reply]:
        yn = _yes_no(text)
        return self._delete_answer(s, user, bool(yn))

    def _delete_answer(self, s: Session, user: User, yes: bool) -> list[Reply]:
        if not yes:
            repo.set_dialogue(s, user.id, flow="idle")
            return [Reply(self._(user, "Nothing was deleted."))]
        lang = user.language
        repo.delete_user(s, user.id)
        return [Reply(t(lang, "Done: everything about you has been erased. Send /start if you ever want to begin "
                              "again."))]

    def _settings_text(self, s: Session, user: User, text: str, data: dict, step: str) -> list[Reply]:
        repo.set_dialogue(s, user.id, flow="idle")
        return self._settings(s, user, text)

    # ------------------------------------------------------------------ buttons
    def _callback(self, s: Session, user: User, data: str) -> list[Reply]:
        parts = data.split(":")
        head = parts[0]
        if head == "consent":
            if user.consent_at is not None:
                return self._start(s, user)
            return self._consent_answer(s, user, "yes" if parts[1:] == ["yes"] else "no")
        if head == "ob":
            return self._onboarding_button(s, user, parts[1:])
        if head == "lang" and len(parts) > 1 and parts[1] in ("en", "zh"):
            return self._set_language(s, user, parts[1])
        if head == "delete":
            state = repo.get_dialogue(s, user.id)
            if state.flow != "delete":
                return [Reply(self._(user, "That button has expired. Send /delete again."))]
            return self._delete_answer(s, user, parts[1:] == ["yes"])
        if user.consent_at is None:
            return self._start(s, user)
        if head == "share" and len(parts) == 3 and parts[1].isdigit():
            from coach import groups

            if not any(g.id == int(parts[1]) for _m, g in repo.groups_of(s, user.id)):
                return [Reply(self._(user, "That button has expired."))]
            return groups.set_share(self, s, user, int(parts[1]), parts[2] == "yes")
        if head == "rem" and len(parts) > 1:
            return self._command(s, user, parts[1], "")
        if service.profile_of(s, user) is None:
            return self._start(s, user)
        if head == "plan" and len(parts) == 3 and parts[2].isdigit():
            plan = repo.active_plan(s, user.id)
            if plan is None:
                return []
            week = max(1, min(int(parts[2]), len(plan.data.get("weeks", []))))
            return [Reply(week_text(plan.data, week, user.language), buttons=self._week_buttons(user, plan.data, week),
                          edit=True)]
        if head == "log" and len(parts) > 1 and parts[1] in service.LOG_STATUSES:
            return self._record_log(s, user, parts[1], None)
        if head == "rpe" and len(parts) > 1:
            state = repo.get_dialogue(s, user.id)
            status = (state.data or {}).get("status", "done")
            rpe = int(parts[1]) if parts[1].isdigit() else None
            return self._record_log(s, user, status, rpe, ask_rpe=False)
        if head == "top" and len(parts) > 1:
            state = repo.get_dialogue(s, user.id)
            data = state.data or {}
            return self._record_log(s, user, data.get("status", "done"), data.get("rpe"), ask_rpe=False,
                                    ask_top=False, top=parts[1] == "yes")
        if head == "pain" and len(parts) > 1:
            from coach import progression

            repo.set_dialogue(s, user.id, flow="idle")
            return progression.pain(self, s, user, parts[1])
        if head == "ci":
            state = repo.get_dialogue(s, user.id)
            if state.flow != "checkin":
                from coach import progression

                progression.checkin_start(self, s, user)
                state = repo.get_dialogue(s, user.id)
            return self._checkin_text(s, user, parts[2] if len(parts) > 2 else "skip", state.data or {}, state.step)
        return [Reply(self._(user, "That button has expired."))]

    # ------------------------------------------------------------------ free text
    def _free_text(self, s: Session, user: User, text: str) -> list[Reply]:
        found = parsing.extract(text)
        prof_fields = {k: v for k, v in found.items() if k not in ("reminder_time", "timezone", "preferences")}
        onboarded = service.profile_of(s, user) is not None
        if prof_fields and onboarded:
            good, errors = ob.merge_fields(prof_fields, service.profile_dict(s, user))
            if errors:
                return [Reply(ob.error_text(user.language, e)) for e in errors]
            if good:
                return self._apply_corrections(s, user, good, source="manual")
        if not onboarded:
            state = repo.get_dialogue(s, user.id)
            if state.flow == "paused_onboarding":
                repo.set_dialogue(s, user.id, flow="onboarding", step=state.step, data=state.data)
                return self._onboarding_answer(s, user, text)
            return self._start(s, user)
        if self.agent is not None:
            answer = self.agent.answer(s, user, text)
            if answer is not None:
                return answer
        return [self.kb_answer(user, text)]

    def kb_answer(self, user: User, text: str) -> Reply:
        """The deterministic answer: the best knowledge passage, quoted with its source."""
        low = text.lower().strip(" !.?。！？")
        if low in SMALL_TALK:
            return Reply(self._(user, SMALL_TALK[low]))
        try:
            hits = self.c.retriever().search(text, k=3, language=user.language)
        except Exception:  # noqa: BLE001 - the index may be unavailable; people still get an answer
            log.exception("knowledge search failed")
            hits = []
        if not hits or hits[0].score < ANSWER_MIN_SCORE or not re.search(r"[A-Za-z]{3,}|[\u4e00-\u9fff]{2,}", text):
            return Reply(self._(user, "I'm not sure I understood. You can ask me about training, or use /help to see "
                                      "what I can do."))
        top = hits[0].passage
        body = top.text if len(top.text) <= 900 else top.text[:900].rsplit(" ", 1)[0] + "…"
        more = ", ".join(h.passage.id for h in hits[1:])
        text_out = f"{top.title}\n\n{body}\n\n" + self._(user, "Source: {source} [{id}]", source=top.source, id=top.id)
        if more:
            text_out += "\n" + self._(user, "Related: {ids}", ids=more)
        return Reply(text_out)


def _weekdays(text: str) -> list[int] | None:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    zh = ["一", "二", "三", "四", "五", "六", "日"]
    out = []
    for part in re.split(r"[,\s、，]+", text.lower()):
        if not part:
            continue
        if part[:3] in names:
            out.append(names.index(part[:3]))
        elif part[-1:] in zh:
            out.append(zh.index(part[-1]))
        else:
            return None
    return sorted(set(out)) or None
