"""Free-text intake parser: onboarding chat (English or Chinese) to profile fields in canonical units.

`extract` reads every fact it can find in a message, `parse_answer` reads the answer to one question,
`mentions_red_flag` spots warning symptoms in any message. Nothing here range-checks values (the
profile model does); the parser only decides which field a number belongs to and converts its unit.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable

__all__ = ["extract", "parse_answer", "mentions_red_flag", "RED_FLAGS"]

# =============================================================================================
# Data tables
# =============================================================================================

LB_KG = 0.45359237
IN_CM = 2.54
JIN_KG = 0.5
STONE_LB = 14
WEEKS_PER_MONTH = 52 / 12

WEIGHT_UNITS: dict[str, float] = {
    "kilogrammes": 1.0, "kilogramme": 1.0, "kilograms": 1.0, "kilogram": 1.0, "kilos": 1.0,
    "kilo": 1.0, "kgs": 1.0, "kg": 1.0, "公斤": 1.0, "千克": 1.0,
    "pounds": LB_KG, "pound": LB_KG, "lbs": LB_KG, "lb": LB_KG, "磅": LB_KG,
    "斤": JIN_KG,
}
CM_UNITS = ("centimetres", "centimeters", "centimetre", "centimeter", "cms", "cm", "厘米", "公分")
M_UNITS = ("metres", "meters", "metre", "meter", "m", "米")
DURATION_WEEKS: dict[str, float] = {
    "days": 1 / 7, "day": 1 / 7, "weeks": 1, "week": 1, "wks": 1, "wk": 1,
    "months": WEEKS_PER_MONTH, "month": WEEKS_PER_MONTH, "mos": WEEKS_PER_MONTH,
    "mo": WEEKS_PER_MONTH, "years": 52, "year": 52, "yrs": 52, "yr": 52,
    "天": 1 / 7, "日": 1 / 7, "周": 1, "星期": 1, "礼拜": 1, "月": WEEKS_PER_MONTH, "年": 52,
}
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
SEASON_DATES: dict[str, tuple[int, int]] = {  # (month, day) a deadline word stands for
    "summer": (6, 1), "spring": (3, 1), "autumn": (9, 1), "fall": (9, 1), "winter": (12, 1),
    "christmas": (12, 25), "xmas": (12, 25), "new year": (1, 1), "new year's": (1, 1),
    "the end of the year": (12, 31), "end of the year": (12, 31), "year end": (12, 31),
    "年底": (12, 31), "年末": (12, 31), "夏天": (6, 1), "夏季": (6, 1),
}
WORD_NUMBERS: dict[str, int] = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split())
} | {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
     "seventy": 70, "eighty": 80, "ninety": 90}
TIMES_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}
CN_DIGITS: dict[str, int] = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_ONE_KEEP_NEXT = set("般直些下起样定切旦边共向会半生辈致律同")  # 一般, 一直 ... are not numbers
CN_ONE_KEEP_PREV = set("统唯第同专万不之")                          # 统一, 第一, 不一样 ...
CN_WEEKDAYS: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
PM_PERIODS = {"下午", "傍晚", "晚上", "夜里", "夜晚", "晚间", "今晚", "pm", "evening", "afternoon",
              "night", "tonight"}

RED_FLAGS = ("chest_pain", "fainting", "dizziness", "palpitations", "shortness_of_breath")

# Field kinds, for parse_answer and for typing corrections.
NUMERIC_FIELDS: dict[str, type] = {
    "age": int, "height_cm": float, "weight_kg": float, "resting_hr": int, "bp_systolic": int,
    "bp_diastolic": int, "body_fat_pct": float, "sleep_hours": float, "days_per_week": int,
    "minutes_per_session": int, "target_weight_kg": float, "target_delta_kg": float, "target_weeks": int,
}
LIST_FIELDS = ("equipment", "injuries", "conditions", "symptoms")
BOOL_FIELDS = ("consent", "currently_active")
ENUMS: dict[str, tuple[str, ...]] = {
    "goal": ("fat_loss", "muscle_gain", "endurance", "general_health", "mobility"),
    "experience": ("beginner", "intermediate", "advanced"),
    "sex": ("male", "female", "other"),
}
ENUM_ANSWERS: dict[str, dict[str, str]] = {  # short answers that only make sense as a reply
    "sex": {"m": "male", "man": "male", "boy": "male", "guy": "male", "男": "male", "男性": "male",
            "f": "female", "w": "female", "woman": "female", "girl": "female", "女": "female",
            "女性": "female", "other": "other", "其他": "other", "其它": "other", "x": "other"},
    "experience": {"none": "beginner", "new": "beginner", "never": "beginner", "some": "intermediate",
                   "a lot": "advanced", "lots": "advanced", "初级": "beginner", "没有": "beginner"},
    "goal": {"fat loss": "fat_loss", "lose weight": "fat_loss", "weight loss": "fat_loss",
             "muscle": "muscle_gain", "muscle gain": "muscle_gain", "strength": "muscle_gain",
             "health": "general_health", "general health": "general_health", "健康": "general_health",
             "flexibility": "mobility", "endurance": "endurance", "running": "endurance", "减肥": "fat_loss",
             "增肌": "muscle_gain", "耐力": "endurance", "灵活性": "mobility", "柔韧性": "mobility"},
}

# Synonym tables: code -> regex alternatives. Alternatives without Chinese characters share one
# letter-boundary check (so "knee" never matches inside another word); Chinese ones are used as written.
SYMPTOMS: dict[str, list[str]] = {
    "chest_pain": [
        r"chest\s+(?:pains?|aches?|tightness|pressure|discomfort|tight)",
        r"chest\s+(?:(?!not|never|no|doesn|didn|isn|wasn|don)[a-z']+\s+){0,3}?(?:hurts?|hurting"
        r"|aches?|aching|tight|tightens|tightening|burns|squeez[a-z]*|pounds)",
        r"(?:pains?|pressure|tightness|aches?|aching|discomfort|squeezing|heaviness|tight|burning)"
        r"(?:\s+(?:feeling|sensation))?\s+(?:in|on|across|around)\s+(?:my|the)\s+chest",
        r"tight(?:ness)?\s+(?:in\s+)?(?:my\s+)?chest", r"angina",
        r"胸(?:口|部|前)?(?:有时候?|偶尔|经常|总是|老是|时常|一直|会|突然|还|也)*(?:有点|有些|很|特别|非常|发)?"
        r"(?:疼|痛|闷|发紧|紧|不舒服|压迫|刺痛|憋)",
        r"心口(?:疼|痛|闷)", r"心绞痛",
    ],
    "fainting": [
        r"faint(?:ed|ing|s)?", r"(?:pass|passed|passing|passes)\s+out", r"black(?:ed|ing)?\s*out",
        r"blackouts?", r"los[et](?:ing)?\s+consciousness", r"syncope", r"collapsed",
        r"keel(?:ed)?\s+over",
        r"晕倒", r"昏倒", r"昏厥", r"晕厥", r"晕过去", r"昏过去", r"失去意识", r"不省人事", r"休克",
    ],
    "dizziness": [
        r"dizz(?:y|iness|ier)", r"light[- ]?headed(?:ness)?", r"vertigo", r"woozy",
        r"(?:head|room)\s+(?:is\s+|was\s+)?spinning",
        r"头晕", r"头昏", r"晕眩", r"眩晕", r"头重脚轻", r"天旋地转", r"眼前发黑", r"发晕", r"犯晕",
    ],
    "shortness_of_breath": [
        r"short(?:ness)?\s+of\s+breath", r"out\s+of\s+breath", r"breathless(?:ness)?",
        r"(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|struggl[a-z]*\s+to|hard\s+to|"
        r"difficult\s+to|unable\s+to)\s+(?:catch\s+my\s+breath|breathe|get\s+(?:enough\s+)?air|"
        r"get\s+my\s+breath)",
        r"(?:difficulty|trouble|problems?|struggling)\s+breathing", r"gasp[a-z]*\s+for\s+(?:air|breath)",
        r"winded", r"wheez[a-z]*",
        r"喘不上气", r"喘不过气", r"呼吸困难", r"气短", r"气喘", r"上不来气", r"透不过气",
        r"呼吸急促", r"气急", r"喘不动", r"憋气",
    ],
    "palpitations": [
        r"palpitations?",
        r"heart\s+(?:is\s+|was\s+|keeps\s+|starts\s+|started\s+|sometimes\s+|often\s+)?(?:racing|races|"
        r"raced|pounding|pounds|pounded|fluttering|flutters|fluttered|skipping|skips|skipped|"
        r"flip-?flops|jumping|irregular)",
        r"racing\s+heart(?:beat)?", r"irregular\s+heart\s*beats?", r"skipped\s+(?:heart\s*)?beats?",
        r"heart\s*(?:beat)?\s+(?:is\s+|was\s+)?(?:beating\s+)?(?:really\s+|very\s+|so\s+|too\s+)?"
        r"(?:fast|quickly|irregularly)",
        r"心慌", r"心悸", r"心里发慌", r"心律不齐", r"心跳漏拍", r"心乱跳",
        r"心跳(?:得)?(?:有时候?|偶尔|经常|总是|老是|时常|会|突然|还|也)*(?:很|特别|非常|好|太|有点|过|突然)?"
        r"(?:快|乱|不齐|不规律|加速|紊乱)",
    ],
    "ankle_swelling": [
        r"(?:swollen|swelling|puffy)\s+(?:(?:in|of)\s+(?:my|the)\s+)?(?:ankles?|feet|legs?|lower\s+legs)",
        r"(?:ankles?|feet|legs)\s+(?:are\s+|get\s+|gets\s+|keep\s+|often\s+|sometimes\s+)?"
        r"(?:swell|swells|swelling|swollen|puffy)",
        r"o?edema",
        r"(?:脚踝|踝|脚|腿|下肢|小腿)(?:部)?(?:会|经常|有点|有些)?(?:肿|水肿|浮肿)",
    ],
    "leg_pain_walking": [
        r"(?:legs?|calf|calves|thighs?)\s+(?:[a-z']+\s+){0,3}?(?:pain|pains|hurt|hurts|ache|aches|"
        r"aching|cramp|cramps|cramping)\s+(?:[a-z']+\s+){0,3}?walk[a-z]*",
        r"(?:pain|cramps?|cramping|aches?)\s+in\s+(?:my\s+)?(?:legs?|calf|calves)\s+"
        r"(?:[a-z']+\s+){0,3}?walk[a-z]*",
        r"walk[a-z]*[^.;!?]{0,20}?(?:legs?|calf|calves)\s+(?:[a-z']+\s+){0,2}?(?:hurt|hurts|ache|"
        r"aches|cramp[a-z]*|pain)",
        r"claudication",
        r"走(?:路|一会儿?|几步|久了|远了|一段)?(?:的)?(?:时候|时)?(?:就|会)?(?:腿|小腿|大腿)"
        r"(?:就|会|有点|很)?(?:疼|痛|酸痛|抽筋|发酸)",
        r"(?:腿|小腿)(?:在)?走路(?:的)?(?:时候|时)?(?:会|就)?(?:疼|痛)",
    ],
}
CONDITIONS: dict[str, list[str]] = {
    "_skip": [r"pre-?diabet[a-z]*", r"gestational\s+diabet[a-z]*", r"heartburn", r"糖尿病前期",
              r"rheumatoid\s+arthritis"],
    "hypertension": [
        r"hypertensi(?:on|ve)", r"high\s+blood\s+pressure", r"high\s+bp", r"hbp",
        r"elevated\s+blood\s+pressure",
        r"blood\s+pressure\s+(?:is\s+|runs\s+|tends\s+to\s+be\s+|has\s+been\s+|a\s+bit\s+)?"
        r"(?:high|elevated|too\s+high)",
        r"高血压", r"血压(?:有点|有些|比较|偏|很)?高",
    ],
    "type1_diabetes": [r"type\s*-?\s*(?:1|one|i)\s+diabet[a-z]*", r"t1dm?", r"juvenile\s+diabetes",
                       r"1型糖尿病", r"i型糖尿病"],
    "type2_diabetes": [r"type\s*-?\s*(?:2|two|ii)\s+diabet[a-z]*", r"t2dm?", r"diabet(?:es|ic)",
                       r"2型糖尿病", r"ii型糖尿病", r"糖尿病"],
    "heart_disease": [
        r"heart\s+(?:disease|condition|problems?|issues?|failure|attacks?|trouble|surgery|murmur|"
        r"valve\s+\w+)",
        r"coronary(?:\s+(?:artery|heart)\s+disease)?", r"cad", r"cardiac\s+(?:disease|condition|"
        r"arrest|problems?|issues?)", r"cardiovascular\s+disease", r"stents?", r"bypass\s+surgery",
        r"a-?fib", r"atrial\s+fibrillation", r"arrhythmias?", r"cardiomyopathy",
        r"心脏病", r"冠心病", r"心梗", r"心肌梗[死塞]", r"心衰", r"心力衰竭", r"心脏不好",
        r"心脏有问题", r"心脏问题", r"心脏支架", r"支架", r"房颤", r"心律失常", r"心脏手术", r"搭桥",
    ],
    "asthma": [r"asthma[a-z]*", r"asthmatic", r"哮喘"],
    "pregnancy": [r"pregnan[a-z]*", r"expecting\s+(?:a\s+)?(?:baby|twins)",
                  r"怀孕", r"孕期", r"孕妇", r"怀了宝宝", r"有身孕", r"孕早期", r"孕中期", r"孕晚期"],
    "osteoporosis": [r"osteopor[a-z]*", r"osteopenia", r"brittle\s+bones", r"骨质疏松", r"骨密度低"],
    "osteoarthritis": [r"osteo-?arthritis", r"arthritis", r"arthritic", r"degenerative\s+joints?",
                       r"骨关节炎", r"关节炎", r"关节退化", r"骨质增生"],
    "kidney_disease": [
        r"kidney\s+(?:disease|failure|problems?|issues?|condition)", r"ckd",
        r"renal\s+(?:disease|failure|insufficiency)", r"dialysis",
        r"肾病", r"肾脏病", r"肾功能不全", r"肾衰(?:竭)?", r"肾不好", r"慢性肾", r"透析",
    ],
}
INJURIES: dict[str, list[str]] = {
    "knee": [r"knees?", r"kneecaps?", r"patell[a-z]*", r"acl", r"mcl", r"pcl", r"menisc(?:us|i)",
             r"膝盖", r"膝关节", r"膝", r"半月板", r"十字韧带", r"髌骨"],
    "lower_back": [
        r"lower\s+back", r"low\s+back", r"lumbar",
        r"(?:my|bad|sore|the|a|weak|stiff|injured|hurt|dodgy|painful)\s+back(?!\s+(?:in|to|into|"
        r"home|then|on|up|off|when|of|and\s+forth))",
        r"(?<!upper\s)(?<!mid\s)(?<!middle\s)back\s+(?:pain|injury|injuries|problems?|issues?|surgery|"
        r"spasms?|hurts?|aches?|trouble)",
        r"backache", r"sciatica", r"(?:herniated|slipped|bulging|ruptured)\s+discs?",
        r"disc\s+(?:herniation|problems?|issues?)",
        r"腰(?!围|带|包|果|部以上)", r"腰椎", r"下背", r"坐骨神经",
    ],
    "shoulder": [r"shoulders?", r"rotator\s+cuff", r"labrum", r"ac\s+joint",
                 r"肩膀", r"肩关节", r"肩周", r"肩袖", r"肩(?!负)"],
    "wrist": [r"wrists?", r"carpal\s+tunnel", r"手腕", r"腕关节", r"腕"],
    "ankle": [r"ankles?", r"achilles", r"脚踝", r"踝关节", r"踝", r"崴(?:了)?脚", r"跟腱"],
    "hip": [r"hips?(?:\s+flexors?)?", r"髋关节", r"髋部", r"髋", r"胯"],
    "neck": [r"neck", r"cervical", r"whiplash", r"脖子", r"颈椎", r"颈部", r"颈"],
    "elbow": [r"elbows?", r"tennis\s+elbow", r"golfer'?s\s+elbow",
              r"手肘", r"肘关节", r"肘部", r"肘", r"网球肘", r"高尔夫球肘"],
}
EQUIPMENT: dict[str, list[str]] = {
    "dumbbells": [r"dumb-?\s?bells?", r"adjustable\s+weights", r"free\s+weights", r"hand\s+weights",
                  r"(?:some|a\s+few|pair\s+of|set\s+of|couple\s+of)\s+weights", r"哑铃"],
    "kettlebell": [r"kettle\s*-?\s*bells?", r"壶铃"],
    "barbell": [r"bar-?bells?", r"olympic\s+bar", r"ez[- ]?(?:curl\s+)?bar", r"trap\s+bar",
                r"squat\s+rack", r"power\s+rack", r"weight\s+plates", r"杠铃", r"深蹲架", r"卧推架"],
    "bands": [r"(?:resistance|exercise|elastic|loop|mini|rubber|pull-?up|workout)\s+bands?",
              r"therabands?", r"bands", r"弹力带", r"阻力带", r"拉力带", r"弹力绳", r"拉力绳", r"弹力圈"],
    "pullup_bar": [r"(?:pull|chin)[- ]?ups?\s+bar", r"door(?:way|frame)?\s+bar",
                   r"(?:pull|chin)[- ]?up\s+station", r"单杠", r"引体向上杆", r"引体杆", r"引体向上架"],
    "bench": [r"(?:weight|workout|flat|adjustable|incline|training|exercise|gym)\s+bench",
              r"(?<!i\s)(?<!can\s)(?<!to\s)bench(?!\s*(?:press|pressing|\d))",
              r"卧推凳", r"训练凳", r"健身凳", r"哑铃凳", r"长凳"],
    "machines": [r"(?:weight|cable|gym|strength)\s+machines?", r"machines", r"cables",
                 r"smith\s+machine", r"leg\s+press(?:\s+machine)?", r"lat\s+pull-?downs?",
                 r"龙门架", r"史密斯机?", r"腿举机", r"固定器械", r"拉力器"],
    "gym": [r"gyms?", r"fitness\s+(?:center|centre|club|studio)", r"health\s+club",
            r"leisure\s+cent(?:er|re)", r"健身房", r"健身中心", r"健身馆", r"健身俱乐部"],
    "bike": [r"(?:stationary|exercise|spin|indoor|road|mountain|static)\s+bikes?", r"bikes?",
             r"bicycles?", r"peloton", r"turbo\s+trainer", r"动感单车", r"健身车", r"自行车",
             r"室内单车", r"单车"],
    "treadmill": [r"treadmills?", r"跑步机"],
    "pool": [r"(?:swimming\s+)?pools?", r"游泳池", r"泳池", r"游泳馆"],
}
GENERAL_TERMS: dict[str, list[str]] = {  # mention of the field as a whole ("no injuries")
    "injuries": [r"injur(?:y|ies|ed)", r"hurt\s+myself", r"伤病", r"伤痛", r"受伤", r"受过伤",
                 r"伤(?!心|感|脑筋|害|口)"],
    "conditions": [r"(?:medical|health|chronic|pre-?existing|underlying|heart|cardiac)\s+"
                   r"(?:conditions?|problems?|issues?)", r"conditions?", r"illness(?:es)?",
                   r"diseases?", r"diagnos(?:is|ed|es)",
                   r"慢性病", r"基础病", r"基础疾病", r"疾病", r"病史", r"健康问题", r"病(?!了)"],
    "symptoms": [r"symptoms?", r"症状", r"不适"],
    "equipment": [r"equipment", r"gear", r"weights", r"健身器材", r"健身器械", r"器械", r"器材",
                  r"设备"],
}
EMPTY_PHRASES: dict[str, list[str]] = {  # phrases that mean "none" for a list field
    "equipment": [r"body\s*-?\s*weight\s+only", r"(?:only|just)\s+(?:my\s+)?(?:own\s+)?body\s*-?\s*weight",
                  r"nothing\s+at\s+home", r"(?:i\s+)?have\s+nothing", r"nothing\s+but\s+my\s+body",
                  r"徒手", r"自重", r"空手"],
    "injuries": [r"injury[- ]free"],
    "conditions": [],
    "symptoms": [],
}
INJURY_SELF_CUE = re.compile(r"acl|mcl|pcl|menisc|tennis|golfer|rotator|sciatica|herniat|slipped|"
                             r"bulging|ruptured|disc|whiplash|carpal|achilles|半月板|韧带|崴|跟腱", re.A)
INJURY_CUES = re.compile(
    r"(?<![a-z])(?:injur[a-z]*|hurts?|hurting|pain[a-z]*|sore[a-z]*|bad(?!\s+for)|weak|dodgy|problem[a-z]*|"
    r"killing\s+me|kills\s+me|"
    r"issues?|surger(?:y|ies)|operat[a-z]+|torn|tear|sprain[a-z]*|strain[a-z]*|broke|broken|"
    r"fractur[a-z]*|replace[a-z]*|reconstruct[a-z]*|arthriti[a-z]*|tendin[a-z]*|bursitis|"
    r"dislocat[a-z]*|niggl[a-z]*|acts?\s+up|aches?|aching|stiff[a-z]*|trouble|twisted|rolled|"
    r"tweaked|pulled|damage[a-z]*|rehab|recovering|impingement|inflam[a-z]*|weakness|unstable|"
    r"clicks?|clicky|gives?\s+out)(?![a-z])"
    r"|伤|疼|痛|酸|不好|问题|手术|扭|劳损|突出|炎|不舒服|毛病|损|撕裂|骨折|崴|不行|康复|不适", re.A)
GOALS: dict[str, list[str]] = {
    "fat_loss": [
        r"(?:lose|losing|drop|dropping|shed|shedding|cut|cutting|burn|burning|reduce|reducing)\s+"
        r"(?:some\s+|a\s+bit\s+of\s+|the\s+|my\s+|excess\s+|extra\s+|belly\s+)?(?:weight|fat|pounds|kilos|"
        r"body\s*fat|belly)",
        r"(?:lose|losing|drop|reduce|cut)\s+(?:\d+(?:\.\d+)?\s*%\s*(?:of\s+)?)?(?:my\s+)?body\s*-?\s*fat",
        r"weight\s*-?\s*loss", r"fat\s*-?\s*loss", r"fat\s+burning", r"slim(?:ming)?\s+down",
        r"get\s+(?:lean|leaner|slimmer|thinner|skinnier)", r"lean\s+out", r"get\s+(?:back\s+)?down\s+to",
        r"tone\s+up", r"toned",
        r"(?:go\s+on\s+a|a)\s+cut", r"fat_loss", r"lose\s+(?:a\s+)?(?:few|some)",
        r"减肥", r"减脂", r"瘦身", r"减重", r"瘦下来", r"变瘦", r"刷脂", r"燃脂", r"掉秤", r"减掉", r"瘦(?=\d)",
        r"减(?=\d)", r"想瘦", r"要瘦", r"瘦一点", r"瘦点",
    ],
    "muscle_gain": [
        r"(?:build|building|gain|gaining|put\s+on|putting\s+on|add|adding|grow|growing|more)\s+"
        r"(?:some\s+|lean\s+|more\s+)?(?:muscle|muscles|mass|size)",
        r"muscle\s*-?\s*(?:gain|building|growth)", r"bulk(?:ing)?(?:\s+up)?", r"hypertrophy",
        r"get\s+(?:stronger|strong|bigger|jacked|ripped|buff|swole|muscular)",
        r"(?:build|gain|increase|improve|more)\s+(?:my\s+)?strength", r"strength\s+goals?",
        r"muscle_gain", r"gain\s+weight", r"put\s+on\s+weight",
        r"增肌", r"长肌肉", r"练肌肉", r"增重", r"变壮", r"变强壮", r"增加力量", r"提高力量", r"练大",
        r"增加肌肉", r"长肉",
    ],
    "endurance": [
        r"(?:run|running|finish|complete|do|train\s+for|training\s+for|prepare\s+for|sign\s+up\s+for|race)\s+"
        r"(?:a|an|my|the|my\s+first|a\s+first|first)?\s*(?:half[- ]?marathon|marathon|triathlon|"
        r"ultra(?:marathon)?|race|sprint\s+triathlon|ironman|century\s+ride)",
        r"(?:(?:to|wanna|goal\s+is\s+to)\s+(?:run|finish|complete|do)|train(?:ing)?\s+for|prepare\s+for|"
        r"sign\s+up\s+for)\s+(?:a|an|my|my\s+first|first)?\s*(?:\d+\s*k|\d+\s*km|\d+\s*miles?)",
        r"(?:half[- ]?)?marathons?", r"triathlons?", r"ultramarathons?", r"ironman",
        r"endurance", r"stamina", r"(?:improve|better|build)\s+(?:my\s+)?(?:cardio|aerobic\s+\w+|"
        r"fitness\s+for\s+running|running)", r"cardio\s+fitness", r"vo2\s*max",
        r"run\s+(?:faster|further|farther|longer)",
        r"马拉松", r"半马", r"全马", r"耐力", r"体能", r"心肺", r"铁人三项", r"跑完(?=\d|全程|半程)", r"跑进(?=\d)",
    ],
    "general_health": [
        r"(?:stay|be|get|become|feel)\s+(?:more\s+)?(?:healthy|healthier|fit|fitter)",
        r"general\s+(?:health|fitness)", r"overall\s+(?:health|fitness)", r"(?:improve|better)\s+"
        r"(?:my\s+)?(?:health|fitness|wellbeing|well-being)", r"for\s+(?:my\s+)?health",
        r"get\s+(?:back\s+)?in(?:to)?\s+shape", r"keep\s+fit", r"stay\s+active", r"longevity",
        r"more\s+energy", r"feel\s+better", r"general_health", r"healthier",
        r"保持健康", r"为了健康", r"更健康", r"健康为主", r"改善健康", r"强身健体",
        r"增强体质", r"提高体质", r"锻炼身体", r"保持身材", r"健康一点", r"变健康",
    ],
    "mobility": [
        r"mobility", r"flexib(?:le|ility)", r"stretch\s+more", r"more\s+stretching", r"range\s+of\s+motion",
        r"(?:less|reduce)\s+stiff(?:ness)?", r"posture", r"move\s+better", r"limber",
        r"柔韧", r"灵活性", r"拉伸", r"活动度", r"体态", r"柔软度",
    ],
}
EXPERIENCE: dict[str, list[str]] = {
    "beginner": [
        r"beginners?", r"newbie", r"novice", r"noob",
        r"new\s+to\s+(?:this|exercise|exercising|training|working\s+out|the\s+gym|gyms|fitness|"
        r"lifting|weights|running|sports?|strength\s+training|it)",
        r"never\s+(?:really\s+)?(?:worked\s+out|exercised|trained|lifted|been\s+to\s+(?:a|the)\s+gym|"
        r"done\s+(?:any\s+)?(?:exercise|sports?|training|strength\s+training))",
        r"just\s+(?:starting|started|getting\s+started)", r"starting\s+(?:out|from\s+(?:scratch|zero))",
        r"no\s+(?:prior\s+|previous\s+|real\s+)?experience", r"zero\s+experience", r"first\s+time",
        r"新手", r"小白", r"初学者", r"零基础", r"没有?(?:什么)?(?:运动|健身|锻炼|训练)?基础", r"刚开始", r"刚入门", r"菜鸟",
        r"从来没(?:有)?(?:练|运动|锻炼|健身)过", r"没(?:有)?(?:怎么)?(?:练|运动|锻炼|健身)过",
        r"没有?经验",
    ],
    "intermediate": [
        r"intermediate", r"some\s+experience", r"a\s+(?:bit|little)\s+of\s+experience",
        r"(?:moderately|fairly|somewhat)\s+experienced", r"decent\s+experience", r"on\s+and\s+off",
        r"中级", r"有(?:一定|一些|点)(?:的)?(?:基础|经验)", r"有基础", r"练过一段时间", r"中等水平",
    ],
    "advanced": [
        r"advanced", r"(?:very|quite|pretty|really|highly)\s+experienced",
        r"(?:i'?m|i\s+am|am)\s+(?:an?\s+)?experienced", r"experienced\s+(?:lifter|runner|athlete|"
        r"trainee|gym-?goer|cyclist|swimmer)", r"seasoned", r"compet(?:e|ed|itive|ing)\s+(?:in\s+)?\w+",
        r"(?:former|professional|pro|elite)\s+athlete", r"powerlifter", r"bodybuilder",
        r"高级", r"资深", r"老手", r"练了很多年", r"多年(?:的)?(?:健身|训练)?经验", r"专业运动员",
    ],
}
ACTIVE: dict[str, list[str]] = {
    "no": [
        r"sedentary", r"inactive", r"couch\s+potato",
        r"not\s+(?:very\s+|really\s+|currently\s+|that\s+|at\s+all\s+|too\s+)?active",
        r"(?:don'?t|do\s+not|never|rarely|hardly(?:\s+ever)?|barely)\s+(?:really\s+|ever\s+)?"
        r"(?:exercise|work\s*out|train|move|do\s+(?:any\s+|much\s+)?(?:exercise|sports?|workouts?))",
        r"(?:haven'?t|have\s+not|hasn'?t)\s+(?:really\s+)?(?:exercised|worked\s+out|trained|"
        r"been\s+active|done\s+(?:any\s+)?(?:exercise|sports?)|been\s+to\s+(?:the|a)\s+gym)",
        r"no\s+(?:regular\s+)?exercise", r"zero\s+exercise",
        r"not\s+(?:currently\s+)?(?:exercising|working\s+out|training)",
        r"stopped\s+(?:exercising|working\s+out|training|going\s+to\s+the\s+gym|running)",
        r"不(?:怎么|太|常|爱)?(?:运动|锻炼|健身)", r"很少(?:运动|锻炼|健身)", r"(?:几乎|基本)不(?:运动|锻炼)",
        r"从不(?:运动|锻炼)", r"没有?(?:运动|锻炼)(?:的)?习惯",
        r"(?:好久|很久|好几年|几年|多年|一直)没(?:有)?(?:运动|锻炼|练|健身)", r"久坐",
        r"(?:现在|目前|平时)(?:没有?|不)(?:在)?(?:运动|锻炼|练|健身)",
    ],
    "yes": [
        r"(?:i'?m|i\s+am)\s+(?:fairly\s+|pretty\s+|quite\s+|very\s+|already\s+|currently\s+|"
        r"moderately\s+|reasonably\s+|somewhat\s+)?active",
        r"currently\s+(?:active|training|exercising|working\s+out|lifting|running|going\s+to\s+the\s+gym)",
        r"i\s+(?:currently\s+|already\s+|regularly\s+|usually\s+|still\s+|normally\s+)?(?:exercise|"
        r"work\s*out|train|run|jog|swim|cycle|lift|play\s+[a-z]+|go\s+to\s+the\s+gym|"
        r"do\s+(?:yoga|pilates|crossfit|cardio))"
        r"\s+(?:regularly|often|a\s+lot|every|daily|most\s+days|\d|once|twice|three|four|five|six|"
        r"a\s+few|several|on\s+weekends)",
        r"i\s+(?:regularly|already|currently|still)\s+(?:exercise|work\s*out|train|run|jog|swim|"
        r"cycle|lift|go\s+to\s+the\s+gym)",
        r"exercise\s+regularly", r"active\s+lifestyle",
        r"(?:平时|现在|目前|一直|经常|坚持)(?:都|也|还)?(?:有|会|在)?(?:运动|锻炼|健身|跑步|练|训练|"
        r"打球|游泳)",
        r"有(?:运动|锻炼|健身)(?:的)?习惯", r"一直在(?:练|运动|锻炼|健身|跑)",
    ],
}
SEX: dict[str, list[str]] = {
    "other": [r"non-?\s?binary", r"enby", r"genderqueer", r"gender\s*fluid", r"agender",
              r"非二元", r"其他性别"],
    "female": [r"trans\s*woman", r"(?:i'?m|i\s+am)\s+(?:an?\s+)?(?:\d+\s*(?:-?\s*(?:years?|yrs?|y/?o)"
               r"(?:[- ]old)?)?\s*)?(?:woman|girl|lady|gal|female|mom|mum|mother)",
               r"female", r"(?:sex|gender)\s*(?::|is|=)?\s*(?:f|w)(?![a-z])", r"as\s+a\s+woman",
               r"性别\s*(?:是|为|:)?\s*女", r"我(?:是)?(?:一[个名位])?女(?!朋友|友|孩子|儿|人)", r"女性", r"女生",
               r"(?:^|(?<=[\s,;.]))女(?:的|士)?(?=$|[\s,;.!]|\d)", r"岁(?:的)?女(?!儿|朋友|孩)"],
    "male": [r"trans\s*man", r"(?:i'?m|i\s+am)\s+(?:an?\s+)?(?:\d+\s*(?:-?\s*(?:years?|yrs?|y/?o)"
             r"(?:[- ]old)?)?\s*)?(?:man|guy|dude|boy|male|gentleman|dad|father)",
             r"male", r"(?:sex|gender)\s*(?::|is|=)?\s*m(?![a-z])", r"as\s+a\s+man",
             r"性别\s*(?:是|为|:)?\s*男", r"我(?:是)?(?:一[个名位])?男(?!朋友|友|孩子|儿|人)", r"男性", r"男生",
             r"(?:^|(?<=[\s,;.]))男(?:的|士)?(?=$|[\s,;.!]|\d)", r"岁(?:的)?男(?!朋友|孩)"],
}
ACTIVITIES: dict[str, list[str]] = {
    "running": [r"run(?:ning|s)?", r"jog(?:ging|s)?", r"跑步", r"慢跑", r"夜跑", r"晨跑", r"长跑"],
    "cycling": [r"cycling", r"biking", r"bike\s+rides?", r"riding\s+(?:a\s+|my\s+)?bikes?",
                r"spin(?:ning)?(?:\s+class(?:es)?)?", r"骑车", r"骑行", r"骑自行车", r"单车"],
    "swimming": [r"swim(?:ming|s)?", r"游泳"],
    "walking": [r"walk(?:ing|s)?", r"走路", r"散步", r"快走", r"健走"],
    "hiking": [r"hik(?:ing|es?)", r"trekking", r"徒步", r"爬山"],
    "yoga": [r"yoga", r"瑜伽", r"瑜珈"],
    "pilates": [r"pilates", r"普拉提"],
    "dancing": [r"danc(?:ing|e|es)", r"zumba", r"跳舞", r"舞蹈", r"广场舞", r"尊巴"],
    "weightlifting": [r"weight\s*-?\s*lifting", r"lifting(?:\s+weights)?", r"strength\s+training",
                      r"weight\s+training", r"resistance\s+training", r"撸铁", r"举铁", r"力量训练", r"举重"],
    "hiit": [r"hiit", r"interval\s+training", r"circuits?", r"burpees", r"间歇训练"],
    "boxing": [r"(?:kick)?boxing", r"拳击"],
    "rowing": [r"rowing", r"划船"],
    "climbing": [r"climbing", r"bouldering", r"攀岩"],
    "tennis": [r"tennis", r"网球"],
    "basketball": [r"basketball", r"篮球"],
    "football": [r"football", r"soccer", r"足球"],
    "badminton": [r"badminton", r"羽毛球"],
    "table_tennis": [r"table\s+tennis", r"ping\s*-?\s*pong", r"乒乓球"],
    "jump_rope": [r"jump(?:ing)?\s+rope", r"skipping(?:\s+rope)?", r"跳绳"],
    "tai_chi": [r"tai\s*-?\s*chi", r"太极(?:拳)?"],
}
SENTIMENT: dict[str, list[str]] = {  # dislike first so "don't like" wins over "like"
    "dislike": [
        r"hate[sd]?", r"dislikes?", r"loathe", r"detest", r"despise", r"can'?t\s+stand",
        r"cannot\s+stand", r"can'?t\s+bear", r"not\s+(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of",
        r"not\s+(?:really\s+)?into", r"no\s+fan\s+of",
        r"(?:do\s+not|don'?t|doesn'?t|never|really\s+don'?t)\s+(?:really\s+|much\s+|particularly\s+|"
        r"like\s+to\s+)?(?:like|enjoy|love)", r"avoid", r"(?:bored|sick|tired)\s+(?:of|by|with)",
        r"不(?:太|怎么|是很|大|喜欢)?喜欢", r"讨厌", r"不爱", r"受不了", r"不想", r"怕", r"烦",
    ],
    "like": [
        r"(?:i|we)\s+(?:really\s+|also\s+|do\s+|kinda\s+|kind\s+of\s+|quite\s+|absolutely\s+|"
        r"definitely\s+|actually\s+|just\s+|still\s+|especially\s+){0,3}(?:like|love|enjoy|prefer|adore)",
        r"loves?", r"enjoys?", r"prefers?", r"adores?", r"(?:i'?m|i\s+am|really|big)\s+into",
        r"fan\s+of", r"fond\s+of", r"keen\s+on", r"likes\s*:", r"fav(?:ou)?rites?(?:\s+\w+)?\s+(?:is|are)",
        r"喜欢", r"热爱", r"享受", r"偏爱", r"偏好", r"钟爱", r"爱好是", r"最爱",
        r"(?<=[我很最超也还挺都])爱(?!人)",
    ],
}
TIMEZONES: list[tuple[str, str]] = [  # (pattern on lower-cased text, IANA zone)
    (r"shanghai|beijing|china|shenzhen|guangzhou|hangzhou|chengdu|北京时间|东八区|北京|上海|中国|"
     r"深圳|广州|杭州|成都|南京|武汉|西安|重庆|天津|苏州", "Asia/Shanghai"),
    (r"hong\s*kong|香港", "Asia/Hong_Kong"), (r"taipei|taiwan|台北|台湾", "Asia/Taipei"),
    (r"london|england|britain|united\s+kingdom|伦敦|英国", "Europe/London"),
    (r"new\s+york|nyc|boston|eastern\s+time|纽约", "America/New_York"),
    (r"los\s+angeles|san\s+francisco|seattle|pacific\s+time|洛杉矶|旧金山", "America/Los_Angeles"),
    (r"chicago|central\s+time|芝加哥", "America/Chicago"),
    (r"berlin|germany|munich|柏林|德国", "Europe/Berlin"), (r"paris|france|巴黎|法国", "Europe/Paris"),
    (r"tokyo|japan|东京|日本", "Asia/Tokyo"), (r"singapore|新加坡", "Asia/Singapore"),
    (r"sydney|悉尼", "Australia/Sydney"), (r"melbourne|墨尔本", "Australia/Melbourne"),
    (r"seoul|korea|首尔|韩国", "Asia/Seoul"), (r"toronto|多伦多", "America/Toronto"),
    (r"mumbai|delhi|bangalore|india|印度", "Asia/Kolkata"), (r"moscow|莫斯科", "Europe/Moscow"),
    (r"dubai|迪拜", "Asia/Dubai"),
]
TZ_ABBREVIATIONS: dict[str, str] = {  # matched case-sensitively on the original text
    "EST": "America/New_York", "EDT": "America/New_York", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "LA": "America/Los_Angeles", "NYC": "America/New_York",
    "UK": "Europe/London", "BST": "Europe/London", "JST": "Asia/Tokyo", "SGT": "Asia/Singapore",
    "CET": "Europe/Berlin", "AEST": "Australia/Sydney",
}
YES_WORDS = {"yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "of course", "absolutely",
             "agree", "i agree", "true", "correct", "definitely", "certainly", "please do", "go ahead",
             "是", "是的", "好", "好的", "同意", "我同意", "可以", "行", "对", "嗯", "没问题", "确定", "有"}
NO_WORDS = {"no", "n", "nope", "nah", "no thanks", "no thank you", "don't", "dont", "disagree",
            "i disagree", "false", "not really", "never", "否", "不", "不是", "没有", "没", "不同意",
            "不要", "不行", "不用", "不可以", "无", "不对"}
NONE_ANSWER = re.compile(
    r"^\s*(?:none(?:\s+of\s+(?:these|those|them|the\s+above))?|no(?:ne)?(?:\s+at\s+all)?|nope|nah|"
    r"nothing|n/?a|nil|zero|not\s+really|没有|没|无|都没有|都没|不|没有的|一个都没有|什么都没有|"
    r"no\s+(?:injuries|injury|symptoms|conditions|equipment))\s*[.!。！]*\s*$", re.A)
FAMILY = re.compile(
    r"(?<![a-z])(?:my|our)\s+(?:wife|husband|partner|girlfriend|boyfriend|son|daughter|kids?|child|"
    r"children|mom|mum|mother|dad|father|parents?|brother|sister|friends?|grandma|grandmother|"
    r"grandpa|grandfather|family|uncle|aunt|dog|cat)(?![a-z])|family\s+history"
    r"|老婆|老公|妻子|丈夫|爱人|儿子|女儿|孩子|妈妈|爸爸|父亲|母亲|父母|家人|家里人|家族|哥哥|姐姐|"
    r"弟弟|妹妹|朋友|奶奶|爷爷|外婆|外公|我妈|我爸", re.A)
FIRST_PERSON = re.compile(r"(?<![a-z])(?:i|i'm|i've|i'd|me|my|mine|myself)(?![a-z])"
                          r"|我(?![爸妈老家父母哥姐弟妹儿女朋])", re.A)
DESIRE = re.compile(r"(?<![a-z])(?:want|wanna|would\s+like|'d\s+like|hope|plan|planning|goal|"
                    r"aim|trying|try|going\s+to|gonna|will)(?![a-z])|想|希望|打算|计划|准备|目标", re.A)

# =============================================================================================
# Regex building blocks
# =============================================================================================

F = re.A  # every pattern here is compiled ASCII-mode: \b, \w, \d only see ASCII
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
WORD_NUM = rf"(?<![a-z])(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|zero)(?![a-z])"
NUM = rf"(?:(?<![\d.])\d+(?:\.\d+)?(?![\d])|{WORD_NUM})"
DNUM = r"(?<![\d.])\d+(?:\.\d+)?(?![\d])"  # digits only


_WUNIT_ALT = "|".join(re.escape(u) for u in sorted(WEIGHT_UNITS, key=len, reverse=True))
WUNIT = rf"(?:{_WUNIT_ALT})(?![a-z])"
CMUNIT = "(?:" + "|".join(CM_UNITS) + r")(?![a-z])"
MUNIT = "(?:" + "|".join(M_UNITS) + r")(?![a-z\d])"
DURUNIT = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)(?![a-z])"
APPROX = (r"(?:about|around|approximately|approx\.?|roughly|maybe|like|~|nearly|almost|over|under|some|"
          r"another|an\s+extra|at\s+least|up\s+to|just|only|at\s+most|大概|大约|约|差不多|左右)")
FILLER = (r"(?:\s*(?:is|was|are|am|'s|of|at|about|around|approximately|approx\.?|roughly|currently|"
          r"now|right\s+now|usually|normally|typically|generally|maybe|probably|like|just|only|exactly|"
          r"almost|nearly|reading|reads|measured|at\s+rest|in\s+the\s+morning|when\s+resting|~|:|=|-|"
          r"是|大概|大约|约|差不多|在|为|有|现在|目前|"
          r"只有|才|一般|平时|通常|大致|都)){0,4}\s*")
# a bare number must not carry another unit (it would belong to another field)
OTHER_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|/|:\d|x(?![a-z])|times?(?![a-z])|days?(?![a-z])|weeks?(?![a-z])|wks?(?![a-z])|"
    r"months?(?![a-z])|years?(?![a-z])|yrs?(?![a-z])|y/?o(?![a-z])|hours?(?![a-z])|hrs?(?![a-z])|"
    r"h(?![a-z])|min|sec|sessions?|reps?(?![a-z])|sets?(?![a-z])|km|k(?![a-z])|mi(?![a-z])|miles?|"
    r"steps?|cal|kcal|bpm|mm|cm|m(?![a-z])|meters?|metres?|ft|feet|foot|in(?:ch|ches)?(?![a-z])|'|\"|"
    r"kg|kilo|lbs?|pounds?|st(?![a-z])|stone|次|天|周|星期|个|月|年|岁|小时|分|公里|千米|米|组|步|卡|斤|"
    r"公斤|千克|厘米|公分|点|号|日|\.\d)", F)
CORRECTION = re.compile(
    rf"(?:(?<![a-z])(?:actually|sorry|i\s+meant|i\s+mean|meant|make\s+that|correction|no\s+wait|"
    rf"wait|oops|rather|typo)(?![a-z])|不对|应该是|其实是|我是说|更正|说错了|打错了|"
    rf"(?P<now>(?<![a-z])(?:now|currently|these\s+days|today)(?![a-z])|现在|目前))[\s,:;.!-]*"
    rf"(?:(?:it'?s|i'?m|i\s+am|is|was|是|我是|实际是)\s*)?(?:{APPROX}\s*)?(?P<n>{DNUM})", F)
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
POST_NEG_BODY = re.compile(
    r"\s*(?:(?:is|are|was|were|has|have|does|do|'s)?\s*(?:n't|not|never|no\s+longer)(?![a-z])|"
    r"(?:doesn'?t|don'?t|isn'?t|aren'?t|wasn'?t|hasn'?t|haven'?t|never)(?![a-z])|"
    r"(?:is|are|'s|feels?|has\s+been|have\s+been)\s+(?:fine|ok|okay|good|great|healthy|healed|"
    r"all\s+good|100%)|(?:也|都|倒|现在|已经|目前)?(?:没有|没|不|无)(?:什么)?(?:问题|事|毛病|伤|疼|痛|"
    r"酸|受过伤)|(?:已经)?(?:好了|康复了|痊愈了|没事了))", F)
SENTENCE_SPLIT = re.compile(
    r"(?<![0-9])\.(?![0-9])|[;!?\n。；！？…]|(?<![a-z])(?:but|however|although|though|except|"
    r"whereas)(?![a-z])|但是|但|可是|不过|然而|除了", F)
SEGMENT_SPLIT = re.compile(SENTENCE_SPLIT.pattern + r"|[,，、:()]|(?<![a-z])(?:and|plus|also|while)"
                           r"(?![a-z])|和|还有|而且|并且|另外|同时", F)


def _alt(p: str) -> str:
    """Wrap an English alternative in letter boundaries; leave Chinese ones as they are."""
    return p if _CJK.search(p) else rf"(?<![a-z])(?:{p})(?![a-z])"


_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[a-z]")


@dataclass(frozen=True)
class _Table:
    """A synonym table compiled to one regex per script; `codes` maps group names to codes."""

    en: re.Pattern[str] | None
    zh: re.Pattern[str] | None
    codes: dict[str, str]


def _table_rx(table: dict[str, list[str]]) -> _Table:
    """Compile code -> alternatives into an English regex (one shared word boundary) and a Chinese one."""
    codes: dict[str, str] = {}
    en_parts: list[str] = []
    zh_parts: list[str] = []
    for i, (code, pats) in enumerate(table.items()):
        for script, parts, chosen in (("e", en_parts, [p for p in pats if not _CJK.search(p)]),
                                      ("z", zh_parts, [p for p in pats if _CJK.search(p)])):
            if chosen:
                codes[f"{script}{i}"] = code
                parts.append(f"(?P<{script}{i}>" + "|".join(chosen) + ")")
    en = re.compile(r"(?<![a-z])(?:" + "|".join(en_parts) + r")(?![a-z])", F) if en_parts else None
    zh = re.compile("|".join(zh_parts), F) if zh_parts else None
    return _Table(en, zh, codes)


SYMPTOM_RX = _table_rx(SYMPTOMS)
CONDITION_RX = _table_rx(CONDITIONS)
INJURY_RX = _table_rx(INJURIES)
EQUIPMENT_RX = _table_rx(EQUIPMENT)
GENERAL_RX = _table_rx(GENERAL_TERMS)
EMPTY_RX = _table_rx(EMPTY_PHRASES)
GOAL_RX = _table_rx(GOALS)
EXPERIENCE_RX = _table_rx(EXPERIENCE)
ACTIVE_RX = _table_rx(ACTIVE)
SEX_RX = _table_rx(SEX)
ACTIVITY_RX = _table_rx(ACTIVITIES)
SENTIMENT_RX = _table_rx(SENTIMENT)
TIMEZONE_RXS = [(re.compile(_alt(p), F), tz) for p, tz in TIMEZONES]
TZ_ABBR_RX = re.compile(r"(?<![A-Za-z])(" + "|".join(TZ_ABBREVIATIONS) + r")(?![A-Za-z])")
IANA_RX = re.compile(r"(?<![A-Za-z/])((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|"
                     r"Indian|Pacific|Etc)/[A-Za-z_+-]+(?:/[A-Za-z_]+)?)", re.I | re.A)
UTC_OFFSET_RX = re.compile(r"(?<![a-z])(?:utc|gmt)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?00)?(?![\d:])"
                           r"|(?<![a-z])(?:utc|gmt)(?![a-z+-])|东(?P<cn>\d{1,2})区", F)

# =============================================================================================
# Normalisation
# =============================================================================================

_PUNCT_MAP = str.maketrans({"’": "'", "‘": "'", "′": "'", "´": "'", "`": "'", "”": '"', "“": '"',
                            "″": '"', "–": "-", "—": "-", "−": "-", "〜": "~", "～": "~", "×": "x",
                            "﹐": ",", "､": "、", "｡": "。"})
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_CN_WEEKDAY_LIST = re.compile(r"(?:每)?(?:周|星期|礼拜)([一二三四五六日天])"
                              r"((?:(?:、|,|和|及|跟)?(?:周|星期|礼拜)?[一二三四五六日天])++)(?![次天回个])")
_CN_WEEKDAY_RANGE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])\s*(?:到|至|-|~)\s*"
                               r"(?:周|星期|礼拜)?([一二三四五六日天])")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_EN_HALVES = [
    (re.compile(rf"(?<![a-z])(?P<n>{NUM}|an?)\s+and\s+a\s+half\s+(?P<u>hours?|months?|years?|weeks?)", re.I | F),
     lambda m: f"{(_num(m['n']) or 0 if m['n'].lower() not in ('a', 'an') else 1) + 0.5:g} {m['u']}"),
    (re.compile(r"(?<![a-z])(?:an?|one)\s+(?P<u>hour|year|month|week|day)\s+and\s+a\s+half(?![a-z])", re.I | F),
     lambda m: f"1.5 {m['u']}s"),
    (re.compile(r"(?<![a-z])half\s+(?:an?\s+)?(?P<u>hour|year|month|week)(?![a-z])", re.I | F),
     lambda m: f"0.5 {m['u']}"),
    (re.compile(r"(?<![a-z])an?\s+(?P<u>hour|month|year)(?![a-z])", re.I | F), lambda m: f"1 {m['u']}"),
    (re.compile(r"(?<![a-z])a\s+fortnight(?![a-z])", re.I | F), lambda m: "2 weeks"),
    (re.compile(r"(?<![a-z])a\s+couple\s+(?:of\s+)?(?P<u>days|weeks|months|years|hours|times)(?![a-z])",
                re.I | F), lambda m: f"2 {m['u']}"),
]
_CN_FIXES = [
    (re.compile(r"(?<![\d.])(\d+)\s*个半\s*(小时|钟头|月)"), r"\1.5个\2"),
    (re.compile(r"半\s*个?\s*(小时|钟头|月)(?!板)"), r"0.5个\1"),
    (re.compile(r"(?<![\d.])半年"), "0.5年"),
    (re.compile(r"(?<![\d.])(\d+)\s*年半"), r"\1.5年"),
    (re.compile(r"(?<![\d.])(\d+)\s*斤半"), r"\1.5斤"),
    (re.compile(r"百分之\s*(\d+(?:\.\d+)?)"), r"\1%"),
    (re.compile(r"(?<![\d.])(\d+)点(\d+)(?=\s*(?:米|公斤|千克|斤|个?小时|磅|%))"), r"\1.\2"),
]


def _cn_int(run: str) -> int | None:
    """Value of a Chinese numeral written with 十/百/千/万 (一百五 is 150, 两万三 is 23000)."""
    total = section = 0
    num: int | None = None
    last_unit = 0
    after_zero = False
    for ch in run:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                after_zero, num = True, None
                continue
            if num is not None:
                return None
            num = d
        elif ch in CN_UNITS:
            section += (1 if num is None else num) * CN_UNITS[ch]
            num, last_unit, after_zero = None, CN_UNITS[ch], False
        else:  # 万
            total += (section + (num or 0)) * 10000
            section, num, last_unit, after_zero = 0, None, 10000, False
    if num is not None:
        section += num * (last_unit // 10) if last_unit >= 100 and not after_zero else num
    return total + section


def _cn_value(run: str, after_mi: bool) -> str | None:
    """Arabic form of a Chinese numeral run; "三四" (3 or 4) becomes the range "3-4"."""
    if any(ch in CN_UNITS or ch == "万" for ch in run):
        value = _cn_int(run)
        return None if value is None or value > 10**9 else str(value)
    digits = [CN_DIGITS[ch] for ch in run]
    if len(digits) == 1:
        return str(digits[0])
    if after_mi or len(digits) >= 3 or 0 in digits:
        return "".join(map(str, digits[:12]))
    a, b = digits
    return f"{a}-{b}" if b == a + 1 or (a, b) == (1, 2) else f"{a}{b}"


def _convert_cn_numerals(s: str) -> str:
    """Replace Chinese numeral runs with Arabic digits, leaving words like 一般 and 千克 alone."""
    if not _CN_RUN.search(s):
        return s
    out: list[str] = []
    last = 0
    for m in _CN_RUN.finditer(s):
        a, b = m.span()
        run = m.group()
        if run.endswith("千") and s[b:b + 1] in ("克", "米", "卡", "瓦", "焦"):
            run, b = run[:-1], b - 1
        if not run or run[0] in "百千万":
            continue
        prev, nxt = s[a - 1:a], s[b:b + 1]
        if run == "一" and (nxt in CN_ONE_KEEP_NEXT or prev in CN_ONE_KEEP_PREV):
            continue
        value = _cn_value(run, after_mi=prev == "米")
        if value is None:
            continue
        out += [s[last:a], value]
        last = b
    out.append(s[last:])
    return "".join(out)


def _weekday_marker(count: int) -> str:
    """A private-use character standing for "trains on `count` named weekdays"."""
    return chr(0xE100 + max(1, min(count, 7)))


def _mark_cn_weekdays(s: str) -> str:
    """Turn "周一三五" / "周一到周五" into day-count markers before numerals are converted."""
    def ranged(m: re.Match[str]) -> str:
        """"周一到周五" -> marker for 5 days."""
        a, b = CN_WEEKDAYS[m[1]], CN_WEEKDAYS[m[2]]
        return _weekday_marker(b - a + 1) if b > a else m.group()

    def listed(m: re.Match[str]) -> str:
        """"周一三五" -> marker for 3 days."""
        days = {CN_WEEKDAYS[m[1]]} | {CN_WEEKDAYS[c] for c in m[2] if c in CN_WEEKDAYS}
        return _weekday_marker(len(days)) if len(days) >= 2 else m.group()

    if "周" not in s and "星期" not in s and "礼拜" not in s:
        return s
    return _CN_WEEKDAY_LIST.sub(listed, _CN_WEEKDAY_RANGE.sub(ranged, s))


def _lower_keep_length(s: str) -> str:
    """Lower-case without changing the string's length (so positions stay aligned)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def normalize(text: str) -> tuple[str, str]:
    """Return (cased, lower-cased) normalised text of equal length: NFKC, ASCII quotes, Arabic numerals."""
    s = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    s = _NEWLINES.sub("\n", _SPACES.sub(" ", s)).strip()
    s = _mark_cn_weekdays(s)
    s = _convert_cn_numerals(s)
    for rx, rep in _CN_FIXES:
        s = rx.sub(rep, s)
    for rx, fn in _EN_HALVES:
        s = rx.sub(fn, s)
    return s, _lower_keep_length(s)


