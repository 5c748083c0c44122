"""Conditions people write in that carry other conditions' rules (review 11): the codes, their spellings and what each
brings. Gestational diabetes is a pregnancy (kb-gdm-001); a vertebral (spinal compression) fracture is an osteoporotic
one (kb-osteoporosis-001, -003); heart failure is a heart disease with its own self-monitoring (kb-heart-failure-001);
pelvic girdle pain in pregnancy keeps a two-footed stance (kb-pregnancy-009); Osgood-Schlatter is a knee problem of
growing teenagers (kb-osgood-001); orthostatic hypotension gets up slowly (kb-beta-blockers-001). coach.domain.vocab merges these into its lists."""
from __future__ import annotations

from coach.domain.written_in_more import MORE_ALIASES, MORE_CONDITIONS, MORE_INJURIES

# a written-in condition → the conditions whose rules come with it (added to the profile's list when it is read)
CONDITION_IMPLIES: dict[str, tuple[str, ...]] = {
    "gestational_diabetes": ("pregnancy",), "vertebral_fracture": ("osteoporosis",),
    "heart_failure": ("heart_disease",)}
# a written-in condition → the injury area whose rules it takes (as low_back_pain → lower_back)
WRITTEN_INJURIES = {"osgood_schlatter": "knee", **MORE_INJURIES}  # review 12: written_in_more
# orthostatic (postural) hypotension: blood pressure that drops on standing up (kb-beta-blockers-001: get up slowly from
# the floor or a chair, cool down gradually, sit down if light-headed); no rapid up-and-down moves (context.py)
WRITTEN_IN_CONDITIONS = tuple(CONDITION_IMPLIES) + ("pelvic_girdle_pain",) + tuple(WRITTEN_INJURIES) \
    + ("orthostatic_hypotension",) + MORE_CONDITIONS
WRITTEN_ALIASES = {
    "gdm": "gestational_diabetes", "gestational_diabetes_mellitus": "gestational_diabetes",
    "pregnancy_diabetes": "gestational_diabetes", "diabetes_in_pregnancy": "gestational_diabetes",
    "妊娠糖尿病": "gestational_diabetes", "妊娠期糖尿病": "gestational_diabetes",
    "vertebral_fractures": "vertebral_fracture", "vertebral_compression_fracture": "vertebral_fracture",
    "spinal_compression_fracture": "vertebral_fracture", "compression_fracture": "vertebral_fracture",
    "spinal_fracture": "vertebral_fracture", "spine_fracture": "vertebral_fracture",
    "osteoporotic_vertebral_fracture": "vertebral_fracture", "fractured_vertebra": "vertebral_fracture",
    "椎体骨折": "vertebral_fracture", "椎体压缩性骨折": "vertebral_fracture", "脊柱压缩性骨折": "vertebral_fracture",
    "压缩性骨折": "vertebral_fracture", "胸椎骨折": "vertebral_fracture", "腰椎骨折": "vertebral_fracture",
    "hf": "heart_failure", "hfref": "heart_failure", "hfpef": "heart_failure", "hfmref": "heart_failure",
    "chf": "heart_failure", "congestive_heart_failure": "heart_failure", "chronic_heart_failure": "heart_failure",
    "cardiac_failure": "heart_failure", "heart_failure_with_reduced_ejection_fraction": "heart_failure",
    "心衰": "heart_failure", "心力衰竭": "heart_failure", "慢性心衰": "heart_failure", "慢性心力衰竭": "heart_failure",
    "心功能不全": "heart_failure",
    "pgp": "pelvic_girdle_pain", "spd": "pelvic_girdle_pain", "symphysis_pubis_dysfunction": "pelvic_girdle_pain",
    "pubic_symphysis_dysfunction": "pelvic_girdle_pain", "pubic_symphysis_pain": "pelvic_girdle_pain",
    "pelvic_pain_in_pregnancy": "pelvic_girdle_pain", "pregnancy_pelvic_pain": "pelvic_girdle_pain",
    "耻骨联合痛": "pelvic_girdle_pain", "耻骨联合分离": "pelvic_girdle_pain", "骨盆带疼痛": "pelvic_girdle_pain",
    "耻骨痛": "pelvic_girdle_pain", "骨盆痛": "pelvic_girdle_pain",
    "osgood": "osgood_schlatter", "osgood_schlatters": "osgood_schlatter", "osgood_schlatter's": "osgood_schlatter",
    "osgood_schlatter_disease": "osgood_schlatter", "osgood_schlatters_disease": "osgood_schlatter",
    "osgood_schlatter's_disease": "osgood_schlatter", "osgood_schlatter_syndrome": "osgood_schlatter",
    "osgood_schlatter_knee": "osgood_schlatter",
    "postural_hypotension": "orthostatic_hypotension", "orthostatic": "orthostatic_hypotension",
    "orthostatic_hypotention": "orthostatic_hypotension", "orthostatic_bp_drop": "orthostatic_hypotension",
    "orthostatic_drop_in_bp": "orthostatic_hypotension", "orthostatic_drop": "orthostatic_hypotension",
    "orthostatic_intolerance": "orthostatic_hypotension", "oh": "orthostatic_hypotension",
    "体位性低血压": "orthostatic_hypotension", "直立性低血压": "orthostatic_hypotension",
    "胫骨结节骨软骨炎": "osgood_schlatter", "胫骨粗隆骨软骨炎": "osgood_schlatter", "胫骨结节炎": "osgood_schlatter",
    **MORE_ALIASES,
}


def implied(conditions: list[str]) -> list[str]:
    """The conditions with those the written-in ones bring, in order, once each."""
    return list(dict.fromkeys(conditions + [c for x in conditions for c in CONDITION_IMPLIES.get(x, ())]))


# long-term steroid tablets: bone and muscle care (kb-steroids-001); inhaled steroids are not this class
WRITTEN_MEDICATIONS = ("oral_steroid",)
WRITTEN_MEDICATION_ALIASES = {"oral_steroids": "oral_steroid", "steroid_tablets": "oral_steroid",
                              "oral_corticosteroid": "oral_steroid", "oral_corticosteroids": "oral_steroid",
                              "corticosteroid_tablets": "oral_steroid", "glucocorticoid_tablets": "oral_steroid"}
WRITTEN_DRUG_CLASSES = dict.fromkeys(("prednisolone", "prednisone", "methylprednisolone", "medrol", "deflazacort",
                                      "泼尼松", "强的松", "甲泼尼龙", "激素片"), "oral_steroid")
