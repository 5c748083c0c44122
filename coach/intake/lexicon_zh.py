"""Chinese words and phrases the intake parser reads: data only (no logic), paired with lexicon_en.

Synonym tables map a code to regex alternatives matched as written (Chinese has no word boundaries).
"""
from __future__ import annotations

# --------------------------------------------------------------------------- numbers and units
CN_DIGITS: dict[str, int] = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_ONE_KEEP_NEXT = frozenset("般直些下起样定切旦边共向会半生辈致律同")  # 一般, 一直 ... are not numbers
CN_ONE_KEEP_PREV = frozenset("统唯第同专万不之")                          # 统一, 第一, 不一样 ...
CN_WEEKDAYS: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
WEIGHT_UNITS: dict[str, str] = {"公斤": "kg", "千克": "kg", "磅": "lb", "斤": "jin"}
CM_UNITS = ("厘米", "公分")
M_UNITS = ("米",)
DURATIONS: dict[str, str] = {"天": "day", "日": "day", "周": "week", "星期": "week", "礼拜": "week", "月": "month",
                             "年": "year"}

# --------------------------------------------------------------------------- dates and times
SEASON_DATES: dict[str, tuple[int, int]] = {  # (month, day) a deadline word stands for
    "年底": (12, 31), "年末": (12, 31), "夏天": (6, 1), "夏季": (6, 1),
}
PM_PERIODS = frozenset({"下午", "傍晚", "晚上", "夜里", "夜晚", "晚间", "今晚"})
TIMEZONES: list[tuple[str, str]] = [  # (pattern, IANA zone)
    ("北京时间|东八区|北京|上海|中国|深圳|广州|杭州|成都|南京|武汉|西安|重庆|天津|苏州", "Asia/Shanghai"),
    ("香港", "Asia/Hong_Kong"),
    ("台北|台湾", "Asia/Taipei"),
    ("伦敦|英国", "Europe/London"),
    ("纽约", "America/New_York"),
    ("洛杉矶|旧金山", "America/Los_Angeles"),
    ("芝加哥", "America/Chicago"),
    ("柏林|德国", "Europe/Berlin"),
    ("巴黎|法国", "Europe/Paris"),
    ("东京|日本", "Asia/Tokyo"),
    ("新加坡", "Asia/Singapore"),
    ("悉尼", "Australia/Sydney"),
    ("墨尔本", "Australia/Melbourne"),
    ("首尔|韩国", "Asia/Seoul"),
    ("多伦多", "America/Toronto"),
    ("印度", "Asia/Kolkata"),
    ("莫斯科", "Europe/Moscow"),
    ("迪拜", "Asia/Dubai"),
]

# --------------------------------------------------------------------------- short answers
YES_WORDS = frozenset({"是", "是的", "好", "好的", "同意", "我同意", "可以", "行", "对", "嗯", "没问题", "确定", "有"})
NO_WORDS = frozenset({"否", "不", "不是", "没有", "没", "不同意", "不要", "不行", "不用", "不可以", "无", "不对", "拒绝"})
SKIP_WORDS = frozenset({"跳过", "不知道", "不清楚", "略过"})
NONE_ANSWERS = ("没有", "没", "无", "都没有", "都没", "不", "没有的", "一个都没有", "什么都没有")
ENUM_ANSWERS: dict[str, dict[str, str]] = {  # short answers that only make sense as a reply
    "sex": {"男": "male", "男性": "male", "女": "female", "女性": "female", "其他": "other", "其它": "other"},
    "experience": {"初级": "beginner", "没有": "beginner"},
    "goal": {"健康": "general_health", "减肥": "fat_loss", "增肌": "muscle_gain", "耐力": "endurance",
             "灵活性": "mobility", "柔韧性": "mobility"},
}