# =============================================================================================
# Numbers and small converters
# =============================================================================================

_RX_WORD_SPLIT = re.compile(r"[-\s]+")


def _num(s: str | None) -> float | None:
    """Parse digits or English number words ("thirty-four"); None when not a finite number."""
    if not s:
        return None
    s = s.strip().lower()
    try:
        value = float(s)
    except ValueError:
        parts = [p for p in _RX_WORD_SPLIT.split(s) if p]
        if not parts or any(p not in WORD_NUMBERS for p in parts):
            return None
        value = float(sum(WORD_NUMBERS[p] for p in parts))
    return value if math.isfinite(value) else None


def _round_half_up(x: float) -> int:
    """Conventional rounding (2.5 -> 3), unlike Python's banker's round."""
    return int(math.floor(x + 0.5))


def _weeks_between(today: date, target: date) -> int:
    """Whole weeks from today to a target date, rounded."""
    return _round_half_up((target - today).days / 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """date() that returns None instead of raising on impossible dates."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _month_deadline(today: date, month: int, day: int | None, edge: str | None, year: int | None) -> date | None:
    """The next date matching "by March", "by the end of March", "by 15 March 2027"."""
    if not 1 <= month <= 12:
        return None
    years = [year] if year else [today.year, today.year + 1]
    for y in years:
        if edge in ("end", "底", "末"):
            first_next = _safe_date(y + (month == 12), month % 12 + 1, 1)
            target = first_next - timedelta(days=1) if first_next else None
        elif edge in ("mid", "middle", "中旬"):
            target = _safe_date(y, month, 15)
        else:
            target = _safe_date(y, month, day or 1)
        if target and (year or target > today):
            return target
    return None


def _fmt_time(hour: int, minute: int) -> str | None:
    """"HH:MM" for a valid clock time, else None."""
    if 0 <= hour <= 24 and 0 <= minute < 60:
        return f"{hour % 24:02d}:{minute:02d}"
    return None


def _ampm(hour: int, minute: int, period: str) -> str | None:
    """Clock time from a 12-hour reading and its period word (am/pm/下午/早上 ...)."""
    period = period.replace(".", "").strip()
    if period in ("am", "a") or period in ("凌晨", "清晨", "早上", "早晨", "上午", "一早", "明早", "morning"):
        if hour > 12:
            return _fmt_time(hour, minute) if period not in ("am", "a") else None
        return _fmt_time(0 if hour == 12 else hour, minute)
    if period in ("pm", "p") or period in PM_PERIODS:
        if hour > 12:
            return _fmt_time(hour, minute) if period not in ("pm", "p") else None
        return _fmt_time(hour if hour == 12 else hour + 12, minute)
    if period == "中午":
        return _fmt_time(hour + 12 if hour < 11 else hour, minute)
    return _fmt_time(hour, minute)


# =============================================================================================
# Parsing context
# =============================================================================================

@dataclass
class _Ctx:
    """Normalised text plus what has been found and which characters are already used."""

    raw: str
    text: str
    today: date
    answer: bool = False  # parse_answer context: the question tells what the text is about
    claimed: bytearray = field(default_factory=bytearray)
    scalars: dict[str, tuple[int, Any, bool]] = field(default_factory=dict)
    unit_log: list[tuple[int, str, float]] = field(default_factory=list)  # (pos, field, factor)
    past_log: list[tuple[int, str, float]] = field(default_factory=list)  # earlier values ("I was 90 kg")
    _sent: tuple[list[int], list[tuple[int, int]]] | None = None
    _seg: tuple[list[int], list[tuple[int, int]]] | None = None
    _weight_units: list[tuple[int, float]] | None = None
    has_cjk: bool = False
    has_latin: bool = False

    @classmethod
    def build(cls, text: str, today: date, answer: bool = False) -> "_Ctx":
        """Normalise `text` and start an empty context."""
        raw, low = normalize(text)
        return cls(raw=raw, text=low, today=today, answer=answer, claimed=bytearray(len(low)),
                   has_cjk=bool(_CJK.search(low)), has_latin=bool(_LATIN.search(low)))

    def free(self, a: int, b: int) -> bool:
        """True when no character in [a, b) is claimed yet."""
        return not any(self.claimed[a:b])

    def claim(self, a: int, b: int) -> None:
        """Mark [a, b) as used by a finding."""
        self.claimed[a:b] = b"\x01" * (b - a)

    def put(self, name: str, value: Any, pos: int, weak: bool = False, personal: bool = True,
            factor: float | None = None) -> None:
        """Record a scalar finding; later mentions win, weak ones never replace strong ones.

        `factor` (canonical units per unit the user wrote) lets a later bare correction reuse the unit.
        """
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return
        if personal and self.third_party(pos):
            return
        if factor is not None:
            self.unit_log.append((pos, name, factor))
        old = self.scalars.get(name)
        if old is not None and ((weak and not old[2]) or (weak == old[2] and pos < old[0])):
            return
        self.scalars[name] = (pos, value, weak)

    def _bounds(self, rx: re.Pattern[str]) -> tuple[list[int], list[tuple[int, int]]]:
        """Start positions and spans of every separator `rx` finds."""
        seps = [m.span() for m in rx.finditer(self.text)]
        return [s for s, _ in seps], seps

    def _unit(self, bounds: tuple[list[int], list[tuple[int, int]]], pos: int) -> tuple[int, int]:
        """The stretch between the separators around pos."""
        starts, seps = bounds
        i = bisect.bisect_right(starts, pos) - 1
        lo = seps[i][1] if i >= 0 else 0
        hi = seps[i + 1][0] if i + 1 < len(seps) else len(self.text)
        return min(lo, pos), max(hi, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence (split at .!?; and at "but"/"但是") around pos."""
        if self._sent is None:
            self._sent = self._bounds(SENTENCE_SPLIT)
        return self._unit(self._sent, pos)

    def segment(self, pos: int) -> tuple[int, int]:
        """Span of the clause (sentence further split at commas and "and") around pos."""
        if self._seg is None:
            self._seg = self._bounds(SEGMENT_SPLIT)
        return self._unit(self._seg, pos)

    def third_party(self, pos: int) -> bool:
        """True when the clause before pos is about someone else ("my dad has ...")."""
        lo, _ = self.sentence(pos)
        prefix = self.text[max(lo, pos - 60):pos]
        last = None
        for last in FAMILY.finditer(prefix):
            pass
        return last is not None and not FIRST_PERSON.search(prefix, last.end())

    def _weight_marks(self) -> list[tuple[int, float]]:
        """(position, kg per unit) of every weight unit written in the message, found once."""
        if self._weight_units is None:
            self._weight_units = [(m.start(), WEIGHT_UNITS[m.group(1)])
                                  for m in _RX_ANY_WEIGHT_UNIT.finditer(self.text)]
        return self._weight_units

    def weight_factor(self, pos: int) -> float:
        """kg per unit of the weight unit the user wrote nearest before pos (else the first one, else kg)."""
        marks = self._weight_marks()
        before = [f for p, f in marks if p < pos]
        return before[-1] if before else marks[0][1] if marks else 1.0

    def bare_weight_factor(self, pos: int) -> float | None:
        """Like weight_factor, but None when an imperial height leaves "weigh 180" ambiguous."""
        if not self._weight_marks() and _RX_IMPERIAL_HEIGHT.search(self.text):
            return None  # pounds or kilograms? better a follow-up question than a wrong guess
        return self.weight_factor(pos)


_RX_IMPERIAL_HEIGHT = re.compile(r"\d\s*(?:'|ft(?![a-z])|feet|foot)|inches", F)
_RX_ANY_WEIGHT_UNIT = re.compile(rf"(?<=[\d\s多来])({_WUNIT_ALT})(?![a-z])", F)


def _groups(ctx: _Ctx, m: re.Match[str], *names: str) -> bool:
    """True when all named groups that matched lie on unclaimed text."""
    for name in names:
        if m.group(name) is not None and not ctx.free(*m.span(name)):
            return False
    return True


# =============================================================================================
# Scalar extractors (run in order; earlier ones claim text so later ones skip it)
# =============================================================================================

_RX_AMPM = re.compile(r"(?<![\d.:])(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])", F)
_RX_CLOCK = re.compile(r"(?<![\d.:/])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])", F)
_RX_NOT_REMINDER = re.compile(r"(?<![a-z])(?:after|before|until|till|from|between|to|and|by|than)\s*$|"
                              r"(?:之前|以前|之后|以后|到)\s*$", F)
_RX_ROUTINE_BEFORE = re.compile(r"(?<![a-z])(?:wake|wakes|woke|get\s+up|gets\s+up|go\s+to\s+bed|bed|sleep|"
                                r"work|start|finish|finishes|leave|home|eat|dinner|lunch|breakfast)(?![a-z])"
                                r"(?:\s+(?:up|work|at|around|by|about|from))*\s*$", F)
_RX_ROUTINE_AFTER = re.compile(r"\s*(?:左右|前后)?\s*(?:就|才|会|要)?\s*(?:睡|起|醒|下班|上班|吃|到家|回家|出门)")
_RX_CLOCK_NOT = re.compile(r"\s*(?:/\s*(?:km|mi)|min(?:utes)?\s*(?:/|per)|pace|per\s+(?:km|mile))", F)
_RX_CLOCK_NOT_BEFORE = re.compile(r"(?<![a-z])(?:in|under|sub|pb|pr|time|finish(?:ed)?|pace|ran|of)\s*$", F)
_RX_AT_PERIOD = re.compile(r"(?:(?<![a-z])at\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?|"
                           r"(?<![\d.:])(?P<h2>\d{1,2})[:.](?P<m2>\d{2}))\s+(?:o'?clock\s+)?(?:in\s+the\s+)?"
                           r"(?P<p>morning|evening|afternoon|night|tonight)(?![a-z])", F)
_RX_NOON = re.compile(r"(?<![a-z])at\s+(?P<w>noon|midday|midnight|lunchtime)(?![a-z])", F)
_RX_REMIND_AT = re.compile(r"(?<![a-z])(?:remind\w*|notif\w*|ping|message|text)(?![a-z])[^.!?\n]{0,40}?"
                           r"(?<![a-z])at\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?(?![\d:.])(?:\s*o'?clock)?", F)
_RX_CN_TIME = re.compile(r"(?P<p>凌晨|清晨|早上|早晨|上午|一早|明早|中午|下午|傍晚|晚上|夜里|夜晚|晚间|今晚)?"
                         r"\s*(?P<h>\d{1,2})\s*(?:点|時|时)(?:\s*(?:(?P<q>[13])\s*刻|(?P<m>\d{1,2})\s*分?|"
                         r"(?P<half>半)|钟|整))?")
_RX_REMIND_CONTEXT = re.compile(r"提醒|通知|叫我|推送|发消息|打卡|remind|notif|ping\s+me", F)
_RX_BY_MONTH = re.compile(
    r"(?<![a-z])(?:by|before|until|till|til|in\s+time\s+for|no\s+later\s+than)\s+(?:the\s+)?"
    r"(?:(?P<edge>end|beginning|start|middle|mid)\s*-?\s*(?:of\s+)?)?(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"\s+(?:of\s+)?)?(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d:]))?(?:,?\s+(?P<y>\d{4}))?", F)
