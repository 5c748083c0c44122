"""English words and phrases the intake parser reads: data only (no logic), paired with lexicon_zh.

Synonym tables map a code to regex alternatives, matched case-insensitively on lower-cased text inside letter
boundaries (so "knee" never matches inside another word). coach.intake compiles them together with lexicon_zh.
"""
from __future__ import annotations

# --------------------------------------------------------------------------- numbers and units
WORD_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
TIMES_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}
WEIGHT_UNITS: dict[str, str] = {  # word -> unit (coach.intake.units holds the factors)
    "kilogrammes": "kg", "kilogramme": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "kilo": "kg",
    "kgs": "kg", "kg": "kg", "pounds": "lb", "pound": "lb", "lbs": "lb", "lb": "lb",
}
CM_UNITS = ("centimetres", "centimeters", "centimetre", "centimeter", "cms", "cm")
M_UNITS = ("metres", "meters", "metre", "meter", "m")
DURATIONS: dict[str, str] = {
    "days": "day", "day": "day", "weeks": "week", "week": "week", "wks": "week", "wk": "week",
    "months": "month", "month": "month", "mos": "month", "mo": "month",
    "years": "year", "year": "year", "yrs": "year", "yr": "year",
}

# --------------------------------------------------------------------------- dates and times
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
}
PM_PERIODS = frozenset({"pm", "evening", "afternoon", "night", "tonight"})
TIMEZONES: list[tuple[str, str]] = [  # (pattern on lower-cased text, IANA zone); matched without word boundaries
    ("shanghai|beijing|china|shenzhen|guangzhou|hangzhou|chengdu", "Asia/Shanghai"),
    (r"hong\s*kong", "Asia/Hong_Kong"),
    ("taipei|taiwan", "Asia/Taipei"),
    (r"london|england|britain|united\s+kingdom", "Europe/London"),
    (r"new\s+york|nyc|boston|eastern\s+time", "America/New_York"),
    (r"los\s+angeles|san\s+francisco|seattle|pacific\s+time", "America/Los_Angeles"),
    (r"chicago|central\s+time", "America/Chicago"),
    ("berlin|germany|munich", "Europe/Berlin"),
    ("paris|france", "Europe/Paris"),
    ("tokyo|japan", "Asia/Tokyo"),
    ("singapore", "Asia/Singapore"),
    ("sydney", "Australia/Sydney"),
    ("melbourne", "Australia/Melbourne"),
    ("seoul|korea", "Asia/Seoul"),
    ("toronto", "America/Toronto"),
    ("mumbai|delhi|bangalore|india", "Asia/Kolkata"),
    ("moscow", "Europe/Moscow"),
    ("dubai", "Asia/Dubai"),
]
TZ_ABBREVIATIONS: dict[str, str] = {  # matched case-sensitively on the original text
    "EST": "America/New_York", "EDT": "America/New_York", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "LA": "America/Los_Angeles", "NYC": "America/New_York",
    "UK": "Europe/London", "BST": "Europe/London", "JST": "Asia/Tokyo", "SGT": "Asia/Singapore",
    "CET": "Europe/Berlin", "AEST": "Australia/Sydney",
}

# --------------------------------------------------------------------------- short answers
YES_WORDS = frozenset({
    "yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "of course", "absolutely", "agree", "i agree",
    "true", "correct", "definitely", "certainly", "please do", "go ahead", "k", "kk", "ye",
    "go for it", "yep go for it", "yes go for it", "alright", "all right", "sounds good", "let's go", "lets go",
})
NO_WORDS = frozenset({
    "no", "n", "nope", "nah", "no thanks", "no thank you", "don't", "dont", "disagree", "i disagree", "false",
    "not really", "never", "not now",
})
SKIP_WORDS = frozenset({"skip", "/skip", "pass", "don't know", "dont know", "not sure", "unknown", "no idea", "no clue",
                        "not a clue", "clueless", "haven't a clue", "beats me"})
