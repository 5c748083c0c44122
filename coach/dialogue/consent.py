"""/start and the health-data consent that comes before anything is stored."""
from __future__ import annotations


from coach.events import Button, Reply
from coach.i18n import N_
from coach.intake.answers import all_yes, yes_no
from coach.dialogue import onboarding
from coach.dialogue.callbacks import Consent
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from coach.services.clock import utcnow
from coach.services.profiles import profile_of
CONSENT_VERSION = "2026-11"


def _buttons(turn: Turn) -> list[list[Button]]:
    return [[Button(turn._("Yes, I agree"), Consent(True).encode()), Button(turn._("No"), Consent(False).encode())]]


@router.command("start", help=N_("start or resume"), needs="nothing", order=0)
def start_cmd(turn: Turn, arg: str) -> list[Reply]:
    if turn.user.consent_at is not None:
        state = repos.users.get_dialogue(turn.s, turn.user.id)
        if state.flow not in ("onboarding",) and profile_of(turn.s, turn.user) is not None:
            repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return start(turn)


def start(turn: Turn) -> list[Reply]:
    """Ask for consent, continue onboarding, or welcome back."""
    if turn.user.consent_at is None:
        repos.users.set_dialogue(turn.s, turn.user.id, flow="consent")
        return [Reply(turn._("Hi! I'm FitCoach, a training coach that builds you a safe, evidence-based plan "
                             "and adjusts it as you go.\n\nBefore we start: I will store the health details you "
                             "give me (age, body measurements, heart rate, blood pressure, conditions, symptoms, "
                             "workouts and check-ins), encrypted, only to plan and adjust your training. You can "
                             "download everything with /export and erase it all with /delete at any time. "
                             "I am not a doctor and do not replace one.\n\nDo you agree?"), buttons=_buttons(turn))]
    return onboarding.resume(turn)


def answer(turn: Turn, text: str) -> list[Reply]:
    """The answer to the consent question, typed or pressed."""
    yn = yes_no(text) if text not in ("yes", "no") else text == "yes"
    if yn is None and all_yes(text):  # "ok yes i agree", "好的 同意": only words that say yes
        yn = True
    if yn is None:
        return [Reply(turn._("Please answer yes or no: may I store your health details to coach you?"),
                      buttons=_buttons(turn))]
    if not yn:
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return [Reply(turn._("No problem: nothing about your health has been stored. Send /start if you "
                             "change your mind."))]
    repos.users.update_user(turn.s, turn.user, consent_version=CONSENT_VERSION, consent_at=utcnow())
    repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", data={"profile": {}, "skipped": []})
    return [Reply(turn._("Thank you! Let's build your profile. You can answer several things in one message, "
                         "e.g. \"I'm 34, 180 cm, 75 kg, 4 days a week, dumbbells at home\"."))] + onboarding.ask_next(turn)


@router.callback(Consent, needs="nothing")
def consent_button(turn: Turn, data: Consent) -> list[Reply]:
    if turn.user.consent_at is not None:
        return start(turn)
    return answer(turn, "yes" if data.agree else "no")