_RX_BY_ISO = re.compile(r"(?<![a-z])(?:by|before|until|till|on|deadline|target\s+date)\s*:?\s*"
                        r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)", F)
_RX_BY_SEASON = re.compile(r"(?<![a-z])(?:by|before|until|till)\s+(?:the\s+)?(?:next\s+)?(?P<w>"
                           + "|".join(sorted((k for k in SEASON_DATES if k.isascii()), key=len, reverse=True))
                           + r")(?![a-z])", F)
_RX_CN_BY_MONTH = re.compile(r"(?P<next>明年)?\s*(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月(?:份)?\s*"
                             r"(?:(?P<d>\d{1,2})\s*[日号])?\s*(?P<edge>底|末|初|中旬)?\s*(?:之前|以前|前|为止)")
_RX_CN_BY_SEASON = re.compile(r"(?P<w>年底|年末|夏天|夏季)(?:之前|以前|前)")


def _routine_time(t: str, m: re.Match[str]) -> bool:
    """True for clock times that are not reminder requests: "free after 6pm", "I wake up at 6am"."""
    return bool(_RX_NOT_REMINDER.search(t, max(0, m.start() - 12), m.start())
                or _RX_ROUTINE_BEFORE.search(t, max(0, m.start() - 20), m.start())
                or _RX_ROUTINE_AFTER.match(t, m.end()))