# --------------------------------------------------------------------------- who a sentence is about
FAMILY = ("老婆", "老公", "妻子", "丈夫", "爱人", "儿子", "女儿", "孩子", "妈妈", "爸爸", "父亲", "母亲", "父母", "家人",
          "家里人", "家族", "哥哥", "姐姐", "弟弟", "妹妹", "朋友", "奶奶", "爷爷", "外婆", "外公", "我妈", "我爸")
FIRST_PERSON = "我(?![爸妈老家父母哥姐弟妹儿女朋])"
DESIRE = ("想", "希望", "打算", "计划", "准备", "目标")

# --------------------------------------------------------------------------- injuries: words that make a body part one
INJURY_SELF_CUES = ("半月板", "韧带", "崴", "跟腱")
INJURY_CUES = ("伤", "疼", "痛", "酸", "不好", "问题", "手术", "扭", "劳损", "突出", "炎", "不舒服", "毛病", "损", "撕裂",
               "骨折", "崴", "不行", "康复", "不适")

# --------------------------------------------------------------------------- synonym tables
SYMPTOMS: dict[str, list[str]] = {  # symptom code -> patterns
    "chest_pain": [
        "胸(?:口|部|前)?(?:有时候?|偶尔|经常|总是|老是|时常|一直|会|突然|还|也)*(?:有点|有些|很|特别|非常|发)?(?:疼|痛|闷|发紧|紧|不舒服|压迫|刺痛|憋)",
        "心口(?:疼|痛|闷)", "心绞痛",
    ],
    "fainting": ["晕倒", "昏倒", "昏厥", "晕厥", "晕过去", "昏过去", "失去意识", "不省人事", "休克"],
    "dizziness": ["头晕", "头昏", "晕眩", "眩晕", "头重脚轻", "天旋地转", "眼前发黑", "发晕", "犯晕"],
    "shortness_of_breath": ["喘不上气", "喘不过气", "呼吸困难", "气短", "气喘", "上不来气", "透不过气", "呼吸急促", "气急", "喘不动", "憋气"],
    "palpitations": [
        "心慌", "心悸", "心里发慌", "心律不齐", "心跳漏拍", "心乱跳",
        "心跳(?:得)?(?:有时候?|偶尔|经常|总是|老是|时常|会|突然|还|也)*(?:很|特别|非常|好|太|有点|过|突然)?(?:快|乱|不齐|不规律|加速|紊乱)",
    ],
    "ankle_swelling": ["(?:脚踝|踝|脚|腿|下肢|小腿)(?:部)?(?:会|经常|有点|有些)?(?:肿|水肿|浮肿)"],
    "leg_pain_walking": [
        "走(?:路|一会儿?|几步|久了|远了|一段)?(?:的)?(?:时候|时)?(?:就|会)?(?:腿|小腿|大腿)(?:就|会|有点|很)?(?:疼|痛|酸痛|抽筋|发酸)",
        "(?:腿|小腿)(?:在)?走路(?:的)?(?:时候|时)?(?:会|就)?(?:疼|痛)",
    ],
}
CONDITIONS: dict[str, list[str]] = {  # condition code -> patterns; _skip: look-alikes to ignore
    "_skip": ["糖尿病前期"],
    "hypertension": ["高血压", "血压(?:有点|有些|比较|偏|很)?高"],
    "type1_diabetes": ["1型糖尿病", "i型糖尿病"],
    "type2_diabetes": ["2型糖尿病", "ii型糖尿病", "糖尿病"],
    "heart_disease": [
        "心脏病", "冠心病", "心梗", "心肌梗[死塞]", "心衰", "心力衰竭", "心脏不好", "心脏有问题", "心脏问题", "心脏支架", "支架", "房颤", "心律失常", "心脏手术",
        "搭桥",
    ],
    "asthma": ["哮喘"],
    "pregnancy": ["怀孕", "孕期", "孕妇", "怀了宝宝", "有身孕", "孕早期", "孕中期", "孕晚期"],
    "osteoporosis": ["骨质疏松", "骨密度低"],
    "osteoarthritis": ["骨关节炎", "关节炎", "关节退化", "骨质增生"],
    "kidney_disease": ["肾病", "肾脏病", "肾功能不全", "肾衰(?:竭)?", "肾不好", "慢性肾", "透析"],
}
INJURIES: dict[str, list[str]] = {  # body part -> patterns
    "knee": ["膝盖", "膝关节", "膝", "半月板", "十字韧带", "髌骨"],
    "lower_back": ["腰(?!围|带|包|果|部以上)", "腰椎", "下背", "坐骨神经"],
    "shoulder": ["肩膀", "肩关节", "肩周", "肩袖", "肩(?!负)"],
    "wrist": ["手腕", "腕关节", "腕"],
    "ankle": ["脚踝", "踝关节", "踝", "崴(?:了)?脚", "跟腱"],
    "hip": ["髋关节", "髋部", "髋", "胯"],
    "neck": ["脖子", "颈椎", "颈部", "颈"],
    "elbow": ["手肘", "肘关节", "肘部", "肘", "网球肘", "高尔夫球肘"],
}
EQUIPMENT: dict[str, list[str]] = {  # equipment code -> patterns
    "dumbbells": ["哑铃"],
    "kettlebell": ["壶铃"],
    "barbell": ["杠铃", "深蹲架", "卧推架"],
    "bands": ["弹力带", "阻力带", "拉力带", "弹力绳", "拉力绳", "弹力圈"],
    "pullup_bar": ["单杠", "引体向上杆", "引体杆", "引体向上架"],
    "bench": ["卧推凳", "训练凳", "健身凳", "哑铃凳", "长凳"],
    "machines": ["龙门架", "史密斯机?", "腿举机", "固定器械", "拉力器"],
    "gym": ["健身房", "健身中心", "健身馆", "健身俱乐部"],
    "bike": ["动感单车", "健身车", "自行车", "室内单车", "单车"],
    "treadmill": ["跑步机"],
    "pool": ["游泳池", "泳池", "游泳馆"],
}
GENERAL_TERMS: dict[str, list[str]] = {  # a list field as a whole ("no injuries")
    "injuries": ["伤病", "伤痛", "受伤", "受过伤", "伤(?!心|感|脑筋|害|口)"],
    "conditions": ["慢性病", "基础病", "基础疾病", "疾病", "病史", "健康问题", "病(?!了)"],
    "symptoms": ["症状", "不适"],
    "equipment": ["健身器材", "健身器械", "器械", "器材", "设备"],
}
EMPTY_PHRASES: dict[str, list[str]] = {  # phrases that mean "none" for a list field
    "equipment": ["徒手", "自重", "空手"],
}
GOALS: dict[str, list[str]] = {  # goal code -> patterns
    "fat_loss": [
        "减肥", "减脂", "瘦身", "减重", "瘦下来", "变瘦", "刷脂", "燃脂", "掉秤", "减掉", r"瘦(?=\d)", r"减(?=\d)", "想瘦", "要瘦", "瘦一点",
        "瘦点",
    ],
    "muscle_gain": ["增肌", "长肌肉", "练肌肉", "增重", "变壮", "变强壮", "增加力量", "提高力量", "练大", "增加肌肉", "长肉"],
    "endurance": ["马拉松", "半马", "全马", "耐力", "体能", "心肺", "铁人三项", r"跑完(?=\d|全程|半程)", r"跑进(?=\d)"],
    "general_health": [
        "保持健康", "为了健康", "更健康", "健康为主", "改善健康", "强身健体", "增强体质", "提高体质", "锻炼身体", "保持身材", "健康一点", "变健康",
    ],
    "mobility": ["柔韧", "灵活性", "拉伸", "活动度", "体态", "柔软度"],
}
EXPERIENCE: dict[str, list[str]] = {  # experience level -> patterns
    "beginner": [
        "新手", "小白", "初学者", "零基础", "没有?(?:什么)?(?:运动|健身|锻炼|训练)?基础", "刚开始", "刚入门", "菜鸟", "从来没(?:有)?(?:练|运动|锻炼|健身)过",
        "没(?:有)?(?:怎么)?(?:练|运动|锻炼|健身)过", "没有?经验",
    ],
    "intermediate": ["中级", "有(?:一定|一些|点)(?:的)?(?:基础|经验)", "有基础", "练过一段时间", "中等水平"],
    "advanced": ["高级", "资深", "老手", "练了很多年", "多年(?:的)?(?:健身|训练)?经验", "专业运动员"],
}
ACTIVE: dict[str, list[str]] = {  # active in the last months: yes/no -> patterns
    "no": [
        "不(?:怎么|太|常|爱)?(?:运动|锻炼|健身)", "很少(?:运动|锻炼|健身)", "(?:几乎|基本)不(?:运动|锻炼)", "从不(?:运动|锻炼)",
        "没有?(?:运动|锻炼)(?:的)?习惯", "(?:好久|很久|好几年|几年|多年|一直)没(?:有)?(?:运动|锻炼|练|健身)", "久坐",
        "(?:现在|目前|平时)(?:没有?|不)(?:在)?(?:运动|锻炼|练|健身)",
    ],
    "yes": [
        "(?:平时|现在|目前|一直|经常|坚持)(?:都|也|还)?(?:有|会|在)?(?:运动|锻炼|健身|跑步|练|训练|打球|游泳)", "有(?:运动|锻炼|健身)(?:的)?习惯",
        "一直在(?:练|运动|锻炼|健身|跑)",
    ],
}
SEX: dict[str, list[str]] = {  # sex -> patterns (other first)
    "other": ["非二元", "其他性别"],
    "female": [
        r"性别\s*(?:是|为|:)?\s*女", "我(?:是)?(?:一[个名位])?女(?!朋友|友|孩子|儿|人)", "女性", "女生",
        r"(?:^|(?<=[\s,;.]))女(?:的|士)?(?=$|[\s,;.!]|\d)", "岁(?:的)?女(?!儿|朋友|孩)",
    ],
    "male": [
        r"性别\s*(?:是|为|:)?\s*男", "我(?:是)?(?:一[个名位])?男(?!朋友|友|孩子|儿|人)", "男性", "男生",
        r"(?:^|(?<=[\s,;.]))男(?:的|士)?(?=$|[\s,;.!]|\d)", "岁(?:的)?男(?!朋友|孩)",
    ],
}
ACTIVITIES: dict[str, list[str]] = {  # activity -> patterns (likes and dislikes)
    "running": ["跑步", "慢跑", "夜跑", "晨跑", "长跑"],
    "cycling": ["骑车", "骑行", "骑自行车", "单车"],
    "swimming": ["游泳"],
    "walking": ["走路", "散步", "快走", "健走"],
    "hiking": ["徒步", "爬山"],
    "yoga": ["瑜伽", "瑜珈"],
    "pilates": ["普拉提"],
    "dancing": ["跳舞", "舞蹈", "广场舞", "尊巴"],
    "weightlifting": ["撸铁", "举铁", "力量训练", "举重"],
    "hiit": ["间歇训练"],
    "boxing": ["拳击"],
    "rowing": ["划船"],
    "climbing": ["攀岩"],
    "tennis": ["网球"],
    "basketball": ["篮球"],
    "football": ["足球"],
    "badminton": ["羽毛球"],
    "table_tennis": ["乒乓球"],
    "jump_rope": ["跳绳"],
    "tai_chi": ["太极(?:拳)?"],
}
SENTIMENT: dict[str, list[str]] = {  # dislike first so "don't like" wins over "like"
    "dislike": ["不(?:太|怎么|是很|大|喜欢)?喜欢", "讨厌", "不爱", "受不了", "不想", "怕", "烦"],
    "like": ["喜欢", "热爱", "享受", "偏爱", "偏好", "钟爱", "爱好是", "最爱", "(?<=[我很最超也还挺都])爱(?!人)"],
}