NONE_ANSWERS = (  # whole answers that mean "none of these" (regex alternatives)
    r"none(?:\s+of\s+(?:these|those|them|the\s+above))?", r"no(?:ne)?(?:\s+at\s+all)?", "nope", "nah", "nothing",
    "n/?a", "nil", "zero", r"not\s+really", r"no\s+(?:injuries|injury|symptoms|conditions|equipment)",
)
ENUM_ANSWERS: dict[str, dict[str, str]] = {  # short answers that only make sense as a reply
    "sex": {"m": "male", "man": "male", "boy": "male", "guy": "male", "f": "female", "w": "female",
            "woman": "female", "girl": "female", "other": "other", "x": "other"},
    "experience": {"none": "beginner", "new": "beginner", "never": "beginner", "some": "intermediate",
                   "a lot": "advanced", "lots": "advanced"},
    "goal": {"fat loss": "fat_loss", "lose weight": "fat_loss", "weight loss": "fat_loss",
             "muscle": "muscle_gain", "muscle gain": "muscle_gain", "strength": "muscle_gain",
             "health": "general_health", "general health": "general_health", "flexibility": "mobility",
             "endurance": "endurance", "running": "endurance"},
}

# --------------------------------------------------------------------------- who a sentence is about
FAMILY = (r"(?<![a-z])(?:my|our)\s+(?:wife|husband|partner|girlfriend|boyfriend|son|daughter|kids?|child|"
          r"children|mom|mum|mother|dad|father|parents?|brother|sister|friends?|grandma|grandmother|"
          r"grandpa|grandfather|family|uncle|aunt|dog|cat|mate|mates|buddy|pal|colleague|coworker|co-worker|"
          r"neighbou?r|teammate|roommate|flatmate|housemate|boss|client|cousin|nephew|niece|gym\s+buddy|"
          r"training\s+partner)(?![a-z])|family\s+history|(?<![a-z])(?:a|one|some|another)\s+(?:guy|man|woman|lady|girl|"
          r"bloke|person|runner|lifter)\s+(?:at|in|from)\s+(?:the|my)\s+(?:gym|park|class|club)")
FIRST_PERSON = r"(?<![a-z])(?:i|i'm|i've|i'd|me|my|mine|myself)(?![a-z])"
DESIRE = (r"(?<![a-z])(?:want|wanna|would\s+like|'d\s+like|hope|plan|planning|goal|"
          r"aim|trying|try|going\s+to|gonna|will)(?![a-z])")

# --------------------------------------------------------------------------- injuries: words that make a body part one
INJURY_SELF_CUES = ("acl", "mcl", "pcl", "menisc", "tennis", "golfer", "rotator", "sciatica", "herniat", "slipped",
                    "bulging", "ruptured", "disc", "whiplash", "carpal", "achilles")
# everyday words for a body part that is bothering someone: "left shoulder is a bit cranky", "my knee's been playing
# up", "lower back is a bit grumpy" (an injury to plan around, offered for confirmation; never a logged pain)
COMPLAINT_CUES = (
    r"(?<![a-z])(?:cranky|grumpy|grumbl[a-z]*|moan[a-z]*|complain[a-z]*|wonky|iffy|gammy|dicky|creaky|crook|"
    r"twinge[a-z]*|tender|(?:play|act|flar)(?:s|es|ed|ing|e)?\s+up|bother(?:s|ing|ed)?\s+me|bugg(?:ing|s)\s+me|"
    r"giv(?:es|ing)\s+me\s+(?:grief|trouble|gyp|jip|hell|problems)|not\s+(?:quite\s+)?right|"
    r"not\s+(?:feeling\s+)?(?:great|good|happy|100\s*%?)|(?:seized|locked)\s+up|out\s+of\s+whack|"
    r"tweak[a-z]*|niggl[a-z]*|achy|acts?\s+up|gives?\s+out|clicky)(?![a-z])|"
    r"n't\s+(?:quite\s+|feeling\s+)?(?:right|great|good|100)(?![a-z])"
)
INJURY_CUES = (
    r"(?<![a-z])(?:injur[a-z]*|hurts?|hurting|pain[a-z]*|sore[a-z]*|bad(?!\s+for)|weak|dodgy|problem[a-z]*|"
    r"killing\s+me|kills\s+me|"
    r"issues?|surger(?:y|ies)|operat[a-z]+|torn|tear|sprain[a-z]*|strain[a-z]*|broke|broken|"
    r"fractur[a-z]*|replace[a-z]*|reconstruct[a-z]*|arthriti[a-z]*|tendin[a-z]*|bursitis|"
    r"dislocat[a-z]*|aches?|aching|stiff[a-z]*|trouble|twisted|rolled|"
    r"pulled|damage[a-z]*|rehab|recovering|impingement|inflam[a-z]*|weakness|unstable|"
    r"clicks?)(?![a-z])|" + COMPLAINT_CUES
)