def _dates_and_times(ctx: _Ctx) -> None:
    """Reminder clock times and deadlines ("by March" -> target_weeks)."""
    t = ctx.text
    for m in _RX_AMPM.finditer(t):
        ctx.claim(*m.span())
        if not _routine_time(t, m):
            ctx.put("reminder_time", _ampm(int(m["h"]), int(m["m"] or 0), m["ap"][0]), m.start(), personal=False)
    for m in _RX_AT_PERIOD.finditer(t):
        h, mins = (m["h"], m["m"]) if m["h"] else (m["h2"], m["m2"])
        if ctx.free(*m.span()):
            ctx.claim(*m.span())
            ctx.put("reminder_time", _ampm(int(h), int(mins or 0), m["p"]), m.start(), personal=False)
    for m in _RX_CLOCK.finditer(t):
        if not ctx.free(*m.span()) or _RX_CLOCK_NOT.match(t, m.end()) or \
                _RX_CLOCK_NOT_BEFORE.search(t, max(0, m.start() - 12), m.start()):
            continue  # a pace ("5:30 /km") or a race time ("in 1:45")
        ctx.claim(*m.span())
        if not _routine_time(t, m):
            ctx.put("reminder_time", _fmt_time(int(m["h"]), int(m["m"])), m.start(), personal=False)
    for m in _RX_NOON.finditer(t):
        ctx.put("reminder_time", "00:00" if m["w"] == "midnight" else "12:00", m.start(), personal=False)
    for m in _RX_REMIND_AT.finditer(t):
        if _groups(ctx, m, "h"):
            ctx.claim(*m.span("h"))
            ctx.put("reminder_time", _fmt_time(int(m["h"]), int(m["m"] or 0)), m.start(), personal=False)
    remind = ctx.answer or bool(_RX_REMIND_CONTEXT.search(t))
    for m in _RX_CN_TIME.finditer(t):
        if not (m["p"] or remind) or not _groups(ctx, m, "h", "m"):
            continue
        ctx.claim(*m.span())
        if _RX_ROUTINE_AFTER.match(t, m.end()) and not remind:
            continue  # "晚上十点睡觉" is a bedtime
        minute = 30 if m["half"] else int(m["q"]) * 15 if m["q"] else int(m["m"] or 0)
        ctx.put("reminder_time", _ampm(int(m["h"]), minute, m["p"] or ""), m.start(), personal=False)
    _deadlines(ctx)


