""""Why do you need my age?", "what's that for?", "为什么要问这个": a question about the question asked (onboarding
answers it with why it is asked, and asks it again; nothing is stored)."""
from __future__ import annotations

import re

_WHY = re.compile(
    r"^\s*(?:but\s+|and\s+|ok\s+|hmm,?\s+)?(?:why|how\s+come)\s+(?:do|would|should|does|is|are)?\s*(?:you|u|it|that|this)\s*"
    r"(?:need|want|ask(?:ing)?(?:\s+(?:for|about))?|matter|important|relevant)?(?:\s+(?:to\s+know\s+)?(?:my|that|this|it|"
    r"about|for|the)\b.{0,30})?\s*[?？!.]*\s*$|"
    r"^\s*(?:what(?:'s|\s+is)\s+(?:that|this|it)\s+for|what\s+do\s+you\s+need\s+(?:that|this|it)\s+for|why\s+ask|"
    r"why\s+(?:do\s+you\s+)?need\s+(?:that|this|it|to\s+know))\s*[?？!.]*\s*$|"
    r"^\s*(?:为什么|为啥|干嘛|干吗)(?:要|需要|得)?(?:问|知道|填|告诉你)(?:这个|我的?[\u4e00-\u9fff]{0,4})?[?？吗呢啊]*\s*$|"
    r"^\s*(?:why|how\s+come|为什么|为啥)\s*[?？]+\s*$|^\s*(?:问|要)这个(?:干嘛|干吗|做什么|有什么用)[?？吗呢啊]*\s*$|^\s*(?:这个)?有什么用[?？吗呢啊]*\s*$",
    re.I)


def asks_why_asked(text: str) -> bool:
    """True when the message asks why the coach wants to know (not a question about training)."""
    return bool(_WHY.search(text or ""))


_LEVEL_MEANING = re.compile(
    r"(?<![a-z])(?:what(?:'s|\s+is|\s+does|\s+do)?|how\s+do\s+i\s+know|which\s+am\s+i|what\s+counts\s+as|define)\s+(?:an?\s+)?"
    r"(?:beginner|intermediate|advanced|(?:the(?:se)?\s+)?(?:levels?|options|choices))|"
    r"(?:beginner|intermediate|advanced)\s+(?:means?|meaning)|what\s+do\s+(?:these|they|those)\s+mean|"
    r"which\s+(?:one\s+|level\s+)?am\s+i|"
    r"(?:什么|啥|怎样|怎么)(?:算|是|叫)(?:新手|初级|中级|高级)|(?:新手|初级|中级|高级)(?:是|指|算)?(?:什么|啥)(?:意思|水平)?|"
    r"我(?:算|是)(?:哪个|哪一|什么)(?:级|水平)", re.I)


def asks_level_meaning(text: str) -> bool:
    """"What does intermediate mean?", "什么算中级": a question about the experience levels themselves."""
    return bool(_LEVEL_MEANING.search(text or ""))
