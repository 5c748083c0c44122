"""Word tables (data only) for medications and the conditions added with them, in English and Chinese.

Codes are those of coach.domain.vocab (MEDICATIONS, KNOWN_CONDITIONS). English patterns are matched between
letter boundaries, case-insensitively; Chinese ones anywhere. A medicine not listed here is kept as typed only
when the person answers the medications question (coach/dialogue/steps.py).
"""
from __future__ import annotations

MEDICATIONS_EN: dict[str, list[str]] = {
    "beta_blocker": [
        r"beta[\s-]*blockers?", r"β[\s-]*blockers?", "[a-z]+olol", "bisoprolol", "metoprolol", "atenolol",
        "propranolol", "carvedilol", "nebivolol",
    ],
    "insulin": ["insulin", "lantus", "novorapid", "humalog", "levemir", "tresiba", r"insulin\s+pump"],
    "sulfonylurea": [
        "sulfonylureas?", "sulphonylureas?", "gliclazide", "glipizide", "glimepiride", "glibenclamide",
        "glyburide", "diamicron",
    ],
    "anticoagulant": [
        "anticoagulants?", r"blood[\s-]*thinners?", "warfarin", "coumadin", "apixaban", "eliquis", "rivaroxaban",
        "xarelto", "dabigatran", "pradaxa", "edoxaban", "heparin",
    ],
    # statins by name (never a bare "statin" word inside another: nystatin is an antifungal) - kb-statins-001
    "statin": ["statins?", "[a-z]+vastatin", "lipitor", "crestor", "zocor"],
    "antiplatelet": ["antiplatelets?", "clopidogrel", "plavix", "ticagrelor", "brilinta", "prasugrel", "dipyridamole",
                     r"(?:low[\s-]*dose\s+|baby\s+)?aspirin"],
    # blood-pressure medicine named as a kind, or a common one by name (calcium-channel blockers, ACE inhibitors,
    # ARBs, thiazide-type diuretics)
    "antihypertensive": [
        "antihypertensives?", r"anti-hypertensives?", "[a-z]+dipine", "(?!april)[a-z]{2,}pril", "[a-z]+sartan", "norvasc",
        "hydrochlorothiazide", "hctz", "chlorthalidone", "indapamide", "bendroflumethiazide",
        r"(?:high\s+)?(?:blood\s+pressure|bp)\s+(?:pills?|tablets?|meds?|medications?|medicines?|drugs?|treatment)",
        r"(?:pills?|tablets?|meds?|medications?|medicines?)\s+for\s+(?:my\s+)?(?:high\s+)?(?:blood\s+pressure|bp|hypertension)",
    ],
}
MEDICATIONS_ZH: dict[str, list[str]] = {
    "beta_blocker": ["β受体阻滞剂", "贝塔阻滞剂", "受体阻滞剂", "倍他乐克", "美托洛尔", "比索洛尔", "阿替洛尔", "普萘洛尔", "卡维地洛"],
    "insulin": ["胰岛素", "打针降糖"],
    "sulfonylurea": ["磺脲类", "格列齐特", "格列吡嗪", "格列美脲", "格列本脲", "达美康"],
    "antihypertensive": ["降压药", "降血压(?:的)?药", "高血压(?:的)?药", "血压药", "[氨硝非尼左].{0,2}地平", "络活喜",
                         "[缬氯厄替坎奥].?沙坦", "[依贝培雷赖卡福].?普利", "氢氯噻嗪", "吲达帕胺"],
    "statin": ["他汀", "立普妥", "可定"],
    "antiplatelet": ["氯吡格雷", "波立维", "替格瑞洛", "倍林达", "阿司匹林"],
    "anticoagulant": ["抗凝药", "抗凝剂", "抗凝血", "华法林", "利伐沙班", "阿哌沙班", "达比加群", "肝素", "血液稀释剂"],
}
# conditions beyond the original nine; matched after the core table (a fib is no longer "heart disease")
CONDITIONS_EN: dict[str, list[str]] = {
    "atrial_fibrillation": ["a-?fib", r"atrial\s+fibrillation", r"atrial\s+flutter"],
    "stroke": ["strokes?", "cva", "tia", r"mini-?strokes?", r"transient\s+isch(?:a)?emic\s+attacks?"],
    "copd": ["copd", "emphysema", r"chronic\s+bronchitis", r"chronic\s+obstructive\s+pulmonary\s+disease"],
    "pacemaker": ["pacemakers?", "icd", "defibrillators?", r"implanted\s+(?:cardiac\s+)?device"],
    "postpartum": [r"post-?partum", r"post-?natal", r"(?:just\s+|recently\s+)?(?:gave|given)\s+birth",
                   r"had\s+(?:a|my)\s+baby"],
    "caesarean": [r"c(?:a)?esarean(?:\s+section)?", r"c-?section"],
    "diastasis_recti": [r"diastasis(?:\s+recti)?", r"(?:abdominal|tummy|stomach)\s+(?:muscle\s+)?separation"],
}
CONDITIONS_ZH: dict[str, list[str]] = {
    "atrial_fibrillation": ["房颤", "心房颤动", "心房扑动"],
    "stroke": ["中风", "脑卒中", "脑梗", "脑梗塞", "脑出血", "短暂性脑缺血"],
    "copd": ["慢阻肺", "慢性阻塞性肺", "肺气肿", "慢性支气管炎"],
    "pacemaker": ["起搏器", "除颤器"],
    "postpartum": ["产后", "生完孩子", "生完宝宝", "坐月子"],
    "caesarean": ["剖腹产", "剖宫产"],
    "diastasis_recti": ["腹直肌分离"],
}
# medications as a whole, so "no meds" / "不吃药" answer the medications question with none
GENERAL_EN: dict[str, list[str]] = {
    "medications": [r"meds", r"medications?", r"medicines?", r"pills", r"tablets", r"prescriptions?"],
}
GENERAL_ZH: dict[str, list[str]] = {
    "medications": ["吃药", "用药", "服药", "药物", "药"],
}

# being ill: one word list for the illness advice (coach.intake.changes.unwell, told in the first person) and for
# the search words that find its passage (coach.services.knowledge_query, any message naming it)
ILL_CAUGHT_EN = r"(?:have|got|caught|with|had)\s+(?:a|the)\s+(?:cold|flu|bug|virus|stomach\s+bug)"
ILL_STATE_EN = r"(?:sick|ill|unwell|feverish)"
ILLNESS_EN = r"(?:fever|(?:the\s+)?flu|covid|sore\s+throat|runny\s+nose|stuffy\s+nose|blocked\s+nose)"
ILLNESS_ZH = r"(?:感冒|发烧|发热|生病|病了|嗓子疼|喉咙痛|流鼻涕|鼻塞|拉肚子)"