def _deadlines(ctx: _Ctx) -> None:
    """"by March", "by 2027-03-01", "by summer", "3月前", "年底前" -> target_weeks."""
    t, today = ctx.text, ctx.today
    for m in _RX_BY_MONTH.finditer(t):
        day = m["d1"] or m["d2"]
        target = _month_deadline(today, MONTHS[m["mon"]], int(day) if day else None, m["edge"],
                                 int(m["y"]) if m["y"] else None)
        if target:
            ctx.claim(*m.span())
            ctx.put("target_weeks", _weeks_between(today, target), m.start(), personal=False)
    for m in _RX_BY_ISO.finditer(t):
        target = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        ctx.claim(*m.span())
        if target:
            ctx.put("target_weeks", _weeks_between(today, target), m.start(), personal=False)
    for rx in (_RX_BY_SEASON, _RX_CN_BY_SEASON):
        for m in rx.finditer(t):
            month, day = SEASON_DATES[m["w"]]
            target = _month_deadline(today, month, day, None, None)
            if target and (rx is _RX_BY_SEASON or ctx.free(*m.span())):
                ctx.claim(*m.span())
                ctx.put("target_weeks", _weeks_between(today, target), m.start(), personal=False)
    for m in _RX_CN_BY_MONTH.finditer(t):
        if not _groups(ctx, m, "m"):
            continue
        year = int(m["y"]) if m["y"] else (today.year + 1 if m["next"] else None)
        target = _month_deadline(today, int(m["m"]), int(m["d"]) if m["d"] else None, m["edge"], year)
        if target:
            ctx.claim(*m.span())
            ctx.put("target_weeks", _weeks_between(today, target), m.start(), personal=False)


_RX_BP_KW = re.compile(rf"(?:(?<![a-z])(?:bp|b\.p\.|blood\s*pressure|pressure)(?![a-z])|血压){FILLER}"
                       r"(?P<s>\d{2,3})\s*(?:/|over|\\|-|:)\s*(?P<d>\d{2,3})(?![\d])(?:\s*mm\s*hg)?", F)
_RX_BP_FREE = re.compile(r"(?<![\d/.:$])(?P<s>\d{2,3})\s*(?:/|over)\s*(?P<d>\d{2,3})(?![\d/.])"
                         r"(?P<mm>\s*mm\s*hg)?(?!\s*(?:dollars|usd|eur|euros|rmb|yuan|pounds|元|块|%))", F)
_RX_BP_CN = re.compile(r"(?:高压|收缩压|上压)\s*(?:是|为|:|有)?\s*(?P<s>\d{2,3})[^\d]{0,8}?"
                       r"(?:低压|舒张压|下压)\s*(?:是|为|:|有)?\s*(?P<d>\d{2,3})")
_RX_BP_CN_REV = re.compile(r"(?:低压|舒张压|下压)\s*(?:是|为|:|有)?\s*(?P<d>\d{2,3})[^\d]{0,8}?"
                           r"(?:高压|收缩压|上压)\s*(?:是|为|:|有)?\s*(?P<s>\d{2,3})")


def _blood_pressure(ctx: _Ctx) -> None:
    """"BP 135/85", "142 over 91", "高压135低压85"."""
    for rx in (_RX_BP_KW, _RX_BP_CN, _RX_BP_CN_REV, _RX_BP_FREE):
        for m in rx.finditer(ctx.text):
            if not _groups(ctx, m, "s", "d"):
                continue
            s, d = int(m["s"]), int(m["d"])
            if rx is _RX_BP_FREE and not m["mm"] and not (s >= 70 and d >= 40 and s > d):
                continue  # "12/25" is a date, not a reading
            ctx.claim(*m.span())
            ctx.put("bp_systolic", s, m.start())
            ctx.put("bp_diastolic", d, m.start())


_DISCARDS = [re.compile(p, F) for p in (
    # past changes and earlier weights are history, not the current state or a goal
    rf"(?<![a-z])(?:lost|gained|dropped|(?<!to\s)(?<!wanna\s)(?:shed|put\s+on))\s+(?:{APPROX}\s+)?{NUM}\s*"
    rf"(?:{WUNIT})?",
    rf"(?:减了|瘦了|胖了|长了|掉了|增了|重了|涨了)\s*{DNUM}\s*(?:多|来)?\s*(?:{WUNIT})?",
    # lifts and equipment loads are not body weight
    rf"(?<![a-z])(?:bench|benches|benched|squat|squats|squatted|deadlift|deadlifts|deadlifted|press|"
    rf"presses|pressed|curl|curls|row|rows|lift|lifts|lifted|carry|carries|snatch|clean|ohp|pull)\s+"
    rf"(?:{APPROX}\s+)?{NUM}\s*(?:x\s*\d+\s*)?{WUNIT}",
    rf"(?:卧推|深蹲|硬拉|推举|举|拉)\s*(?:了)?\s*{DNUM}\s*{WUNIT}",
    rf"{DNUM}\s*(?:x|-)\s*{DNUM}\s*{WUNIT}",
    rf"{NUM}\s*{WUNIT}\s*(?:-\s*)?(?:dumb-?bells?|kettle\s*-?bells?|bar-?bells?|bars?|plates?|weights?|"
    rf"db|kb|vest|bag|sandbag|backpack|哑铃|壶铃|杠铃|杠铃片)",
    rf"(?:哑铃|壶铃|杠铃)\s*(?:是|有)?\s*{DNUM}\s*{WUNIT}",
    rf"{NUM}\s*{WUNIT}\s+(?:over\s*weight|too\s+heavy|too\s+much|(?:heavier|lighter|more|less)\s+than|over|"
    rf"under(?:weight)?)(?![a-z])",
    rf"(?:胖了|超重|重了|多了)\s*{DNUM}\s*{WUNIT}|{DNUM}\s*{WUNIT}\s*(?:超重|的赘肉)",
    # race results, weekly totals, BMI, step counts
    rf"(?:5k|10k|marathon|half[- ]marathon|mile|(?<![\d.])\d+\s*km)\s+(?:in|under|below|sub|within)"
    rf"(?:\s+(?:under|less\s+than|about|around))?\s+{NUM}\s*"
    rf"(?:minutes|mins?|hours?|h)?",
    rf"{NUM}\s*(?:minutes|mins?|min|hours?|hrs?|h)\s*(?:a|per|each|every|/)\s*week(?![a-z])",
    rf"{NUM}\s*(?:minutes|mins?|min|hours?|hrs?)\s+(?:of\s+\w+\s+)?weekly",
    r"(?:每周|一周|1周)\s*(?:总共|一共|累计)?\s*(?<![\d.])\d+(?:\.\d+)?\s*(?:个)?(?:小时|分钟)",
    rf"(?<![a-z])bmi\s*(?:is|of|:)?\s*{NUM}", rf"{NUM}\s*k?\s*steps", r"(?<![\d.])\d+\s*步",
)]


_PAST_WEIGHTS = [re.compile(p, F) for p in (
    rf"(?<![a-z])(?:used\s+to\s+(?:weigh|be)|i\s+was(?:\s+once)?|at\s+my\s+heaviest(?:\s+i\s+was)?)\s+"
    rf"(?:{APPROX}\s+)?(?P<n>{NUM})\s*(?P<u>{WUNIT})",
    rf"(?:以前|之前|曾经|原来|过去|最重的时候)\s*(?:体重)?\s*(?:是|有)?\s*(?P<n>{DNUM})\s*(?:多|来)?\s*(?P<u>{WUNIT})",
)]


def _discard(ctx: _Ctx) -> None:
    """Claim numbers that must not become profile values (past weights, lifts, weekly totals)."""
    for rx in _DISCARDS:
        for m in rx.finditer(ctx.text):
            if ctx.free(*m.span()):
                ctx.claim(*m.span())
    for rx in _PAST_WEIGHTS:  # remembered so that "..., now 82" knows its unit
        for m in rx.finditer(ctx.text):
            if ctx.free(*m.span()):
                ctx.claim(*m.span())
                ctx.past_log.append((m.start(), "weight_kg", WEIGHT_UNITS[m["u"]]))


_RX_EXP_DURATION = [re.compile(p, F) for p in (
    rf"(?:(?<![a-z])(?:been|have|has|had)|'ve|'d)\s+(?:been\s+)?(?:training|trained|lifting|lifted|working\s+out|"
    rf"worked\s+out|exercising|exercised|running|doing\s+(?:crossfit|yoga|pilates|weights|strength\s+training)|"
    rf"going\s+to\s+(?:the|a)\s+gym|at\s+it)(?:\s+weights)?\s+(?:for\s+|since\s+)?(?:{APPROX}\s+)?"
    rf"(?:the\s+(?:past|last)\s+)?(?P<n>{NUM}|an?)\s*\+?\s*(?P<u>years?|yrs?|months?)(?![a-z])",
    rf"(?<![a-z])(?:training|lifting|working\s+out|exercising)\s+for\s+the\s+(?:past|last)\s+"
    rf"(?P<n>{NUM}|an?)\s*(?P<u>years?|yrs?|months?)(?![a-z])",
    rf"(?P<n>{NUM}|an?)\s*\+?\s*(?P<u>years?|yrs?|months?)\s+(?:of\s+)?(?:experience|training|lifting|"
    rf"working\s+out|exercise|exercising|gym|running)(?![a-z])",
    r"(?:练|健身|锻炼|运动|跑步|撸铁|训练|举铁)(?:了|过)\s*(?:大概|差不多|有|快|将近|大约)?\s*"
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:多)?\s*(?:个)?\s*(?P<u>年|月)",
    r"(?:健身|训练|运动|锻炼|撸铁)\s*(?:已经)?(?:有)?\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:多)?\s*(?:个)?\s*(?P<u>年|月)(?:了)?",
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:多)?\s*(?P<u>年)(?:的)?(?:健身|训练|运动|锻炼)?(?:经验|经历)",
)]


def _experience_from_duration(ctx: _Ctx) -> None:
    """"been lifting for 2 years", "练了半年" -> experience (and currently active for "been ...")."""
    for rx in _RX_EXP_DURATION:
        for m in rx.finditer(ctx.text):
            if not _groups(ctx, m, "n"):
                continue
            n = 1.0 if m["n"] in ("a", "an") else _num(m["n"])
            if n is None:
                continue
            years = n if m["u"][0] in "y年" else n / 12
            level = "beginner" if years < 0.5 else "intermediate" if years < 3 else "advanced"
            ctx.claim(*m.span())
            ctx.put("experience", level, m.start(), weak=True)
            if m.group().startswith(("been", "have been", "'ve been", "has been")):
                ctx.put("currently_active", True, m.start(), weak=True)


_HOURS = r"(?:hours?|hrs?|hr|h)(?![a-z])"
_RX_SLEEP = [re.compile(p, F) for p in (
    rf"(?<![a-z])sleep(?:ing|s)?(?![a-z])(?:\s+(?:only|about|around|like|roughly|maybe|usually|for|"
    rf"normally|typically|is|~|avg|average|of)(?![a-z]))*\s*~?\s*(?P<n>{NUM})\s*(?:(?:-|to|or)\s*"
    rf"(?P<n2>{NUM})\s*)?(?:{_HOURS})?(?!\s*(?:%|kg|lb|min|days?|times))",
    rf"(?P<n>{NUM})\s*(?:(?:-|to|or)\s*(?P<n2>{NUM})\s*)?{_HOURS}\s+(?:of\s+)?(?:sleep|a\s+night|"
    rf"per\s+night|each\s+night|every\s+night|nightly|at\s+night|of\s+shut-?eye)",
    r"(?:睡|睡眠|睡觉)\s*(?:时间)?\s*(?:大概|大约|一般|通常|平均|只有|才|差不多|每天|每晚|是|有|约|能|只能|就)*"
    r"\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:(?:-|到|至)\s*(?P<n2>\d+(?:\.\d+)?))?\s*(?:个)?\s*(?:多)?\s*"
    r"(?:小时|钟头|h)?(?![\d.%公斤])",
    r"(?:每晚|每天晚上)\s*(?:睡)?\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:个)?\s*(?:小时|钟头)",
)]


def _sleep(ctx: _Ctx) -> None:
    """"sleep 7 hours", "6-7 hours a night", "每天睡7个小时" (a range gives its middle)."""
    for rx in _RX_SLEEP:
        for m in rx.finditer(ctx.text):
            if not _groups(ctx, m, "n", "n2"):
                continue
            a, b = _num(m["n"]), _num(m["n2"]) if m["n2"] else None
            if a is None:
                continue
            ctx.claim(*m.span())
            ctx.put("sleep_hours", round((a + b) / 2 if b is not None else a, 2), m.start())


_RX_MINUTES = [re.compile(p, F) for p in (
    rf"(?P<h>{NUM})\s*-?\s*{_HOURS}\s*(?:and\s+)?(?P<m>\d{{1,2}})\s*(?:minutes?|mins?|min|m)(?![a-z])",
    r"(?<![\d.])(?P<h>\d{1,2})\s*h\s*(?P<m>\d{2})(?![\d])",
    rf"(?P<m>{NUM})\s*(?:(?:-|to|or)\s*{NUM}\s*)?-?\s*(?:minutes?|mins?|min)(?![a-z])",
    rf"(?P<h>{NUM})\s*(?:(?:-|to|or)\s*{NUM}\s*)?-?\s*{_HOURS}",
    r"(?P<h>(?<![\d.])\d+(?:\.\d+)?)\s*(?:-\s*\d+(?:\.\d+)?\s*)?(?:个)?\s*(?:小时|钟头|个钟)"
    r"(?:\s*(?P<m>\d{1,2})\s*分(?:钟)?)?",
    r"(?P<m>(?<![\d.])\d+)\s*(?:-\s*\d+\s*)?(?:分钟|分鐘)",
)]
_RX_NOT_SESSION = re.compile(r"\s*(?:ago|away|later|from|drive|driving|commute|walk(?:ing)?\s+(?:from|to|away)|"
                             r"by\s+car|"
                             r"of\s+(?:sleep|commut\w*|driving|sitting|screen)|a\s+night|"
                             r"per\s+night|at\s+(?:my\s+)?desk|sitting)(?![a-z])", F)


