"""The text the coach searches the knowledge passages with, for a question typed in everyday words.

Short questions in everyday words ("will lifting make me bulky", "举铁会变壮吗") share few words with the passages
and sit close to everything in embedding space, so the nearest passage can be an unrelated one. The words people
use are paired here with the words the passages use, in the question's language; the question keeps its own words
first. Measured on tests/data/retrieval_everyday.jsonl (tests/coach/dialogue/test_everyday_questions.py).
"""
from __future__ import annotations

import re

from coach.intake.lexicon_health import ILL_CAUGHT_EN, ILL_STATE_EN, ILLNESS_EN, ILLNESS_ZH

_CJK = re.compile(r"[\u4e00-\u9fff]")
# everyday phrasing -> (the English passages' words, the Chinese passages' words)
EVERYDAY: tuple[tuple[re.Pattern[str], str, str], ...] = tuple((re.compile(p, re.I), en, zh) for p, en, zh in (
    (r"bulk(?:y|ed\s+up)|too\s+(?:muscular|big|buff)|(?:get|look)\s+(?:big|huge|buff)|变壮|变粗|练粗|肌肉块|金刚芭比|太壮",
     "building muscle: how many sets per week, hypertrophy", "增肌每周需要练多少组 肌肉增长"),
    (r"(?<![a-z])ton(?:e|ed|ing)(?![a-z])|塑形|紧致", "building muscle: how many sets per week, hypertrophy",
     "增肌每周需要练多少组 肌肉增长"),
    (r"belly|tummy|love\s+handles|spot\s+reduc|(?<![a-z])abs(?![a-z])|six[\s-]?pack|肚子|腹肌|小肚腩|腰腹|局部减脂",
     "burn belly fat with ab exercises, spot reduction", "练腹肌能瘦肚子吗 练哪瘦哪"),
    (r"(?:cardio|aerobic)\s+or\s+(?:weights|strength|lifting)[^.?!]{0,30}(?:fat|weight)|(?:fat|weight)[^.?!]{0,30}"
     r"(?:cardio|aerobic)\s+or\s+(?:weights|strength|lifting)|(?:减脂|减肥|减重)[^。？?]{0,8}有氧还是力量|"
     r"有氧还是力量[^。？?]{0,8}(?:减脂|减肥|减重)", "losing fat: energy balance and calorie deficit, how much exercise "
     "for weight loss", "边训练边减脂 能量平衡 减重需要多少运动"),
    (r"fat[\s-]?burners?|diet\s+pills?|燃脂药|减肥药|燃脂剂", "Are supplements safe? fat burners", "补充剂安全吗 燃脂产品"),
    (r"(?<![a-z])(?:eat|food|meal)\s+after\s+(?:a\s+|my\s+|the\s+)?(?:workout|training|session|gym)|post[\s-]?workout\s+"
     r"(?:meal|food|snack)|练(?:完|后)(?:吃|应该吃|该吃)|训练后(?:吃|应该吃|该吃)", "meals after training, nutrient timing",
     "练后饮食 什么时候吃"),
    (r"(?<![a-z])sore(?:ness)?(?![a-z])|酸痛|浑身酸|很酸", "sore muscles after training (DOMS)", "训练后肌肉酸痛 DOMS"),
    (r"(?<![a-z])walk(?:ing)?\s+enough|走路够|散步够", "how much exercise adults need each week",
     "成年人每周需要多少运动"),
    (r"(?<![a-z])(?:coffee|pre-?workout)(?![a-z])|咖啡", "caffeine before a workout", "训练前摄入咖啡因"),
    (r"(?<![a-z])how\s+(?:much|many\s+calories)\s+(?:should\s+i|do\s+i|to)\s+eat|每天吃多少(?!蛋白)|吃多少(?:热量|卡路里)?(?!蛋白)|"
     r"(?:该|应该)吃多少", "losing fat: energy balance and calorie deficit", "边训练边减脂 能量平衡 热量缺口"),
    (r"(?<![a-z])(?:pulled|strained|tweaked|tore|torn)\s+(?:my\s+|a\s+)?(?:\w+\s+)?(?:hamstrings?|calf|calves|groin|quads?|"
     r"muscle|adductors?)|(?:拉伤|扭伤)", "first steps after a sprain or strain: PEACE and LOVE",
     "扭伤或拉伤后的最初处理 PEACE与LOVE"),
    (rf"(?<![a-z])(?:{ILL_CAUGHT_EN}|{ILL_STATE_EN}|{ILLNESS_EN})(?![a-z])|{ILLNESS_ZH}",  # the illness advice's words
     "should I exercise with a cold or fever, illness", "感冒发烧时能不能运动"),
    (r"(?<![a-z])(?:mum|mom|mother|dad|father|parents?|family)(?:'s)?\s+(?:has|have|had|with)\s+(?:type\s*2\s+)?"
     r"diabet|family\s+history\s+of\s+diabet|(?:妈|爸|父母|家里人|家族)[^。？?]{0,6}糖尿病",
     "preventing type 2 diabetes with exercise and weight loss", "运动和减重预防2型糖尿病"),
))
SHORT = 120  # longer messages say enough in their own words


def search_text(text: str) -> str:
    """The question, with the passages' words for its everyday phrases when it is short."""
    text = (text or "").strip()
    if len(text) > SHORT:
        return text
    zh = bool(_CJK.search(text))
    extra = list(dict.fromkeys(zh_words if zh else en_words for rx, en_words, zh_words in EVERYDAY if rx.search(text)))
    return text if not extra else text + " (" + "; ".join(extra) + ")"
