"""Conditions people write in that physician review 12 found unrecognised: their codes, spellings and what each brings.

Parkinson's disease is the engine's `parkinsons` (coach.planning.supported's NEURO_CONDITIONS; kb-parkinsons-001).
Peripheral neuropathy is a known condition with the ADA's foot care (kb-diabetes-004, Colberg 2016). Obstructive sleep
apnoea is a risk factor like prediabetes (kb-sleep-apnoea-001, NHS): a reason, no cap. Osteoarthritis written in
Chinese reads as the English does ("hip osteoarthritis" → osteoarthritis, no injury area). A local musculoskeletal
problem written as a condition takes its injury area's rules (as low_back_pain → lower_back) instead of the
unknown-condition cap: sciatica is low-back pain; the rest map to the area they are in. coach.domain.written_in merges
these into its lists."""
from __future__ import annotations

# a written-in condition → the injury area whose rules it takes
MORE_INJURIES = {
    "rotator_cuff_tendinopathy": "shoulder", "shoulder_impingement": "shoulder", "frozen_shoulder": "shoulder",
    "tennis_elbow": "elbow", "golfers_elbow": "elbow", "plantar_fasciitis": "ankle", "achilles_tendinopathy": "ankle",
    "patellofemoral_pain": "knee", "knee_replacement": "knee", "hip_replacement": "hip",
    "shoulder_replacement": "shoulder"}
# a joint replacement (arthroplasty) keeps its injury area's rules and brings kb-joint-replacement-001's own
# (review 13): a moderate cap, no running or jumping, range-of-motion work (coach.safety.joint_replacement);
# "joint_replacement" names no joint, so no injury area
JOINT_REPLACEMENTS = ("knee_replacement", "hip_replacement", "shoulder_replacement", "joint_replacement")
MORE_CONDITIONS = ("parkinsons", "peripheral_neuropathy", "joint_replacement")
# words beside a known name that change what it means (review 13): not had yet ("awaiting knee replacement"), or a
# complication ("knee replacement infection", "revision"). Such a condition is kept as written, so screening reports
# it by name under the unknown-condition cap (moderate at most, ask your doctor) instead of absorbing it.
UNSETTLED = frozenset(("planned", "waiting", "awaiting", "await", "scheduled", "upcoming", "pending", "candidate",
                       "considering", "referred", "future", "infection", "infected", "revision", "revised", "failed",
                       "dislocation", "dislocated", "loosening", "loose", "complication", "complications"))

_PARKINSONS = ("parkinson", "parkinson's", "parkinson’s", "parkinsons_disease", "parkinson's_disease",
               "parkinson’s_disease", "parkinson_disease", "parkinson_s_disease", "parkinson_s", "pd",
               "parkinsonism", "idiopathic_parkinson's_disease", "idiopathic_parkinsons_disease",
               "帕金森", "帕金森病", "帕金森氏病", "帕金森综合征", "帕金森症")
_NEUROPATHY = ("peripheral_neuropathy", "diabetic_neuropathy", "diabetic_peripheral_neuropathy",
               "peripheral_nerve_damage", "polyneuropathy", "peripheral_polyneuropathy", "numb_feet",
               "周围神经病变", "周围神经病", "糖尿病周围神经病变", "糖尿病神经病变", "末梢神经炎", "周围神经炎")
_SLEEP_APNOEA = ("sleep_apnea", "obstructive_sleep_apnoea", "obstructive_sleep_apnea", "osa", "osas", "osahs",
                 "sleep_apnoea_syndrome", "sleep_apnea_syndrome", "obstructive_sleep_apnoea_hypopnoea_syndrome",
                 "睡眠呼吸暂停", "阻塞性睡眠呼吸暂停", "睡眠呼吸暂停综合征", "阻塞性睡眠呼吸暂停综合征",
                 "睡眠呼吸暂停低通气综合征", "阻塞性睡眠呼吸暂停低通气综合征")
_OSTEOARTHRITIS = ("骨关节炎", "骨性关节炎", "退行性关节炎", "髋关节骨关节炎", "髋关节炎", "髋骨关节炎",
                   "髋关节骨性关节炎", "膝关节骨关节炎", "膝骨关节炎", "膝关节炎", "膝关节骨性关节炎",
                   "膝骨性关节炎")