_RX_NOT_TRAINING = re.compile(r"(?<![a-z])(?:(?:work|works|working)(?!\s*-?\s*outs?)|job|shifts?|commute|"
                              r"commuting|sit|sitting|desk|sleep|sleeping|slept|drive|driving|study|studying|"
                              r"screen|meeting|ago|nap)(?![a-z])|"
                              r"上班|工作|通勤|坐|开车|学习|睡", F)


def _session_minutes(ctx: _Ctx) -> None:
    """"45 minutes", "an hour", "1.5 hours", "1h30", "半小时" -> minutes_per_session."""
    for rx in _RX_MINUTES:
        for m in rx.finditer(ctx.text):
            names = [g for g in ("h", "m") if g in rx.groupindex]
            if not _groups(ctx, m, *names) or _RX_NOT_SESSION.match(ctx.text, m.end()):
                continue
            lo, _ = ctx.segment(m.start())
            if _RX_NOT_TRAINING.search(ctx.text, lo, m.start()):
                ctx.claim(*m.span())
                continue  # "I work 12 hours a day", "my commute is 45 minutes"
            hours = _num(m["h"]) if "h" in rx.groupindex and m["h"] else 0.0
            minutes = _num(m["m"]) if "m" in rx.groupindex and m["m"] else 0.0
            if hours is None or minutes is None:
                continue
            ctx.claim(*m.span())
            ctx.put("minutes_per_session", _round_half_up(hours * 60 + minutes), m.start(), personal=False)


_FREQ_UNIT = (r"(?:x|times?|days?|sessions?|workouts?|trainings?|training\s+(?:sessions?|days?)|classes|"
              r"runs|rides|swims|workout\s+days|gym\s+days|gym\s+sessions)")
_FREQ_FILLER = (r"(?:(?:\d+\s*-?\s*min(?:ute)?s?|\d+-[a-z]+|(?!(?:kg|kgs|kilos?|lbs?|pounds?|cm|minutes?|mins?|"
                r"hours?|in|a|per)(?![a-z]))[a-z][a-z'-]*)\s+)")
_PER_WEEK = r"(?:(?:a|per|each|every|/|in\s+a|in\s+the)\s*(?:week|wk)(?![a-z])|weekly|a-week)"
_RX_DAYS = [re.compile(p, F) for p in (
    rf"(?P<n>{NUM})\s*(?:(?:-|to|or)\s*{NUM}\s*)?{_FREQ_FILLER}{{0,3}}?{_FREQ_UNIT}(?![a-z])\s*"
    rf"(?:of\s+\w+\s+)?{_PER_WEEK}",
    rf"(?P<w>once|twice|thrice)\s*(?:{_PER_WEEK}|(?:a|per)\s+wk)",
    rf"(?<![a-z])(?:train|work\s*out|workout|exercise|lift|run|go\s+to\s+the\s+gym|free|available|do)"
    rf"\s+(?:for\s+)?(?:{APPROX}\s+)?(?P<n>{NUM})\s+days?(?!\s*(?:ago|in\s+a\s+row|straight|off|later|"
    rf"before|after|until|per\s+month|a\s+month))(?![a-z])",
    rf"(?<![a-z])days?\s*(?:per|a|/)\s*week\s*(?::|=|is|are)?\s*(?P<n>{NUM})",
    rf"(?<![a-z])(?:days|training\s+days|frequency)\s*:\s*(?P<n>{NUM})(?!\s*(?:min|h|kg|lb|%|/|:))",
    r"(?:每|(?<![\d.])1|一|每个)\s*(?:周|星期|礼拜|个星期|个礼拜)\s*(?:大概|差不多|大约|可以|能|会|打算|计划|想|准备|只能|"
    r"最多|至少|基本|一般|都)*\s*(?:练|训练|运动|锻炼|健身|去健身房|去|跑步|跑|上课|练习|游泳)?\s*(?:个)?\s*"
    r"(?P<n>(?<![\d.])\d+)\s*(?:(?:-|到|至|~)\s*\d+\s*)?(?:天|次|练|回|趟)",
    r"(?P<n>(?<![\d.])\d+)\s*(?:天|次)\s*(?:/|每)\s*(?:周|星期)",
)]
_RX_DAILY = re.compile(
    r"(?<![a-z])(?:train|training|work\s*out|working\s+out|workouts?|exercise|exercising|sessions?|"
    r"practice|move)\s+(?:every\s*day|daily|each\s+day|7\s+days)(?![a-z])|(?<![a-z])(?:every\s*day|daily)"
    r"\s+(?:workouts?|sessions?|training|exercise)(?![a-z])|(?:每天|天天)(?:都)?(?:可以|能|会|想)?"
    r"(?:练|运动|锻炼|训练|健身)", F)
_RX_WEEKEND = re.compile(r"(?<![a-z])(?:only\s+)?(?:on|at)\s+(?:the\s+)?weekends?(?![a-z])|"
                         r"(?<![a-z])weekends?\s+only(?![a-z])|(?:只有|只能|仅)?周末(?:练|运动|锻炼|有空|才)", F)
_RX_WEEKDAYS = re.compile(r"(?<![a-z])(?:on\s+)?weekdays(?![a-z])|工作日", F)
_RX_DAY_NAMES = re.compile(r"(?<![a-z])(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?![a-z])"
                           r"|(?<![a-z])(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?=\s*[/,&]\s*"
                           r"(?:mon|tue|wed|thu|fri|sat|sun))|(?<=[/,&])\s*(mon|tue|tues|wed|thu|thur|"
                           r"thurs|fri|sat|sun)(?![a-z])", F)
_DAY_INDEX = {d: i for i, d in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))}
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"
_RX_DAY_RANGE = re.compile(rf"(?<![a-z])(?:from\s+)?(?P<a>{_DAY})s?(?![a-z])\s*(?:to|through|thru|till|until|-)\s*"
                           rf"(?P<b>{_DAY})s?(?![a-z])", F)
_RX_WEEKDAY_MARK = re.compile("[\ue101-\ue107]")


def _frequency(ctx: _Ctx) -> None:
    """"4 days a week", "twice a week", "每周练4天", "周一三五" -> days_per_week."""
    t = ctx.text
    for rx in _RX_DAYS:
        for m in rx.finditer(t):
            if not _groups(ctx, m, *[g for g in ("n", "w") if g in rx.groupindex]):
                continue
            n = TIMES_WORDS[m["w"]] if "w" in rx.groupindex and m["w"] else _num(m["n"])
            if n is None:
                continue
            ctx.claim(*m.span())
            ctx.put("days_per_week", _round_half_up(n), m.start(), personal=False)
    for m in _RX_WEEKDAY_MARK.finditer(t):
        ctx.put("days_per_week", ord(m.group()) - 0xE100, m.start(), personal=False)
    for m in _RX_DAILY.finditer(t):
        ctx.put("days_per_week", 7, m.start(), personal=False)
    for m in _RX_WEEKEND.finditer(t):
        ctx.put("days_per_week", 2, m.start(), weak=True, personal=False)
    for m in _RX_WEEKDAYS.finditer(t):
        ctx.put("days_per_week", 5, m.start(), weak=True, personal=False)
    span = _RX_DAY_RANGE.search(t)
    if span:
        a, b = _DAY_INDEX[span["a"][:2]], _DAY_INDEX[span["b"][:2]]
        ctx.put("days_per_week", (b - a) % 7 + 1, span.start(), weak=True, personal=False)
    elif "remind" not in t:
        names = {(g[0] or g[1] or g[2])[:2] for g in _RX_DAY_NAMES.findall(t)}
        if len(names) >= 2:
            ctx.put("days_per_week", len(names), _RX_DAY_NAMES.search(t).start(), weak=True, personal=False)


_RX_DURATION = [re.compile(p, F) for p in (
    rf"(?<![a-z])(?:in|within|over|during|for)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:{APPROX}\s+)?"
    rf"(?P<n>{NUM}|an?|one)\s*-?\s*(?P<u>{DURUNIT})(?:'?s?\s+time)?",
    rf"(?P<n>{NUM})\s*-?\s*(?P<u>{DURUNIT})\s+(?:from\s+now|(?:plan|program|programme|challenge|goal|"
    rf"block|cycle|deadline|timeline|timeframe)(?![a-z]))",
    r"(?:在|用|花)\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:个)?\s*(?:多)?\s*(?P<u>月|星期|礼拜|周|年|天)"
    r"(?:\s*(?:内|之内|以内|里|时间|左右))?",
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:个)?\s*(?:多)?\s*(?P<u>月|星期|礼拜|周|年|天)\s*(?:内|之内|以内)",
    r"(?<![了过每])(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*个?\s*(?P<u>月|星期|礼拜|周|年)\s*(?:时间|里)?\s*(?=(?:内|就|能|要|想|"
    r"把|我)?\s*(?:减|瘦|增|达到|练到|降|长|变|甩))",
)]


_RX_HISTORY = re.compile(r"(?<![a-z])(?:been|ago|since|past|last|have|has|had)(?![a-z])|'ve", F)


def _durations(ctx: _Ctx) -> None:
    """"in 3 months", "within 10 weeks", "半年内", "三个月减5公斤" -> target_weeks."""
    t = ctx.text
    for i, rx in enumerate(_RX_DURATION):
        for m in rx.finditer(t):
            if not _groups(ctx, m, "n"):
                continue
            if i == 0 and m.group().startswith("for") and _RX_HISTORY.search(t, max(0, m.start() - 25), m.start()):
                continue  # "been training for 3 months" is history
            raw_n = m["n"]
            n = 1.0 if raw_n in ("a", "an", "one") else _num(raw_n)
            unit = m["u"].rstrip("s") if m["u"][0].isascii() else m["u"]
            per = DURATION_WEEKS.get(unit) or DURATION_WEEKS.get(m["u"])
            if n is None or per is None:
                continue
            ctx.claim(*m.span())
            ctx.put("target_weeks", _round_half_up(n * per), m.start(), personal=False)


_TARGET_NOT_AFTER = re.compile(r"\s*(?:%|percent|inch|inches|in(?![a-z])|cm|sizes?|dress|days?|weeks?|"
                               r"months?|years?|minutes?|mins?|times|reps|from|off\s+my|of\s+(?:body\s*)?fat\s*%)"
                               r"|\s*(?:个|天|周|月|年|次|厘米|公分|%|点|些)", F)
_LOSE_VERB = (r"(?<![a-z])(?:lose|losing|drop|dropping|shed|shedding|take\s+off|taking\s+off|get\s+rid\s+of|"
              r"trim|cut|burn\s+off|lose\s+(?:some\s+)?weight[,\s]+(?:about|around|like|maybe|~)?)(?![a-z])")
_GAIN_VERB = (r"(?<![a-z])(?:gain|gaining|put\s+on|putting\s+on|add|adding|pack\s+on|build|bulk\s+up\s+by|"
              r"bulk\s+by)(?![a-z])")
_ABS_BARE = (r"(?<![a-z])(?:get\s+(?:back\s+)?down\s+to|go\s+down\s+to|come\s+down\s+to|drop\s+to|"
             r"slim\s+down\s+to|lose\s+weight\s+to|"
             r"(?:goal|target|ideal|dream)\s+weight(?:\s+(?:is|of|would\s+be))?|"
             r"weight\s+(?:goal|target)(?:\s+(?:is|of))?|bulk\s+(?:up\s+)?to|gain\s+(?:weight\s+)?to|"
             r"get\s+(?:back\s+)?up\s+to)(?![a-z])")
_ABS_UNIT = (r"(?<![a-z])(?:get\s+(?:back\s+)?to|reach|hit|be\s+at|be|weigh|goal(?:\s+(?:is|of))?|"
             r"target(?:\s+(?:is|of))?|aim(?:ing)?\s+for|under|below|down\s+to|up\s+to)(?![a-z])")
_RX_TARGETS = [  # (regex, kind) kind: -1 loss, +1 gain, 0 absolute
    (re.compile(rf"{_LOSE_VERB}\s*(?:{APPROX}\s+)?(?:another\s+)?(?P<n>{NUM})\s*(?:(?:-|to)\s*{NUM}\s*)?"
                rf"(?P<u>{WUNIT})?", F), -1),
    (re.compile(rf"{_GAIN_VERB}\s*(?:{APPROX}\s+)?(?:another\s+)?(?P<n>{NUM})\s*(?:(?:-|to)\s*{NUM}\s*)?"
                rf"(?P<u>{WUNIT})?", F), 1),
    (re.compile(rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})\s+(?:lighter|less|down|to\s+(?:lose|drop|shed))(?![a-z])",
                F), -1),
    (re.compile(rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})\s+to\s+(?:gain|put\s+on)(?![a-z])", F), 1),
    (re.compile(rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})\s+(?:heavier|more|up)(?![a-z])", F), 1),
    (re.compile(rf"{_ABS_BARE}\s*(?::|=)?\s*(?:{APPROX}\s+)?(?:around\s+)?(?P<n>{NUM})\s*(?P<u>{WUNIT})?", F), 0),
    (re.compile(rf"(?:(?:to|wanna|want\s+to|'d\s+like\s+to|would\s+like\s+to|hope\s+to|goal\s+is\s+to)\s+)"
                rf"{_ABS_UNIT}\s*(?::)?\s*(?:{APPROX}\s+)?(?P<n>{NUM})\s*(?P<u>{WUNIT})", F), 0),
    (re.compile(rf"(?<![a-z])(?:goal|target|aim)\s*(?:weight)?\s*(?::|is|of|=)?\s*(?:{APPROX}\s+)?"
                rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})", F), 0),
    (re.compile(rf"(?:减到|瘦到|降到|减至|瘦至|降至|减重到|增到|增重到|增加到|长到|练到)\s*(?:{APPROX})?\s*"
                rf"(?P<n>{DNUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})?", F), 0),
    (re.compile(rf"(?:目标体重|理想体重|目标)\s*(?:是|为|:|定在|在)?\s*(?P<n>{DNUM})\s*(?:多|来|左右)?\s*"
                rf"(?P<u>{WUNIT})?(?![个天周月年次%])", F), 0),
    (re.compile(rf"(?:达到|到|变成)\s*(?P<n>{DNUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})", F), 0),
    (re.compile(rf"(?:减重|减肥|减脂|减掉|瘦掉|甩掉|刷掉|减|瘦|掉|甩|降)(?!了)\s*(?:个)?\s*(?:{APPROX})?\s*"
                rf"(?P<n>{DNUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})?", F), -1),
    (re.compile(rf"(?:增重|增肌|增加|长胖|增|长|涨)(?!了)\s*(?:{APPROX})?\s*(?P<n>{DNUM})\s*(?:多|来|左右)?\s*"
                rf"(?P<u>{WUNIT})?", F), 1),
]


_RX_LIFT_AFTER = re.compile(r"\s*(?:to|on)\s+(?:my\s+)?(?:squat|bench|deadlift|lifts?|press|total|max)", F)


def _targets(ctx: _Ctx) -> None:
    """"lose 5 kg", "gain 3 kg", "get down to 70 kg", "减重5公斤", "瘦到60kg"."""
    t = ctx.text
    for rx, kind in _RX_TARGETS:
        for m in rx.finditer(t):
            if not _groups(ctx, m, "n"):
                continue
            if (not m["u"] and _TARGET_NOT_AFTER.match(t, m.end())) or _RX_LIFT_AFTER.match(t, m.end()):
                continue
            n = _num(m["n"])
            if n is None:
                continue
            factor = WEIGHT_UNITS[m["u"]] if m["u"] else ctx.weight_factor(m.start("n"))
            kg = round(n * factor, 1)
            ctx.claim(*m.span())
            if kind == 0:
                ctx.put("target_weight_kg", kg, m.start())
            else:
                ctx.put("target_delta_kg", kind * kg, m.start())


_RX_FT_IN = re.compile(
    rf"(?<![\d.])(?P<ft>[3-8]|(?<![a-z])(?:four|five|six|seven)(?![a-z]))\s*(?:'|ft\.?|feet|foot)\s*"
    rf"(?:,?\s*(?:and\s+)?"
    rf"(?P<inch>\d{{1,2}}(?:\.\d+)?|{WORD_NUM})\s*(?:\"|''|in\.?(?![a-z])|inch(?:es)?)?)?(?!\s*\d)", F)
_RX_PLURAL_S = re.compile(r"\s*s(?![a-z])", F)
_RX_INCHES = re.compile(rf"(?:(?:height|tall)\s*(?:is|:)?\s*(?P<n>{NUM})\s*(?:inches|inch|in)(?![a-z])|"
                        rf"(?P<n2>{NUM})\s*(?:inches|inch|in)\s+tall)", F)
_RX_CM = re.compile(rf"(?P<n>{NUM})\s*(?:多|左右)?\s*{CMUNIT}", F)
_RX_M_CM = re.compile(r"(?<![\d.])(?P<m>[12])\s*(?:米|m)\s*(?P<c>\d{1,2})(?!\d)", F)
_RX_M = re.compile(rf"(?P<n>{DNUM})\s*(?:多|左右)?\s*{MUNIT}", F)
_RX_TALL = re.compile(rf"(?P<n>{DNUM})\s*(?:cm\s*)?tall(?![a-z])", F)