# --------------------------------------------------------------------------- synonym tables
SYMPTOMS: dict[str, list[str]] = {  # symptom code -> patterns
    "chest_pain": [
        r"chest\s+(?:pains?|aches?|tightness|pressure|discomfort|tight)",
        r"chest\s+(?:(?!not|never|no|doesn|didn|isn|wasn|don)[a-z']+\s+){0,3}?(?:hurts?|hurting|aches?|"
        "aching|tight|tightens|tightening|burns|squeez[a-z]*|pounds)",
        "(?:pains?|pressure|tightness|aches?|aching|discomfort|squeezing|heaviness|tight|"
        r"burning)(?:\s+(?:feeling|sensation))?\s+(?:in|on|across|around)\s+(?:my|the)\s+chest",
        r"tight(?:ness)?\s+(?:in\s+)?(?:my\s+)?chest", "angina",
    ],
    "fainting": [
        "faint(?:ed|ing|s)?", r"(?:pass|passed|passing|passes)\s+out", r"black(?:ed|ing)?\s*out", "blackouts?",
        r"los[et](?:ing)?\s+consciousness", "syncope", "collapsed", r"keel(?:ed)?\s+over",
    ],
    "dizziness": [
        "dizz(?:y|iness|ier)", "light[- ]?headed(?:ness)?", "vertigo", "woozy",
        r"(?:head|room)\s+(?:is\s+|was\s+)?spinning",
    ],
    "shortness_of_breath": [
        r"short(?:ness)?\s+of\s+breath", r"out\s+of\s+breath", "breathless(?:ness)?",
        r"(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|struggl[a-z]*\s+to|hard\s+to|difficult\s+to|"
        r"unable\s+to)\s+(?:catch\s+my\s+breath|breathe|get\s+(?:enough\s+)?air|get\s+my\s+breath)",
        r"(?:difficulty|trouble|problems?|struggling)\s+breathing", r"gasp[a-z]*\s+for\s+(?:air|breath)", "winded",
        "wheez[a-z]*",
    ],
    "palpitations": [
        "palpitations?",
        r"heart\s+(?:is\s+|was\s+|keeps\s+|starts\s+|started\s+|sometimes\s+|often\s+)?(?:racing|races|"
        "raced|pounding|pounds|pounded|fluttering|flutters|fluttered|skipping|skips|skipped|flip-?flops|"
        "jumping|irregular)",
        r"racing\s+heart(?:beat)?", r"irregular\s+heart\s*beats?", r"skipped\s+(?:heart\s*)?beats?",
        r"heart\s*(?:beat)?\s+(?:is\s+|was\s+)?(?:beating\s+)?(?:really\s+|very\s+|so\s+|too\s+)?(?:fast|"
        "quickly|irregularly)",
    ],
    "ankle_swelling": [
        r"(?:swollen|swelling|puffy)\s+(?:(?:in|of)\s+(?:my|the)\s+)?(?:ankles?|feet|legs?|lower\s+legs)",
        r"(?:ankles?|feet|legs)\s+(?:are\s+|get\s+|gets\s+|keep\s+|often\s+|sometimes\s+|have\s+been\s+)?"
        r"(?:really\s+|very\s+|so\s+|a\s+bit\s+|quite\s+|always\s+|getting\s+)?(?:swell|swells|swelling|swollen|puffy)",
        "o?edema",
    ],
    "leg_pain_walking": [
        r"(?:legs?|calf|calves|thighs?)\s+(?:[a-z']+\s+){0,3}?(?:pain|pains|hurt|hurts|ache|aches|aching|"
        r"cramp|cramps|cramping)\s+(?:[a-z']+\s+){0,3}?walk[a-z]*",
        r"(?:pain|cramps?|cramping|aches?)\s+in\s+(?:my\s+)?(?:legs?|calf|"
        r"calves)\s+(?:[a-z']+\s+){0,3}?walk[a-z]*",
        r"walk[a-z]*[^.;!?]{0,20}?(?:legs?|calf|calves)\s+(?:[a-z']+\s+){0,2}?(?:hurt|hurts|ache|aches|"
        "cramp[a-z]*|pain)",
        "claudication",
    ],
}
CONDITIONS: dict[str, list[str]] = {  # condition code -> patterns; _skip: look-alikes to ignore
    "_skip": ["pre-?diabet[a-z]*", r"gestational\s+diabet[a-z]*", "heartburn", r"rheumatoid\s+arthritis"],
    "hypertension": [
        "hypertensi(?:on|ve)", r"high\s+blood\s+pressure", r"high\s+bp", "hbp", r"elevated\s+blood\s+pressure",
        r"(?:blood\s+pressure|bp)(?:'s|\s+(?:is|runs|tends\s+to\s+be|has\s+been|gets|can\s+be|was))?\s+"
        r"(?:(?:a\s+(?:bit|little|touch)|slightly|quite|rather|somewhat|pretty|kind\s+of|kinda|a\s+tad)\s+)?"
        r"(?:high(?:ish)?|elevated|too\s+high|on\s+the\s+high\s+side)",
    ],
    "type1_diabetes": [r"type\s*-?\s*(?:1|one|i)\s+diabet[a-z]*", "t1dm?", r"juvenile\s+diabetes"],
    "type2_diabetes": [r"type\s*-?\s*(?:2|two|ii)\s+diabet[a-z]*", "t2dm?", "diabet(?:es|ic)"],
    "heart_disease": [
        r"heart\s+(?:disease|condition|problems?|issues?|failure|attacks?|trouble|surgery|murmur|valve\s+\w+)",
        r"coronary(?:\s+(?:artery|heart)\s+disease)?", "cad",
        r"cardiac\s+(?:disease|condition|arrest|problems?|issues?)", r"cardiovascular\s+disease", "stents?",
        r"bypass\s+surgery", "arrhythmias?", "cardiomyopathy",
    ],
    "asthma": ["asthma[a-z]*", "asthmatic"],
    "pregnancy": ["pregnan[a-z]*", r"expecting\s+(?:a\s+)?(?:baby|twins)"],
    "osteoporosis": ["osteopor[a-z]*", "osteopenia", r"brittle\s+bones"],
    "osteoarthritis": ["osteo-?arthritis", "arthritis", "arthritic", r"degenerative\s+joints?"],
    "kidney_disease": [
        r"kidney\s+(?:disease|failure|problems?|issues?|condition)", "ckd",
        r"renal\s+(?:disease|failure|insufficiency)", "dialysis",
    ],
}
INJURIES: dict[str, list[str]] = {  # body part -> patterns
    "knee": ["knees?", "kneecaps?", "patell[a-z]*", "acl", "mcl", "pcl", "menisc(?:us|i)"],
    "lower_back": [
        r"lower\s+back", r"low\s+back", "lumbar",
        r"(?:my|bad|sore|the|a|weak|stiff|injured|hurt|dodgy|painful)\s+back(?!\s+(?:in|to|into|home|then|"
        r"on|up|off|when|of|and\s+forth))",
        r"(?<!upper\s)(?<!mid\s)(?<!middle\s)back\s+(?:pain|injury|injuries|problems?|issues?|surgery|"
        "spasms?|hurts?|aches?|trouble)",
        "backache", "sciatica", r"(?:herniated|slipped|bulging|ruptured)\s+discs?",
        r"disc\s+(?:herniation|problems?|issues?)",
    ],
    "shoulder": ["shoulders?", r"rotator\s+cuff", "labrum", r"ac\s+joint"],
    "wrist": ["wrists?", r"carpal\s+tunnel"],
    "ankle": ["ankles?", "achilles"],
    "hip": [r"hips?(?:\s+flexors?)?"],
    "neck": ["neck", "cervical", "whiplash"],
    "elbow": ["elbows?", r"tennis\s+elbow", r"golfer'?s\s+elbow"],
}
EQUIPMENT: dict[str, list[str]] = {  # equipment code -> patterns
    "dumbbells": [
        r"dumb-?\s?b?b?el?ls?", r"adjustable\s+weights", r"free\s+weights", r"hand\s+weights",
        r"(?:some|a\s+few|pair\s+of|set\s+of|couple\s+of)\s+weights",
    ],
    "kettlebell": [r"kett?[le]{2}\s*-?\s*bb?el?ls?", "kettlebels?"],
    "barbell": [
        "bar-?bb?el?ls?", r"olympic\s+bar", r"ez[- ]?(?:curl\s+)?bar", r"trap\s+bar", r"squat\s+rack",
        r"power\s+rack", r"weight\s+plates",
    ],
    "bands": [
        r"(?:resistance|exercise|elastic|loop|mini|rubber|pull-?up|workout)\s+bands?", "therabands?", "bands",
    ],
    "pullup_bar": [r"(?:pull|chin)[- ]?ups?\s+bar", r"door(?:way|frame)?\s+bar", r"(?:pull|chin)[- ]?up\s+station"],
    "bench": [
        r"(?:weight|workout|flat|adjustable|incline|training|exercise|gym)\s+bench",
        r"(?<!i\s)(?<!can\s)(?<!to\s)bench(?!\s*(?:press|pressing|\d))",
    ],
    "machines": [
        r"(?:weight|cable|gym|strength)\s+machines?", "machines", "cables", r"smith\s+machine",
        r"leg\s+press(?:\s+machine)?", r"lat\s+pull-?downs?",
    ],
    "gym": ["gyms?", r"fitness\s+(?:center|centre|club|studio)", r"health\s+club", r"leisure\s+cent(?:er|re)"],
    "bike": [
        r"(?:stationary|exercise|spin|indoor|road|mountain|static)\s+bikes?", "bikes?", "bicycles?", "peloton",
        r"turbo\s+trainer",
    ],
    "treadmill": ["tr[ea]{1,2}d{1,2}mill?s?"],
    "pool": [r"(?:swimming\s+)?pools?"],
}
GENERAL_TERMS: dict[str, list[str]] = {  # a list field as a whole ("no injuries")
    "injuries": ["injur(?:y|ies|ed)", r"hurt\s+myself"],
    "conditions": [
        r"(?:medical|health|chronic|pre-?existing|underlying|heart|cardiac)\s+(?:conditions?|problems?|issues?)",
        "conditions?", "illness(?:es)?", "diseases?", "diagnos(?:is|ed|es)",
    ],
    "symptoms": ["symptoms?"],
    "equipment": ["equipment", "gear", "weights"],
}
EMPTY_PHRASES: dict[str, list[str]] = {  # phrases that mean "none" for a list field
    "equipment": [
        r"body\s*-?\s*weight\s+only", r"(?:only|just)\s+(?:my\s+)?(?:own\s+)?body\s*-?\s*weight",
        r"nothing\s+at\s+home", r"(?:i\s+)?have\s+nothing", r"nothing\s+but\s+my\s+body",
    ],
    "injuries": ["injury[- ]free"],
}
GOALS: dict[str, list[str]] = {  # goal code -> patterns
    "fat_loss": [
        "(?:lose|losing|drop|dropping|shed|shedding|cut|cutting|burn|burning|reduce|"
        r"reducing)\s+(?:some\s+|a\s+bit\s+of\s+|the\s+|my\s+|excess\s+|extra\s+|belly\s+)?(?:weight|fat|"
        r"pounds|kilos|body\s*fat|belly)",
        r"(?:lose|losing|drop|reduce|cut)\s+(?:\d+(?:\.\d+)?\s*%\s*(?:of\s+)?)?(?:my\s+)?body\s*-?\s*fat",
        r"weight\s*-?\s*loss", r"fat\s*-?\s*loss", r"fat\s+burning", r"slim(?:ming)?\s+down",
        r"get\s+(?:lean|leaner|slimmer|thinner|skinnier)", r"lean\s+out", r"get\s+(?:back\s+)?down\s+to",
        r"tone\s+up", "toned", r"(?:go\s+on\s+a|a)\s+cut", "fat_loss", r"lose\s+(?:a\s+)?(?:few|some)",
        # the belly by its everyday names: "lose the gut", "get rid of my beer belly", "flatten my stomach"
        r"(?:lose|losing|drop|dropping|shed|shedding|shrink|shrinking|flatten|trim|get\s+rid\s+of|burn\s+off|"
        r"reduce)\s+(?:the\s+|my\s+|this\s+|some\s+|a\s+bit\s+of\s+(?:the\s+|my\s+)?)?(?:beer\s+|dad\s+)?"
        r"(?:gut|belly|tummy|stomach|paunch|love\s*handles|spare\s+t[iy]re|muffin\s+top|pot\s*belly|flab)",
    ],
    "muscle_gain": [
        r"(?:build|building|gain|gaining|put\s+on|putting\s+on|add|adding|grow|growing|more)\s+(?:some\s+|"
        r"lean\s+|more\s+)?(?:muscle|muscles|mass|size)",
        r"muscle\s*-?\s*(?:gain|building|growth)", r"bulk(?:ing)?(?:\s+up)?", "hypertrophy",
        r"get\s+(?:stronger|strong|bigger|jacked|ripped|buff|swole|muscular)",
        r"(?:build|gain|increase|improve|more)\s+(?:my\s+)?strength", r"strength\s+goals?", "muscle_gain",
        r"gain\s+weight", r"put\s+on\s+weight", r"strong(?:er)?\s+(?:legs|arms|body|core|back|glutes)",
    ],
    "endurance": [
        r"(?:run|running|finish|complete|do|train\s+for|training\s+for|prepare\s+for|sign\s+up\s+for|"
        r"race)\s+(?:a|an|my|the|my\s+first|a\s+first|first)?\s*(?:half[- ]?marathon|marathon|triathlon|"
        r"ultra(?:marathon)?|race|sprint\s+triathlon|ironman|century\s+ride)",
        r"(?:(?:to|wanna|goal\s+is\s+to)\s+(?:run|finish|complete|do)|train(?:ing)?\s+for|prepare\s+for|"
        r"sign\s+up\s+for)\s+(?:a|an|my|my\s+first|first)?\s*(?:\d+\s*k|\d+\s*km|\d+\s*miles?)",
        "(?:half[- ]?)?marathons?", "triathlons?", "ultramarathons?", "ironman", "endurance", "stamina",
        r"(?:improve|better|build)\s+(?:my\s+)?(?:cardio|aerobic\s+\w+|fitness\s+for\s+running|running)",
        r"cardio\s+fitness", r"vo2\s*max", r"run\s+(?:faster|further|farther|longer)",
    ],
    "general_health": [
        r"(?:stay|be|get|become|feel)\s+(?:more\s+)?(?:healthy|healthier|fit|fitter)",
        r"general\s+(?:health|fitness)", r"overall\s+(?:health|fitness)",
        r"(?:improve|better)\s+(?:my\s+)?(?:health|fitness|wellbeing|well-being)", r"for\s+(?:my\s+)?health",
        r"get\s+(?:back\s+)?in(?:to)?\s+shape", r"keep\s+fit", r"stay\s+active", "longevity", r"more\s+energy",
        r"feel\s+better", "general_health", "healthier",
    ],
    "mobility": [
        "mobility", "flexib(?:le|ility)", r"stretch\s+more", r"(?:good|better|improve\s+(?:my\s+)?)\s*balance",
        r"(?:not|never|stop)\s+fall(?:ing)?", r"more\s+stretching", r"range\s+of\s+motion", "posture", "limber",
        r"(?:less|reduce)\s+stiff(?:ness)?", r"move\s+better",
    ],
}
EXPERIENCE: dict[str, list[str]] = {  # experience level -> patterns
    "beginner": [
        "beginners?", "newbie", "novice", "noob",
        r"new\s+to\s+(?:this|exercise|exercising|training|working\s+out|the\s+gym|gyms|fitness|lifting|"
        r"weights|running|sports?|strength\s+training|it)",
        r"never\s+(?:really\s+)?(?:worked\s+out|exercised|trained|lifted|been\s+to\s+(?:a|the)\s+gym|"
        r"done\s+(?:any\s+)?(?:exercise|sports?|training|strength\s+training))",
        r"just\s+(?:starting|started|getting\s+started)", r"starting\s+(?:out|from\s+(?:scratch|zero))",
        r"no\s+(?:prior\s+|previous\s+|real\s+)?experience", r"zero\s+experience", r"first\s+time", r"never\s+"
        r"(?:really\s+)?(?:did|done|do|tried)\s+(?:any\s+|much\s+)?(?:gym|weights|lifting|strength|training|workouts?)",
    ],
    "intermediate": [
        "intermediate", r"some\s+experience", r"a\s+(?:bit|little)\s+of\s+experience",
        r"(?:moderately|fairly|somewhat)\s+experienced", r"decent\s+experience", r"on\s+and\s+off",
    ],
    "advanced": [
        "advanced", r"(?:very|quite|pretty|really|highly)\s+experienced",
        r"(?:personal|fitness|strength)\s+(?:trainer|coach)", r"(?:fitness|yoga|pilates)\s+instructor",
        r"(?:i'?m|i\s+am|am)\s+(?:an?\s+)?experienced",
        r"experienced\s+(?:lifter|runner|athlete|trainee|gym-?goer|cyclist|swimmer)", "seasoned",
        r"compet(?:e|ed|itive|ing)\s+(?:in\s+)?\w+", r"(?:former|professional|pro|elite)\s+athlete", "powerlifter",
        "bodybuilder",
    ],
}
ACTIVE: dict[str, list[str]] = {  # active in the last months: yes/no -> patterns
    "no": [
        "sedentary", "inactive", r"couch\s+potato",
        r"not\s+(?:very\s+|really\s+|currently\s+|that\s+|at\s+all\s+|too\s+)?active",
        r"(?:don'?t|do\s+not|never|rarely|hardly(?:\s+ever)?|barely)\s+(?:really\s+|ever\s+)?(?:exercise|"
        r"work\s*out|train|move|do\s+(?:any\s+|much\s+)?(?:exercise|sports?|workouts?))",
        r"(?:haven'?t|have\s+not|hasn'?t)\s+(?:really\s+)?(?:exercised|worked\s+out|trained|been\s+active|"
        r"done\s+(?:any\s+)?(?:exercise|sports?)|been\s+to\s+(?:the|a)\s+gym)",
        r"not\s+(?:currently\s+)?(?:exercising|working\s+out|training)",
        r"stopped\s+(?:exercising|working\s+out|training|going\s+to\s+the\s+gym|running)",
        r"no\s+(?:regular\s+)?exercise", r"zero\s+exercise", r"(?:haven'?t|not)\s+(?:done\s+)?(?:much|any)\s+(?:exercise|workouts?)",
    ],
    "yes": [
        r"(?:i'?m|i\s+am)\s+(?:fairly\s+|pretty\s+|quite\s+|very\s+|already\s+|currently\s+|moderately\s+|"
        r"reasonably\s+|somewhat\s+)?active",
        r"currently\s+(?:active|training|exercising|working\s+out|lifting|running|going\s+to\s+the\s+gym)",
        r"i\s+(?:currently\s+|already\s+|regularly\s+|usually\s+|still\s+|normally\s+)?(?:exercise|"
        r"work\s*out|train|run|jog|swim|cycle|lift|play\s+[a-z]+|go\s+to\s+the\s+gym|do\s+(?:yoga|pilates|"
        r"crossfit|cardio))\s+(?:regularly|often|a\s+lot|every|daily|most\s+days|\d|once|twice|three|four|"
        r"five|six|a\s+few|several|on\s+weekends)",
        r"i\s+(?:regularly|already|currently|still)\s+(?:exercise|work\s*out|train|run|jog|swim|cycle|lift|go\s+to\s+the"
        r"\s+gym)", r"exercise\s+regularly", r"active\s+lifestyle", r"i\s+(?:walk|hike|cycle|bike|swim|run|jog|dance)\s+"
        r"(?:the\s+dog\s+|to\s+work\s+|a\s+lot\s+)?(?:every\s*day|daily|most\s+days|each\s+day|\d+\s+times)", r"walk\s+the\s+dog\s+(?:every\s*day|daily)",
        # "I walk an hour every day", "I swim for 45 minutes 3 times a week", "every evening I dance": a habit now
        r"i\s+(?:walk|hike|cycle|bike|swim|run|jog|dance|play\s+[a-z]+|do\s+(?:yoga|pilates|tai\s+chi))\s+"
        r"(?:[a-z0-9.]+\s+){0,4}?(?:every\s*day|daily|most\s+days|each\s+day|every\s+(?:morning|evening|night)|"
        r"[3-7]\s*(?:x|times)\s+(?:a|per)\s+week)",
        r"(?:every\s*day|daily|every\s+(?:morning|evening|night))\s+i\s+(?:walk|hike|cycle|bike|swim|run|jog|dance|"
        r"play|do\s+(?:yoga|pilates|tai\s+chi)|go\s+(?:for\s+a\s+)?(?:walk|run|swim|ride))",
    ],
}
SEX: dict[str, list[str]] = {  # sex -> patterns (other first)
    "other": [r"non-?\s?binary", "enby", "genderqueer", r"gender\s*fluid", "agender"],
    "female": [
        r"trans\s*woman",
        r"(?:i'?m|i\s+am)\s+(?:an?\s+)?(?:\d+\s*(?:-?\s*(?:years?|yrs?|y/?o)(?:[- ]old)?)?\s*)?(?:woman|"
        "girl|lady|gal|female|mom|mum|mother)",
        "female", r"(?:sex|gender)\s*(?::|is|=)?\s*(?:f|w)(?![a-z])", r"as\s+a\s+woman",
    ],
    "male": [
        r"trans\s*man",
        r"(?:i'?m|i\s+am)\s+(?:an?\s+)?(?:\d+\s*(?:-?\s*(?:years?|yrs?|y/?o)(?:[- ]old)?)?\s*)?(?:man|guy|"
        "dude|boy|male|gentleman|dad|father)",
        "male", r"(?:sex|gender)\s*(?::|is|=)?\s*m(?![a-z])", r"as\s+a\s+man",
    ],
}
ACTIVITIES: dict[str, list[str]] = {  # activity -> patterns (likes and dislikes)
    "running": ["run(?:ning|s)?", "jog(?:ging|s)?"],
    "cycling": [
        "cycling", "biking", r"bike\s+rides?", r"riding\s+(?:a\s+|my\s+)?bikes?",
        r"spin(?:ning)?(?:\s+class(?:es)?)?",
    ],
    "swimming": ["swim(?:ming|s)?"],
    "walking": ["walk(?:ing|s)?"],
    "hiking": ["hik(?:ing|es?)", "trekking"],
    "yoga": ["yoga"],
    "pilates": ["pilates"],
    "dancing": ["danc(?:ing|e|es)", "zumba"],
    "weightlifting": [
        r"weight\s*-?\s*lifting", r"lifting(?:\s+weights)?", r"strength\s+training", r"weight\s+training",
        r"resistance\s+training",
    ],
    "hiit": ["hiit", r"interval\s+training", "circuits?", "burpees"],
    "boxing": ["(?:kick)?boxing"],
    "rowing": ["rowing"],
    "climbing": ["climbing", "bouldering"],
    "tennis": ["tennis"],
    "basketball": ["basketball"],
    "football": ["football", "soccer"],
    "badminton": ["badminton"],
    "table_tennis": [r"table\s+tennis", r"ping\s*-?\s*pong"],
    "jump_rope": [r"jump(?:ing)?\s+rope", r"skipping(?:\s+rope)?"],
    "tai_chi": [r"tai\s*-?\s*chi"],
}
SENTIMENT: dict[str, list[str]] = {  # dislike first so "don't like" wins over "like"
    "dislike": [
        "hate[sd]?", "dislikes?", "loathe", "detest", "despise", r"can'?t\s+stand", r"cannot\s+stand",
        r"can'?t\s+bear", r"not\s+(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of", r"not\s+(?:really\s+)?into",
        r"no\s+fan\s+of",
        r"(?:do\s+not|don'?t|doesn'?t|never|really\s+don'?t)\s+(?:really\s+|much\s+|particularly\s+|"
        r"like\s+to\s+)?(?:like|enjoy|love)",
        "avoid", r"(?:bored|sick|tired)\s+(?:of|by|with)",
    ],
    "like": [
        r"(?:i|we)\s+(?:really\s+|also\s+|do\s+|kinda\s+|kind\s+of\s+|quite\s+|absolutely\s+|"
        r"definitely\s+|actually\s+|just\s+|still\s+|especially\s+){0,3}(?:like|love|enjoy|prefer|adore)",
        "loves?", "enjoys?", "prefers?", "adores?", r"(?:i'?m|i\s+am|really|big)\s+into", r"fan\s+of",
        r"fond\s+of", r"keen\s+on", r"likes\s*:", r"fav(?:ou)?rites?(?:\s+\w+)?\s+(?:is|are)",
    ],
}