_LOW_BACK = ("sciatica", "sciatic_pain", "sciatic_nerve_pain", "lumbar_radiculopathy", "坐骨神经痛")
_SPELLINGS = {
    "rotator_cuff_tendinopathy": ("rotator_cuff", "rotator_cuff_tendinitis", "rotator_cuff_tendonitis",
                                  "rotator_cuff_tendinosis", "rotator_cuff_tear", "rotator_cuff_injury",
                                  "rotator_cuff_strain", "rotator_cuff_related_shoulder_pain", "cuff_tendinopathy",
                                  "supraspinatus_tendinopathy", "supraspinatus_tear", "肩袖损伤", "肩袖撕裂",
                                  "肩袖肌腱炎", "肩袖肌腱病", "冈上肌腱炎"),
    "shoulder_impingement": ("subacromial_impingement", "shoulder_impingement_syndrome",
                             "subacromial_pain_syndrome", "肩峰撞击综合征", "肩撞击综合征", "肩峰下撞击综合征"),
    "frozen_shoulder": ("adhesive_capsulitis", "肩周炎", "冻结肩", "粘连性肩关节囊炎"),
    "tennis_elbow": ("lateral_epicondylitis", "lateral_epicondylalgia", "lateral_elbow_tendinopathy", "网球肘",
                     "肱骨外上髁炎"),
    "golfers_elbow": ("golfer's_elbow", "golfer’s_elbow", "golfer_elbow", "medial_epicondylitis",
                      "medial_elbow_tendinopathy", "高尔夫球肘", "肱骨内上髁炎"),
    "plantar_fasciitis": ("plantar_fasciopathy", "plantar_heel_pain", "足底筋膜炎", "跖筋膜炎"),
    "achilles_tendinopathy": ("achilles_tendinitis", "achilles_tendonitis", "achilles_tendinosis",
                              "achilles_tendon_pain", "跟腱炎", "跟腱病", "跟腱病变"),
    "patellofemoral_pain": ("patellofemoral_pain_syndrome", "pfps", "pfp", "runner's_knee", "runners_knee",
                            "runner’s_knee", "runner_knee", "chondromalacia_patellae", "anterior_knee_pain",
                            "髌股疼痛综合征", "髌股关节疼痛", "跑步膝", "跑者膝", "髌骨软化症", "髌骨软化"),
    "knee_replacement": ("tkr", "tka", "total_knee_replacement", "total_knee_arthroplasty", "knee_arthroplasty",
                         "partial_knee_replacement", "unicompartmental_knee_replacement", "uka", "ukr",
                         "knee_joint_replacement", "knee_replaced", "replaced_knee", "new_knee", "artificial_knee",
                         "knee_prosthesis", "total_knee", "膝关节置换", "全膝关节置换", "膝关节置换术",
                         "全膝关节置换术", "膝置换", "全膝置换", "人工膝关节", "人工膝关节置换", "单髁置换",
                         "膝关节单髁置换"),
    "hip_replacement": ("thr", "tha", "total_hip_replacement", "total_hip_arthroplasty", "hip_arthroplasty",
                        "hip_joint_replacement", "hip_replaced", "replaced_hip", "new_hip", "artificial_hip",
                        "hip_prosthesis", "hip_resurfacing", "total_hip", "partial_hip_replacement",
                        "hip_hemiarthroplasty", "髋关节置换", "全髋关节置换", "髋关节置换术", "全髋关节置换术",
                        "髋置换", "全髋置换", "人工髋关节", "人工髋关节置换", "人工股骨头置换", "股骨头置换",
                        "髋关节表面置换"),
    "shoulder_replacement": ("total_shoulder_replacement", "shoulder_arthroplasty", "total_shoulder_arthroplasty",
                             "reverse_shoulder_replacement", "reverse_shoulder_arthroplasty", "tsa", "rsa",
                             "shoulder_joint_replacement", "shoulder_replaced", "artificial_shoulder",
                             "shoulder_prosthesis", "肩关节置换", "全肩关节置换", "反肩关节置换", "肩关节置换术",
                             "人工肩关节", "肩置换"),
    "joint_replacement": ("arthroplasty", "joint_arthroplasty", "total_joint_replacement", "total_joint_arthroplasty",
                          "artificial_joint", "joint_prosthesis", "关节置换", "关节置换术", "人工关节",
                          "人工关节置换"),
}
MORE_ALIASES = {
    **dict.fromkeys(_PARKINSONS, "parkinsons"), **dict.fromkeys(_NEUROPATHY, "peripheral_neuropathy"),
    **dict.fromkeys(_SLEEP_APNOEA, "sleep_apnoea"), **dict.fromkeys(_OSTEOARTHRITIS, "osteoarthritis"),
    **dict.fromkeys(_LOW_BACK, "low_back_pain"),
    **{alias: code for code, aliases in _SPELLINGS.items() for alias in aliases},
}