def _heights(ctx: _Ctx) -> None:
    """cm, m, "1米72", feet and inches -> height_cm."""
    t = ctx.text
    for m in _RX_FT_IN.finditer(t):
        if not _groups(ctx, m, "ft", "inch"):
            continue
        ft, inch = _num(m["ft"]), _num(m["inch"]) if m["inch"] else 0.0
        if ft is None or inch is None or (not m["inch"] and m.group().rstrip()[-1:] == "'" and
                                          _RX_PLURAL_S.match(t, m.end())):
            continue  # "the 5's" is not five feet
        ctx.claim(*m.span())
        ctx.put("height_cm", round((ft * 12 + inch) * IN_CM, 1), m.start(), factor=IN_CM)
    for m in _RX_INCHES.finditer(t):
        g = "n" if m["n"] else "n2"
        n = _num(m[g])
        if n is not None and _groups(ctx, m, g):
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n * IN_CM, 1), m.start())
    for m in _RX_M_CM.finditer(t):
        if _groups(ctx, m, "m", "c"):
            c = m["c"]
            ctx.claim(*m.span())
            ctx.put("height_cm", float(int(m["m"]) * 100 + (int(c) if len(c) == 2 else int(c) * 10)), m.start())
    for m in _RX_CM.finditer(t):
        n = _num(m["n"])
        if n is not None and _groups(ctx, m, "n"):
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n, 1), m.start(), factor=1.0)
    for m in _RX_M.finditer(t):
        n = _num(m["n"])
        if n is not None and n < 3 and _groups(ctx, m, "n"):  # "5000米" is a run, not a height
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n * 100, 1), m.start(), factor=100.0)
    for m in _RX_TALL.finditer(t):
        n = _num(m["n"])
        if n is not None and _groups(ctx, m, "n"):
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n * 100 if n < 3 else n, 1), m.start(), factor=100.0 if n < 3 else 1.0)


_RX_STONE = re.compile(rf"(?P<st>{NUM})\s*(?P<unit>stones?|st)\.?(?![a-z])(?:\s*(?:and\s+)?(?P<lb>\d{{1,2}}"
                       rf"(?:\.\d+)?)\s*(?:lbs?|pounds?)?(?![a-z\d]))?", F)
_RX_WEIGHT = re.compile(rf"(?P<n>{NUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})", F)
_RX_NOT_BEFORE_WEIGHT = re.compile(r"(?<![a-z])(?:not|isn'?t|never)\s*$|不是\s*$|没有\s*$", F)


def _weights(ctx: _Ctx) -> None:
    """kg, lb, 斤, stone ("11 st 4 lb") -> weight_kg."""
    t = ctx.text
    for m in _RX_STONE.finditer(t):
        if not _groups(ctx, m, "st", "lb"):
            continue
        st = _num(m["st"])
        if st is None:
            continue
        # "21st" is an ordinal, "11st" is a weight
        if m["unit"] == "st" and not m["lb"] and t[m.end("st") - 1:m.start("unit")].isdigit() and \
                st % 10 == 1 and st % 100 != 11:
            continue
        ctx.claim(*m.span())
        lb = float(m["lb"]) if m["lb"] else 0.0
        ctx.put("weight_kg", round((st * STONE_LB + lb) * LB_KG, 1), m.start(), factor=LB_KG)
    for m in _RX_WEIGHT.finditer(t):
        if not _groups(ctx, m, "n"):
            continue
        n = _num(m["n"])
        if n is None:
            continue
        ctx.claim(*m.span())
        factor = WEIGHT_UNITS[m["u"]]
        if _RX_NOT_BEFORE_WEIGHT.search(t[max(0, m.start() - 10):m.start()]):
            continue  # "78 kg, not 80 kg"
        ctx.put("weight_kg", round(n * factor, 1), m.start(), factor=factor)


_RX_BF = [re.compile(p, F) for p in (
    rf"(?P<n>{DNUM})\s*%\s*(?:body\s*fat|bf|fat|体脂(?:率)?)(?![a-z])",
    rf"(?:(?<![a-z])(?:body\s*-?\s*fat|bf)(?:\s+(?:percentage|percent|pct|level|%))?|体脂(?:肪)?(?:率)?)"
    rf"{FILLER}(?P<n>{DNUM})\s*%?",
)]
_RX_BF_GOAL = re.compile(r"(?<![a-z])(?:lose|losing|drop|reduce|cut|burn|get|reach|down|to|under|below|"
                         r"target|goal|aim|want)(?![a-z])\s*(?:my\s+)?(?:body\s*fat\s+)?(?:about|around|~)?\s*$|"
                         r"(?:减|降|到|目标|减少)\s*$", F)
_RX_BPM = re.compile(rf"(?P<n>{DNUM})\s*(?:bpm|beats?\s*(?:per|a|/)\s*min(?:ute)?|次/分(?:钟)?|次每分钟)", F)
_RX_HR_KW = re.compile(rf"(?:(?<![a-z])(?:resting\s+(?:heart\s*rate|hr|pulse)|rhr|heart\s*rate|pulse|hr|"
                       rf"resting)(?![a-z])|静息心率|安静心率|静息脉搏|晨脉|心率|脉搏){FILLER}(?P<n>{DNUM})", F)
_RX_BPM_AFTER = re.compile(r"\s*(?:bpm|次)", F)
_RX_HR_NOT = re.compile(r"(?<![a-z])(?:max|maximum|peak|target|during|zone|training|running|exercise|"
                        r"workouts?)(?![a-z])|"
                        r"最大|最高|运动时|跑步时|训练时", F)


def _body_fat_and_pulse(ctx: _Ctx) -> None:
    """Body-fat percentage and resting heart rate."""
    t = ctx.text
    for rx in _RX_BF:
        for m in rx.finditer(t):
            n = _num(m["n"])
            if n is not None and _groups(ctx, m, "n") and not OTHER_UNIT_AFTER.match(t, m.end()):
                ctx.claim(*m.span())
                if _RX_BF_GOAL.search(t, max(0, m.start() - 25), m.start()):
                    continue  # "lose 5% body fat" is a goal, not a reading
                ctx.put("body_fat_pct", round(n, 1), m.start(), factor=1.0)
    for rx in (_RX_BPM, _RX_HR_KW):
        for m in rx.finditer(t):
            n = _num(m["n"])
            if n is None or not _groups(ctx, m, "n"):
                continue
            lo, _ = ctx.segment(m.start())
            if _RX_HR_NOT.search(t[lo:m.end()]):
                ctx.claim(*m.span("n"))
                continue
            if rx is _RX_HR_KW and OTHER_UNIT_AFTER.match(t, m.end()) and not _RX_BPM_AFTER.match(t, m.end()):
                continue
            ctx.claim(*m.span())
            ctx.put("resting_hr", _round_half_up(n), m.start(), factor=1.0)


_RX_AGES = [re.compile(p, F) for p in (
    rf"(?P<n>{NUM})\s*-?\s*(?:years?|yrs?|y)\s*-?\s*(?:old|of\s+age)(?![a-z])",
    rf"(?P<n>{NUM})\s*(?:yo|y/o|y\.o\.?)(?![a-z])",
    rf"(?<![a-z])(?:age[ds]?|aged)(?![a-z])\s*(?::|is|of|=|-)?\s*(?P<n>{NUM})(?!\s*(?:%|kg|lb|cm))",
    r"(?P<n>(?<![\d.])\d+)\s*(?:周岁|岁|歲)",
    r"(?:今年|年龄|年纪|年齡)\s*(?:是|有|:)?\s*(?P<n>(?<![\d.])\d+)(?!\s*(?:年|月|公斤|斤|kg|%))",
    # "female, 26" / "26/M" / "女，32": a sex word next to a two-digit number is an age
    r"(?:(?<![a-z])(?:male|female|man|woman|guy|girl|m|f)(?![a-z])|男|女)\s*[,/]\s*(?P<n>(?<![\d.])\d{2})"
    r"(?![\d.]|\s*(?:%|kg|kgs|lbs?|cm|岁|公斤|斤|千克|厘米|公分|kilos?|pounds?|bpm))",
    r"(?P<n>(?<![\d.])\d{2})\s*[,/]\s*(?:(?:male|female|m|f)(?![a-z])|男|女)",
)]
_RX_BORN = re.compile(r"(?<![a-z])born\s+(?:in\s+)?(?:(?:" + "|".join(MONTHS) + r")\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
                      r"|(?P<y2>(?:19|20)\d\d)\s*年?\s*(?:出生|生)|出生(?:于|在|年份)?\s*(?:是)?\s*(?P<y3>(?:19|20)\d\d)", F)
_RX_AGE_SEX_RAW = re.compile(r"(?<![A-Za-z\d.])(?P<n>\d{2})\s?/?\s?(?P<s>[MF])(?![A-Za-z])|"
                             r"(?<![A-Za-z\d])(?P<s2>[MF])\s?/?\s?(?P<n2>\d{2})(?![\d.]|\s*(?:kg|lb|cm))")


def _ages(ctx: _Ctx) -> None:
    """"34 years old", "age 34", "34岁", "born in 1990", "34M"."""
    t = ctx.text
    for rx in _RX_AGES:
        for m in rx.finditer(t):
            n = _num(m["n"])
            if n is not None and _groups(ctx, m, "n"):
                ctx.claim(*m.span())
                ctx.put("age", _round_half_up(n), m.start(), factor=1.0)
    for m in _RX_BORN.finditer(t):
        g = "y" if m["y"] else "y2" if m["y2"] else "y3"
        if _groups(ctx, m, g):
            ctx.claim(*m.span())
            ctx.put("age", ctx.today.year - int(m[g]), m.start())
    for m in _RX_AGE_SEX_RAW.finditer(ctx.raw):
        n, s = (m["n"], m["s"]) if m["n"] else (m["n2"], m["s2"])
        span = m.span("n") if m["n"] else m.span("n2")
        if ctx.free(*span):
            ctx.claim(*m.span())
            ctx.put("age", int(n), m.start(), factor=1.0)
            ctx.put("sex", "male" if s == "M" else "female", m.start())


_KEYWORD_BARE: list[tuple[str, re.Pattern[str]]] = [
    ("weight_kg", re.compile(rf"(?:(?<![a-z])(?:weight|weigh|weighing|body\s*weight|bw|wt)"
                             rf"(?!\s*(?:training|lifting|loss|gain|bench|vest|s\b|goal|target))(?![a-z])|体重)"
                             rf"{FILLER}(?P<n>{DNUM})", F)),
    ("height_cm", re.compile(rf"(?:(?<![a-z])(?:height|ht)(?![a-z])|身高|个子|个头){FILLER}(?P<n>{DNUM})", F)),
    ("bp_systolic", re.compile(rf"(?:(?<![a-z])systolic(?![a-z])|收缩压|高压){FILLER}(?P<n>{DNUM})", F)),
    ("bp_diastolic", re.compile(rf"(?:(?<![a-z])diastolic(?![a-z])|舒张压|低压){FILLER}(?P<n>{DNUM})", F)),
]
_BARE_OK_AFTER = re.compile(r"\s*(?:多|左右|上下|来)", F)
_RX_IM_AGE = re.compile(rf"(?<![a-z])(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+|now\s+|about\s+|almost\s+|"
                        rf"nearly\s+|turning\s+|currently\s+|actually\s+|really\s+)?(?P<n>{NUM})"
                        rf"(?=\s*(?:$|[,.;!?()&+/-]|(?:and|but|with|now|so|male|female|man|woman|guy|girl|lady|"
                        rf"years?|[mf]|btw|lol|haha|tho|though|too|old|next|soon|also|already|yet)(?![a-z])|"
                        rf"this\s+year))", F)


def _bare_numbers(ctx: _Ctx) -> None:
    """Numbers made clear by a keyword ("体重75", "height 180")."""
    t = ctx.text
    for name, rx in _KEYWORD_BARE:
        for m in rx.finditer(t):
            n = _num(m["n"])
            if n is None or not _groups(ctx, m, "n"):
                continue
            if OTHER_UNIT_AFTER.match(t, m.end()) and not _BARE_OK_AFTER.match(t, m.end()):
                continue
            ctx.claim(*m.span("n"))
            if name == "height_cm":
                ctx.put(name, round(n * 100 if n < 3 else n, 1), m.start(), factor=100.0 if n < 3 else 1.0)
            elif name == "weight_kg":
                factor = ctx.bare_weight_factor(m.start("n"))
                if factor is not None:
                    ctx.put(name, round(n * factor, 1), m.start(), factor=factor)
            else:
                ctx.put(name, _round_half_up(n), m.start(), factor=1.0)


def _im_age(ctx: _Ctx) -> None:
    """"I'm 34" is an age when nothing else claimed the number."""
    for m in _RX_IM_AGE.finditer(ctx.text):
        n = _num(m["n"])
        if n is not None and n == int(n) and 0 < n < 120 and _groups(ctx, m, "n"):
            ctx.claim(*m.span("n"))
            ctx.put("age", int(n), m.start(), personal=False, factor=1.0)  # "I'm" is first person


def _corrections(ctx: _Ctx) -> None:
    """"80 kg... actually 78": a bare number after a correction word updates the last unit-bearing value."""
    for m in CORRECTION.finditer(ctx.text):
        if not _groups(ctx, m, "n") or OTHER_UNIT_AFTER.match(ctx.text, m.end()):
            continue
        log = ctx.past_log if m["now"] else ctx.unit_log
        before = [entry for entry in log if entry[0] < m.start()]
        n = _num(m["n"])
        if not before or n is None:
            continue
        _, name, factor = before[-1]
        ctx.claim(*m.span("n"))
        value = n * factor
        ctx.put(name, _round_half_up(value) if NUMERIC_FIELDS.get(name) is int else round(value, 1), m.start())


_SCALAR_STEPS: list[Callable[[_Ctx], None]] = [
    _dates_and_times, _blood_pressure, _discard, _experience_from_duration, _sleep, _session_minutes,
    _frequency, _durations, _targets, _heights, _weights, _body_fat_and_pulse, _ages, _bare_numbers,
    _corrections, _im_age,
]

# =============================================================================================
# Mentions: list fields, negation, preferences, categories
# =============================================================================================

@dataclass(frozen=True)
class _Mention:
    """A matched synonym: where it is, which table it came from, and its code."""

    start: int
    end: int
    kind: str  # symptoms | conditions | injuries | equipment | general | empty
    code: str


_MENTION_TABLES = [("symptoms", SYMPTOM_RX), ("conditions", CONDITION_RX), ("injuries", INJURY_RX),
                   ("equipment", EQUIPMENT_RX), ("empty", EMPTY_RX), ("general", GENERAL_RX)]


def _find(table: _Table, ctx: _Ctx) -> list[tuple[int, int, str]]:
    """(start, end, code) for each match of a synonym table, in text order."""
    found = []
    for rx, wanted in ((table.en, ctx.has_latin), (table.zh, ctx.has_cjk)):
        if rx is not None and wanted:
            found += [(m.start(), m.end(), table.codes[m.lastgroup or ""]) for m in rx.finditer(ctx.text)]
    found.sort()
    return found


def _mentions(ctx: _Ctx) -> list[_Mention]:
    """Non-overlapping list-field mentions; symptoms beat conditions beat body parts beat equipment."""
    found: list[_Mention] = []
    taken = bytearray(len(ctx.text))
    for kind, table in _MENTION_TABLES:
        for a, b, code in _find(table, ctx):
            if not any(taken[a:b]):
                taken[a:b] = b"\x01" * (b - a)
                found.append(_Mention(a, b, kind, code))
    found.sort(key=lambda m: m.start)
    return found


def _masked(text: str, mentions: list[_Mention]) -> str:
    """Text with every mention replaced by NUL characters, so negation can read through lists."""
    chars = list(text)
    for m in mentions:
        chars[m.start:m.end] = "\x00" * (m.end - m.start)
    return "".join(chars)


def _negated(ctx: _Ctx, masked: str, start: int, end: int, body: bool = False) -> bool:
    """True when a negation governs the mention ("no X", "never had X or Y", "没有X", "X: none")."""
    lo, _ = ctx.sentence(start)
    if NEGATION_TAIL.search(masked[max(lo, start - 80):start]):
        return True
    post = POST_NEG_BODY if body else POST_NEG_ITEM
    return bool(post.match(ctx.text, end))


_RX_DISLIKE_TAIL = re.compile(
    r"(?:(?<![a-z])(?:hate|hates|dislike|dislikes|can'?t\s+stand|not\s+(?:a\s+)?fan\s+of|don'?t\s+like|"
    r"avoid|loathe)(?![a-z])|讨厌|不喜欢|不爱|受不了)(?:\s++|\x00++|[,/&、]|(?<![a-z])(?:the|a|an|going|to|and|or|"
    r"my|local|crowded|busy|big|using)(?![a-z])|去|的)*$", F)


