"""Mentions in messages: equipment, injuries, conditions and symptoms, with negation ("no knee pain").

`mentions_red_flag` is the safety net run on every message: red-flag symptoms mentioned and not negated, except
in a question about a symptom ("what if the chest tightness comes back?", "心悸是什么意思"), which
`asks_about_red_flag` finds. Conservative: a report, or anything said about now, is never such a question.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coach.domain.vocab import RED_FLAG_SYMPTOMS
from coach.intake import lexicon_en as en
from coach.intake import lexicon_health as health
from coach.intake import lexicon_zh as zh
from coach.intake.context import Ctx
from coach.intake.numbers import F

RED_FLAGS = RED_FLAG_SYMPTOMS  # the name this parser has always exported


@dataclass(frozen=True)
class Table:
    """A synonym table compiled to one regex per script; `codes` maps group names to codes."""

    en: re.Pattern[str] | None
    zh: re.Pattern[str] | None
    codes: dict[str, str]


def compile_table(en_table: dict[str, list[str]], zh_table: dict[str, list[str]]) -> Table:
    """Compile code -> alternatives into an English regex (one shared letter boundary) and a Chinese one."""
    codes: dict[str, str] = {}
    parts: dict[str, list[str]] = {"e": [], "z": []}
    for script, table in (("e", en_table), ("z", zh_table)):
        for i, (code, pats) in enumerate(table.items()):
            codes[f"{script}{i}"] = code
            parts[script].append(f"(?P<{script}{i}>" + "|".join(pats) + ")")
    en_rx = re.compile(r"(?<![a-z])(?:" + "|".join(parts["e"]) + r")(?![a-z])", F) if parts["e"] else None
    zh_rx = re.compile("|".join(parts["z"]), F) if parts["z"] else None
    return Table(en_rx, zh_rx, codes)


SYMPTOM_RX = compile_table(en.SYMPTOMS, zh.SYMPTOMS)
CONDITION_RX = compile_table({**en.CONDITIONS, **health.CONDITIONS_EN}, {**zh.CONDITIONS, **health.CONDITIONS_ZH})
MEDICATION_RX = compile_table(health.MEDICATIONS_EN, health.MEDICATIONS_ZH)
INJURY_RX = compile_table(en.INJURIES, zh.INJURIES)
EQUIPMENT_RX = compile_table(en.EQUIPMENT, zh.EQUIPMENT)
GENERAL_RX = compile_table({**en.GENERAL_TERMS, **health.GENERAL_EN}, {**zh.GENERAL_TERMS, **health.GENERAL_ZH})
EMPTY_RX = compile_table(en.EMPTY_PHRASES, zh.EMPTY_PHRASES)
INJURY_SELF_CUE = re.compile("|".join(en.INJURY_SELF_CUES + zh.INJURY_SELF_CUES), re.A)
INJURY_CUES = re.compile(en.INJURY_CUES + "|" + "|".join(zh.INJURY_CUES + zh.COMPLAINT_CUES), re.A)
NEGATION_TAIL = re.compile(
    r"(?:(?<![a-z])(?:no(?!\s*[,.!?;:])|not|never|without|none|deny|denies|denied|nor|neither|"
    r"free\s+of|zero|negative\s+for|dont|doesnt|didnt|havent|hasnt|hadnt|isnt|arent|wasnt|"
    r"cant|cannot|couldnt|wont)(?![a-z])|n't|没有|没|无|从没|从来没|从未|未曾|未|不|否认|并无|别)"
    r"(?:\s++|\x00++|[,/&+、]|(?<![a-z])(?:or|and|nor|any|anything|a|an|the|of|history|signs?|real|"
    r"major|serious|significant|known|other|previous|prior|past|such|issues?|problems?|with|like|"
    r"had|have|has|get|gets|got|getting|experience[ds]?|experiencing|suffer(?:ed|ing|s)?|from|ever|"
    r"really|much|kind|sort|type|been|diagnosed|to|my|at|all|pain|pains|in|on|feel|felt|feeling|do|"
    r"does|did|am|is|are|was|were|currently|recently|yet|also|either|too|episodes?|bouts?|i|i've|"
    r"i'm|own|use|using|access|need|go|going|went|belong|having|usually|normally|that|these|those|"
    r"more|longer|anymore|hurt|hurts|chronic|medical|health)(?![a-z])"
    r"|或者|或|和|以及|及|跟|与|也|任何|什么|过|有|得过|患过|受过|出现过|感到|感觉|觉得|会|的|等|"
    r"症状|问题|毛病|都|还|从来|曾经|经常|发生过|犯过|现在|目前|平时|一般|用|去)*$", F)
POST_NEG_ITEM = re.compile(
    r"\s*(?:[:?-]\s*)?(?:(?<![a-z])(?:none|no|nope|nothing|n/a|nil)(?![a-z])|(?:也|都|倒|从来|从)?"
    r"(?:没有|没|无)(?!好))", F)
# "not right", "isn't feeling great": a complaint, not a denial ("my knee is not cranky" stays one)
_NOT_WELL = r"\s+(?:quite\s+|feeling\s+|so\s+|too\s+|very\s+|a\s+hundred\s+)*(?:right|great|good|happy|100|well)(?![a-z])"
POST_NEG_BODY = re.compile(
    r"\s*(?:(?:is|are|was|were|has|have|does|do|'s)?\s*(?:n't|not|never|no\s+longer)(?![a-z])(?!{ill})|"
    r"(?:doesn'?t|don'?t|isn'?t|aren'?t|wasn'?t|hasn'?t|haven'?t|never)(?![a-z])(?!{ill})|"
    r"(?:is|are|'s|feels?|has\s+been|have\s+been)\s+(?:fine|ok|okay|good|great|healthy|healed|"
    r"all\s+good|100%|grand|alright|all\s+right|sound|perfect|strong)|(?:也|都|倒|现在|已经|目前)?(?:没有|没|不|无)(?:什么)?(?:问题|事|毛病|伤|疼|痛|"
    r"酸|受过伤)|(?:已经)?(?:好了|康复了|痊愈了|没事了))".format(ill=_NOT_WELL), F)
_RX_INJURY_WORD = re.compile(r"(?<![a-z])injur|伤", F)
_RX_DISLIKE_TAIL = re.compile(
    r"(?:(?<![a-z])(?:hate|hates|dislike|dislikes|can'?t\s+stand|not\s+(?:a\s+)?fan\s+of|don'?t\s+like|"
    r"avoid|loathe)(?![a-z])|讨厌|不喜欢|不爱|受不了)(?:\s++|\x00++|[,/&、]|(?<![a-z])(?:the|a|an|going|to|and|or|"
    r"my|local|crowded|busy|big|using)(?![a-z])|去|的)*$", F)


# a question about a symptom, not a report of one: "what if ...", "如果...怎么办", "what does ... mean". Conservative:
# a bare "if" counts only with "what should I do" / "should I stop"; worry words ("is it normal if", "要紧吗") and
# anything said about now or the recent past mean the person may have it: those still stop.
_IF_MARK = re.compile(r"(?<![a-z])(?:what\s+if|what\s+(?:happens|would\s+happen)\s+if|"
                      r"what\s+(?:should|do|would|can)\s+i\s+do\s+(?:if|when)|in\s+case|suppose|supposing|"
                      r"should\s+i\s+ever)(?![a-z])|如果|要是|万一|假如|假设|假使|一旦", F)
_BARE_IF = re.compile(r"(?<![a-z])(?:if|whenever)(?![a-z])", F)
_WHAT_TO_DO = re.compile(r"(?<![a-z])(?:what\s+(?:should|do|would|can)\s+i\s+do|should\s+i\s+(?:stop|call|rest|keep"
                         r"\s+going|carry\s+on)|do\s+i\s+(?:stop|call))(?![a-z])", F)
_DEFINITION = re.compile(r"(?<![a-z])(?:what\s+(?:does|do|is|are)|what'?s|meaning\s+of|mean\s+by|define|"
                         r"difference\s+between)(?![a-z])|什么意思|是什么|什么是|是指|指的是|有什么区别", F)
_ASKING = re.compile(r"[?？]|怎么办|怎么做|该怎么|要不要|需不需要|吗|呢|(?<![a-z])(?:what|how|should|when|can|could|"
                     r"would|do\s+i)(?![a-z])", F)
_WORRY = re.compile(r"(?<![a-z])(?:worr\w*|normal|concern\w*|serious|dangerous|bad\s+sign|a\s+problem)(?![a-z])|"
                    r"正常|要紧|严重|危险|担心|有问题", F)
_NOW = re.compile(r"(?<![a-z])(?:right\s+now|now|currently|at\s+the\s+moment|today|tonight|this\s+(?:morning|"
                  r"afternoon|evening)|just\s+now|just\s+(?:had|got|felt)|earlier|yesterday|last\s+(?:night|time|"
                  r"week)|still|again\s+today|i'?m\s+having|i\s+had|i'?ve\s+(?:had|got|been))(?![a-z])|"
                  r"现在|刚才|刚刚|刚|正在|今天|今早|此刻|这会儿|昨天|上次|还在|一直|又开始", F)
_FIRST_PERSON_HAS = re.compile(r"(?<![a-z])(?:i\s+(?:have|get|feel|keep)|my\s+(?:chest|heart)|i'?m\s+(?:feeling|getting))"
                               r"(?![a-z])|我(?:有|会|经常|总是|老是)|我的(?:胸|心)", F)


@dataclass(frozen=True)
class Mention:
    """A matched synonym: where it is, which table it came from, and its code."""

    start: int
    end: int
    kind: str  # symptoms | conditions | medications | injuries | equipment | general | empty
    code: str


_MENTION_TABLES = [("symptoms", SYMPTOM_RX), ("conditions", CONDITION_RX), ("medications", MEDICATION_RX),
                   ("injuries", INJURY_RX),
                   ("equipment", EQUIPMENT_RX), ("empty", EMPTY_RX), ("general", GENERAL_RX)]


def find(table: Table, ctx: Ctx) -> list[tuple[int, int, str]]:
    """(start, end, code) for each match of a synonym table, in text order."""
    found = []
    for rx, wanted in ((table.en, ctx.has_latin), (table.zh, ctx.has_cjk)):
        if rx is not None and wanted:
            found += [(m.start(), m.end(), table.codes[m.lastgroup or ""]) for m in rx.finditer(ctx.text)]
    found.sort()
    return found


def mentions(ctx: Ctx) -> list[Mention]:
    """Non-overlapping list-field mentions; symptoms beat conditions beat body parts beat equipment."""
    found: list[Mention] = []
    taken = bytearray(len(ctx.text))
    for kind, table in _MENTION_TABLES:
        for a, b, code in find(table, ctx):
            if not any(taken[a:b]) or (kind == "medications" and _wraps(found, a, b)):
                taken[a:b] = b"\x01" * (b - a)
                found.append(Mention(a, b, kind, code))
    found.sort(key=lambda m: m.start)
    return found


def _wraps(found: list[Mention], a: int, b: int) -> bool:
    """A medication phrase around a condition ("medication for my high blood pressure"): both count."""
    inside = [m for m in found if m.start < b and a < m.end]
    return all(m.kind == "conditions" and a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for m in inside)


def masked(text: str, found: list[Mention]) -> str:
    """Text with every mention replaced by NUL characters, so negation can read through lists."""
    chars = list(text)
    for m in found:
        chars[m.start:m.end] = "\x00" * (m.end - m.start)
    return "".join(chars)


def _negated(ctx: Ctx, masked_text: str, start: int, end: int, body: bool = False) -> bool:
    """True when a negation governs the mention ("no X", "never had X or Y", "没有X", "X: none")."""
    lo, _ = ctx.sentence(start)
    if NEGATION_TAIL.search(masked_text[max(lo, start - 80):start]):
        return True
    post = POST_NEG_BODY if body else POST_NEG_ITEM
    return bool(post.match(ctx.text, end))


def _has_injury_cue(ctx: Ctx, m: Mention) -> bool:
    """A body part counts as an injury only near a word like pain/injury/bad/疼/伤."""
    if INJURY_SELF_CUE.search(ctx.text, m.start, m.end):
        return True
    lo, hi = ctx.sentence(m.start)
    return bool(INJURY_CUES.search(ctx.text[max(lo, m.start - 30):min(hi, m.end + 30)])
                or _RX_INJURY_WORD.search(ctx.text, lo, hi))


def _counts(ctx: Ctx, m: Mention, masked_text: str) -> bool:
    """Whether a non-negated mention names something the person has."""
    if m.kind == "injuries" and not ctx.answer and not _has_injury_cue(ctx, m):
        return False
    if m.kind == "equipment" and _RX_DISLIKE_TAIL.search(masked_text, max(0, m.start - 40), m.start):
        return False  # "I hate the gym" says nothing about access
    return True


def list_fields(ctx: Ctx, found_mentions: list[Mention]) -> dict[str, list[str]]:
    """Equipment, injuries, conditions and symptoms with negation and third-party filtering."""
    masked_text = masked(ctx.text, found_mentions)
    found: dict[str, list[str]] = {}
    empty: set[str] = set()
    for m in found_mentions:
        if m.code.startswith("_") or ctx.third_party(m.start):
            continue
        neg = _negated(ctx, masked_text, m.start, m.end, body=m.kind == "injuries")
        if m.kind in ("general", "empty"):
            if neg or m.kind == "empty":
                empty.add(m.code)
            continue
        if neg:
            if m.kind != "equipment":  # lacking dumbbells does not mean having nothing
                empty.add(m.kind)
            continue
        if not _counts(ctx, m, masked_text):
            continue
        codes = found.setdefault(m.kind, [])
        if m.code not in codes:
            codes.append(m.code)
    for kind in empty:
        found.setdefault(kind, [])
    return found


def _red_flags(ctx: Ctx) -> tuple[list[str], list[Mention]]:
    found = [m for m in mentions(ctx) if m.kind in ("symptoms", "general")]
    codes = [code for code in list_fields(ctx, found).get("symptoms", []) if code in RED_FLAGS]
    return codes, [m for m in found if m.code in codes]


_IF_I_HAD = re.compile(r"(?<![a-z])(?:what\s+if|if|suppose|supposing|in\s+case)\s+i\s+(?:had|have|got|get)(?![a-z])", F)
# told as long past ("I used to faint as a kid", "我小时候经常晕倒"): not a symptom now, unless it is said to be recent
_LONG_AGO = re.compile(r"(?<![a-z])(?:used\s+to|as\s+a\s+(?:kid|child|teen(?:ager)?|boy|girl)|when\s+i\s+was\s+(?:a\s+)?"
                       r"(?:kid|child|little|young|younger|teen(?:ager)?|\d+|in\s+school)|(?:years|decades)\s+ago|"
                       r"in\s+(?:high\s+)?school|in\s+college|back\s+in\s+(?:19|20)\d\d|childhood)(?![a-z])|小时候|"
                       r"年轻(?:的)?时候|上学(?:的)?时候|多年前|几年前|好多年前|很多年前|童年|少年时", F)
_RECENT = re.compile(r"(?<![a-z])(?:again|recently|lately|these\s+days|this\s+(?:week|month|year)|now|today|still|"
                     r"started)(?![a-z])|最近|这几天|又|现在|今天|还|开始", F)


def _long_ago(ctx: Ctx) -> bool:
    return bool(_LONG_AGO.search(ctx.text)) and not _RECENT.search(ctx.text)


def _hypothetical(ctx: Ctx, flagged: list[Mention]) -> bool:
    """Every red-flag mention sits in a question about a symptom (or in the person's distant past), and nothing says
    the person has it now."""
    text = ctx.text
    if flagged and _long_ago(ctx):
        return True
    now_text = _IF_I_HAD.sub(" ", text)  # "what if I had chest pain" asks; it says nothing about now
    if not flagged or _NOW.search(now_text) or _WORRY.search(text) or not (_ASKING.search(text) or
                                                                          _DEFINITION.search(text)):
        return False
    for m in flagged:
        lo, hi = ctx.sentence(m.start)
        conditional = _IF_MARK.search(text, lo, m.start) or (_BARE_IF.search(text, lo, m.start)
                                                               and _WHAT_TO_DO.search(text))
        defining = _DEFINITION.search(text, lo, hi) and not _FIRST_PERSON_HAS.search(text)
        if not (conditional or defining):
            return False
    return True


def mentions_red_flag(text: str) -> list[str]:
    """Red-flag symptom codes mentioned (and not negated) in any message that is not a question about them."""
    if not isinstance(text, str) or not text.strip():
        return []
    ctx = Ctx.build(text, date.today())
    codes, flagged = _red_flags(ctx)
    return [] if _hypothetical(ctx, flagged) else codes


def asks_about_red_flag(text: str) -> list[str]:
    """Red-flag codes a message asks about without reporting them ("what if the chest pain comes back?")."""
    if not isinstance(text, str) or not text.strip():
        return []
    ctx = Ctx.build(text, date.today())
    codes, flagged = _red_flags(ctx)
    return codes if _hypothetical(ctx, flagged) else []