def _has_injury_cue(ctx: _Ctx, m: _Mention) -> bool:
    """A body part counts as an injury only near a word like pain/injury/bad/疼/伤."""
    if INJURY_SELF_CUE.search(ctx.text, m.start, m.end):
        return True
    lo, hi = ctx.sentence(m.start)
    return bool(INJURY_CUES.search(ctx.text[max(lo, m.start - 30):min(hi, m.end + 30)])
                or _RX_INJURY_WORD.search(ctx.text, lo, hi))


_RX_INJURY_WORD = re.compile(r"(?<![a-z])injur|伤", F)


def _list_fields(ctx: _Ctx, mentions: list[_Mention]) -> dict[str, list[str]]:
    """Equipment, injuries, conditions and symptoms with negation and third-party filtering."""
    masked = _masked(ctx.text, mentions)
    found: dict[str, list[str]] = {}
    empty: set[str] = set()
    for m in mentions:
        if m.code.startswith("_") or ctx.third_party(m.start):
            continue
        neg = _negated(ctx, masked, m.start, m.end, body=m.kind == "injuries")
        if m.kind in ("general", "empty"):
            if neg or m.kind == "empty":
                empty.add(m.code)
            continue
        if neg:
            if m.kind != "equipment":  # lacking dumbbells does not mean having nothing
                empty.add(m.kind)
            continue
        if m.kind == "injuries" and not ctx.answer and not _has_injury_cue(ctx, m):
            continue
        if m.kind == "equipment" and _RX_DISLIKE_TAIL.search(masked, max(0, m.start - 40), m.start):
            continue  # "I hate the gym" says nothing about access
        codes = found.setdefault(m.kind, [])
        if m.code not in codes:
            codes.append(m.code)
    for kind in empty:
        found.setdefault(kind, [])
    return found


def _preferences(ctx: _Ctx) -> dict[str, list[str]]:
    """Likes and dislikes: each activity takes the nearest sentiment verb before it in its sentence."""
    t = ctx.text
    acts = _find(ACTIVITY_RX, ctx)
    if not acts:
        return {}
    verbs = _find(SENTIMENT_RX, ctx)
    verb_ends = [vb for _, vb, _ in verbs]
    act_mask = _masked(t, [_Mention(a, b, "act", c) for a, b, c in acts])
    likes: list[str] = []
    dislikes: list[str] = []
    for a, b, code in acts:
        lo, _ = ctx.sentence(a)
        sentiment = None
        i = bisect.bisect_right(verb_ends, a) - 1
        if i >= 0:  # only the nearest sentiment word before the activity can govern it
            va, vb, vcode = verbs[i]
            if va >= max(lo, a - 100) and _PREF_GAP.fullmatch(act_mask, vb, a):
                sentiment = vcode
        post = _PREF_POST.match(t, b)
        if post:
            sentiment = "dislike" if post["bad"] or post["bad2"] else "like"
        if ctx.answer and sentiment is None:
            sentiment = "like"
        target = likes if sentiment == "like" else dislikes if sentiment == "dislike" else None
        if target is not None and code not in target:
            target.append(code)
    if not likes and not dislikes:
        return {}
    return {"likes": [c for c in likes if c not in dislikes], "dislikes": dislikes}


_PREF_GAP = re.compile(
    r"(?:\s++|\x00++|[,/&+、]|(?<![a-z])(?:and|or|to|go|going|doing|do|a|an|the|some|for|long|short|"
    r"outdoor|indoor|slow|easy|gentle|light|really|also|too|especially|mostly|mainly|classes|class|"
    r"sessions|out|more|on|with|my|friends|such|as|e\.g\.|both|either|things|stuff|sports?|"
    r"activities|like|it|that|this|kind|of|any|much|at\s+all|when|i|can|playing|play|trying|try|"
    r"things\s+like|about)(?![a-z])|和|或者|或|还有|以及|跟|去|做|练|打|玩|一些|点|也|还|比较|特别|很|非常|"
    r"的|上|一下|都|那种)*", F)
_PREF_POST = re.compile(r"\s*(?:is|are|'s|gets?|feels?)?\s*(?:so\s+|too\s+|really\s+|pretty\s+|very\s+|"
                        r"kind\s+of\s+|kinda\s+)?(?:(?P<bad>boring|dull|the\s+worst|not\s+for\s+me|"
                        r"not\s+my\s+thing|awful|terrible|tedious)|(?P<good>fun|great|my\s+fav(?:ou)?rite|"
                        r"the\s+best|enjoyable))(?![a-z])|\s*(?:太|很|好|特别|真|有点)?(?:(?P<bad2>无聊|没意思|"
                        r"枯燥|累人|没兴趣|不感兴趣|没有兴趣)|(?P<good2>有意思|好玩|有趣))", F)


def _local_negation(ctx: _Ctx, start: int) -> bool:
    """A negation word earlier in the same clause ("I don't want to bulk", "不想增肌")."""
    lo, _ = ctx.segment(start)
    return bool(_RX_LOCAL_NEG.search(ctx.text[max(lo, start - 30):start]))


_RX_LOCAL_NEG = re.compile(r"(?<![a-z])(?:not|no|never|without|nor|dont|isnt|arent)(?![a-z])|n't|"
                           r"不是|不想|不要|没|别|并非|无需", F)
_RX_GOAL_OVERRIDE = re.compile(r"(?<![a-z])(?:actually|mainly|mostly|primarily|main\s+goal|most\s+importantly|"
                               r"above\s+all|rather|instead|i\s+mean|sorry)(?![a-z])|主要|其实|最重要|更想|还是|不对", F)


def _categories(ctx: _Ctx, out: dict[str, Any]) -> None:
    """Goal, experience, activity status, sex and time zone."""
    t = ctx.text
    goals = [(a, code) for a, _, code in _find(GOAL_RX, ctx) if not _local_negation(ctx, a)]
    if goals:
        goal = goals[0][1]
        for a, code in goals[1:]:
            lo, _ = ctx.sentence(a)
            if _RX_GOAL_OVERRIDE.search(t[max(lo, a - 30):a]):
                goal = code
        out["goal"] = goal
    for table, name in ((EXPERIENCE_RX, "experience"), (SEX_RX, "sex")):
        for a, _, code in _find(table, ctx):
            if name == "sex" or not _local_negation(ctx, a):
                ctx.put(name, code, a)
    for a, b, code in _find(ACTIVE_RX, ctx):
        if code == "yes" and (_local_negation(ctx, a) or DESIRE.search(t[ctx.segment(a)[0]:a])):
            continue
        ctx.put("currently_active", code == "yes", a)
        if code == "no" and "never" in t[a:b]:
            ctx.put("experience", "beginner", a, weak=True)
    _timezone(ctx)


@lru_cache(maxsize=1)
def _known_zones() -> dict[str, str]:
    """Lower-cased IANA zone names available on this system (empty when tzdata is missing)."""
    try:
        import zoneinfo
        return {z.lower(): z for z in zoneinfo.available_timezones()}
    except Exception:  # no tz database: accept names as written
        return {}


def _timezone(ctx: _Ctx) -> None:
    """City/country words, abbreviations, literal IANA names and UTC offsets -> timezone."""
    t = ctx.text
    for rx, zone in TIMEZONE_RXS:
        for m in rx.finditer(t):
            ctx.put("timezone", zone, m.start(), personal=False)
    for m in TZ_ABBR_RX.finditer(ctx.raw):
        ctx.put("timezone", TZ_ABBREVIATIONS[m.group(1)], m.start(), personal=False)
    for m in IANA_RX.finditer(ctx.raw):
        name = m.group(1)
        zones = _known_zones()
        if zones:
            name = zones.get(name.lower())
        else:
            name = "/".join(p[:1].upper() + p[1:] for p in name.split("/"))
        if name:
            ctx.put("timezone", name, m.start(), personal=False)
    for m in UTC_OFFSET_RX.finditer(t):
        if m["cn"]:
            zone = f"Etc/GMT-{int(m['cn'])}"
        elif m["h"] is not None:
            hours = int(m["h"])
            if hours > 14:
                continue
            zone = "Etc/UTC" if hours == 0 else f"Etc/GMT{'-' if m['sign'] == '+' else '+'}{hours}"
        else:
            zone = "Etc/UTC"
        ctx.put("timezone", zone, m.start(), personal=False)


def _infer_goal(out: dict[str, Any]) -> None:
    """A weight change or target implies the goal when no goal words were used."""
    if "goal" in out:
        return
    delta = out.get("target_delta_kg")
    if delta is None and "target_weight_kg" in out and "weight_kg" in out:
        delta = out["target_weight_kg"] - out["weight_kg"]
    if delta:
        out["goal"] = "fat_loss" if delta < 0 else "muscle_gain"


# =============================================================================================
# Public API
# =============================================================================================

def _run(ctx: _Ctx) -> dict[str, Any]:
    """Run every extractor over a prepared context."""
    for step in _SCALAR_STEPS:
        step(ctx)
    out: dict[str, Any] = {}
    _categories(ctx, out)
    out.update({name: value for name, (_, value, _) in ctx.scalars.items()})
    out.update(_list_fields(ctx, _mentions(ctx)))
    prefs = _preferences(ctx)
    if prefs:
        out["preferences"] = prefs
    _infer_goal(out)
    return out


def extract(text: str, *, today: date | None = None) -> dict[str, Any]:
    """All profile fields stated in a free-text message, in canonical units; {} when none."""
    if not isinstance(text, str) or not text.strip():
        return {}
    return _run(_Ctx.build(text, today or date.today()))


def mentions_red_flag(text: str) -> list[str]:
    """Red-flag symptom codes mentioned (and not negated) in any message."""
    if not isinstance(text, str) or not text.strip():
        return []
    ctx = _Ctx.build(text, date.today())
    symptoms = _list_fields(ctx, [m for m in _mentions(ctx) if m.kind in ("symptoms", "general")])
    return [code for code in symptoms.get("symptoms", []) if code in RED_FLAGS]


_RX_ANSWER_NUM = re.compile(rf"(?P<sign>[-+])?\s*(?P<n>{NUM})", F)
_RX_ANSWER_RANGE = re.compile(rf"(?P<a>{DNUM})\s*(?:-|to|~|到|至)\s*(?P<b>{DNUM})", F)
_RX_ANSWER_DURATION = re.compile(rf"(?P<n>{NUM}|an?|one)\s*-?\s*(?:个)?\s*(?:多)?\s*"
                                 rf"(?P<u>{DURUNIT}|月|星期|礼拜|周|年|天)", F)
_RX_ANSWER_MONTH = re.compile(r"(?<![a-z])(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])", F)
_RX_ANSWER_DAILY = re.compile(r"(?<![a-z])(?:every\s*day|daily|each\s+day)(?![a-z])|每天|天天", F)
_RX_ANSWER_TIMES = re.compile(r"(?<![a-z])(" + "|".join(TIMES_WORDS) + r")(?![a-z])", F)
_RX_ANSWER_LOSS = re.compile(r"(?<![a-z])(?:lose|drop|shed|cut|down)(?![a-z])|减|瘦|掉", F)
_RX_ANSWER_BP = re.compile(r"(?<![\d.])(\d{2,3})\s*(?:/|over|\\|-|\s)\s*(\d{2,3})(?!\d)", F)
_RX_ANSWER_HOUR = re.compile(r"\s*(?:at\s+)?(\d{1,2})\s*(?:o'?clock|点|时)?\s*", F)
_RX_ANSWER_WEIGHT_UNIT = re.compile(rf"\s*({_WUNIT_ALT})(?![a-z])", F)
_ANSWER_UNITS: dict[str, re.Pattern[str]] = {  # unit words that may follow a bare number in an answer
    name: re.compile(rf"\s*(?:{unit})", F) for name, unit in {
        "weight_kg": WUNIT, "target_weight_kg": WUNIT, "target_delta_kg": WUNIT, "height_cm": CMUNIT,
        "age": r"years?|yrs?|岁|周岁", "resting_hr": r"bpm|次", "body_fat_pct": r"%|percent",
        "sleep_hours": rf"{_HOURS}|个?小时", "minutes_per_session": r"minutes?|mins?|min|分钟",
        "days_per_week": r"days?|times?|x|天|次", "target_weeks": r"weeks?|wks?|周|星期",
        "bp_systolic": r"mm\s*hg", "bp_diastolic": r"mm\s*hg",
    }.items()
}
_RX_FIRST_WORD = re.compile(r"[\s,，.!。！]+")
_CJK_YES_NO = sorted((w for w in YES_WORDS | NO_WORDS if not w.isascii()), key=len, reverse=True)


def _yes_no(text: str) -> bool | None:
    """True/False from yes/no words in English or Chinese ("yeah", "nope", "同意", "不是")."""
    s = _lower_keep_length(unicodedata.normalize("NFKC", text)).strip(" \t\n.!。！,，~")
    first = _RX_FIRST_WORD.split(s, maxsplit=1)[0] if s else ""
    for candidate in (s, first):
        if candidate in NO_WORDS:
            return False
        if candidate in YES_WORDS:
            return True
    for word in _CJK_YES_NO:  # Chinese answers run on without spaces: "不是的", "好的呀"
        if s.startswith(word):
            return word in YES_WORDS
    return None


def _bare_answer(name: str, ctx: _Ctx) -> Any | None:
    """The first number in an answer, in the field's canonical unit (or in its own unit if it has one)."""
    t = ctx.text
    m = _RX_ANSWER_NUM.search(t)
    n = _num(m["n"]) if m else None
    if m is None or n is None:
        return None
    unit_rx = _ANSWER_UNITS.get(name)
    if OTHER_UNIT_AFTER.match(t, m.end()) and not (unit_rx and unit_rx.match(t, m.end())):
        return None  # "180 cm" does not answer a weight question
    rng = _RX_ANSWER_RANGE.match(t, m.start("n"))
    if name == "sleep_hours" and rng:
        n = (float(rng["a"]) + float(rng["b"])) / 2
    if name == "target_delta_kg" and (m["sign"] == "-" or _RX_ANSWER_LOSS.search(t)):
        n = -abs(n)
    if name in ("weight_kg", "target_weight_kg", "target_delta_kg"):
        unit = _RX_ANSWER_WEIGHT_UNIT.match(t, m.end())
        return round(n * (WEIGHT_UNITS[unit.group(1)] if unit else 1.0), 1)
    if name == "height_cm":
        return round(n * 100 if n < 3 else n, 1)
    return _round_half_up(n) if NUMERIC_FIELDS[name] is int else round(n, 2)


def _answer_number(name: str, ctx: _Ctx, found: dict[str, Any]) -> Any | None:
    """A numeric answer: what extract found, else a bare duration/frequency/month, else a bare number."""
    if name in found:
        return found[name]
    t = ctx.text
    if name == "target_weeks":
        m = _RX_ANSWER_DURATION.search(t)
        if m:
            n = 1.0 if m["n"] in ("a", "an", "one") else _num(m["n"])
            per = DURATION_WEEKS.get(m["u"].rstrip("s") if m["u"][0].isascii() else m["u"])
            if n is not None and per is not None:
                return _round_half_up(n * per)
        month = _RX_ANSWER_MONTH.search(t)
        if month:
            target = _month_deadline(ctx.today, MONTHS[month.group(1)], None, None, None)
            return _weeks_between(ctx.today, target) if target else None
    if name == "days_per_week":
        if _RX_ANSWER_DAILY.search(t):
            return 7
        times = _RX_ANSWER_TIMES.search(t)
        if times:
            return TIMES_WORDS[times.group(1)]
    if name == "target_delta_kg" and "target_weight_kg" in found:
        return None  # "get down to 70" names a weight, not a change
    return _bare_answer(name, ctx)


def parse_answer(field: str, text: str) -> Any | None:
    """Canonical value for `field` from an answer to that one question, or None if it does not answer it."""
    if not isinstance(text, str) or not isinstance(field, str) or not text.strip():
        return None
    if field in BOOL_FIELDS:
        yn = _yes_no(text)
        if yn is not None or field == "consent":
            return yn
        return extract(text).get("currently_active")
    ctx = _Ctx.build(text, date.today(), answer=True)
    found = _run(ctx)
    if field in NUMERIC_FIELDS:
        value = _answer_number(field, ctx, found)
        return NUMERIC_FIELDS[field](value) if value is not None else None
    if field == "bp":
        if "bp_systolic" in found and "bp_diastolic" in found:
            return found["bp_systolic"], found["bp_diastolic"]
        m = _RX_ANSWER_BP.search(ctx.text)
        return (int(m[1]), int(m[2])) if m else None
    if field in LIST_FIELDS:
        if NONE_ANSWER.match(ctx.text):
            return []
        return found.get(field)
    if field in ENUMS:
        s = ctx.text.strip(" .!。！")
        if s in ENUMS[field]:
            return s
        if s.replace(" ", "_") in ENUMS[field]:
            return s.replace(" ", "_")
        if s in ENUM_ANSWERS.get(field, {}):
            return ENUM_ANSWERS[field][s]
        return found.get(field)
    if field in ("reminder_time", "timezone", "preferences"):
        if field in found:
            return found[field]
        if field == "reminder_time":
            m = _RX_ANSWER_HOUR.fullmatch(ctx.text)
            return _fmt_time(int(m[1]), 0) if m else None
        return None
    return found.get(field)
