"""Measure the intent layer on a labelled set (the format of tests/data/understanding_eval.jsonl): intent accuracy
per intent and per language, the confusion pairs, value exact-match, and the three classifiers compared.

    .venv/bin/python -m coach.intake.intent_eval [tests/data/understanding_eval.jsonl] [--compare]
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coach.intake import intent as ilayer
from coach.intake.intent_answers import answer_values
from coach.intake.intent_values import values_for

VALUE_INTENTS = ("howto", "feedback", "reading", "correction", "settings", "fact", "safety", "answer")
OPTIONAL_STEPS = ("sex", "resting_hr", "bp", "body_fat_pct", "sleep_hours", "target", "reminder")


@dataclass
class Report:
    n: int = 0
    correct: int = 0
    per_intent: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    per_lang: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    confusions: Counter = field(default_factory=Counter)
    values_n: int = 0
    values_ok: int = 0
    value_misses: list[tuple[str, dict, dict]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / max(self.n, 1)

    @property
    def value_accuracy(self) -> float:
        return self.values_ok / max(self.values_n, 1)

    def lines(self) -> list[str]:
        out = [f"intent accuracy {self.accuracy:.3f} ({self.correct}/{self.n}); "
               f"values exact {self.value_accuracy:.3f} ({self.values_ok}/{self.values_n})"]
        out += [f"  {k:<11} {c}/{t} = {c / max(t, 1):.3f}" for k, (c, t) in sorted(self.per_intent.items())]
        out += [f"  lang {k:<6} {c}/{t} = {c / max(t, 1):.3f}" for k, (c, t) in sorted(self.per_lang.items())]
        out += [f"  confused {a} -> {b}: {n}" for (a, b), n in self.confusions.most_common(12)]
        return out


def same(want: Any, got: Any) -> bool:
    """Equal values: numbers to 0.1, lists as sets."""
    if isinstance(want, bool) or isinstance(got, bool):
        return want == got
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return abs(float(want) - float(got)) < 0.051
    if isinstance(want, list) and isinstance(got, list):
        return sorted(map(str, want)) == sorted(map(str, got))
    return want == got


def values_match(want: dict, got: dict) -> bool:
    """Every labelled key read with its value (extra keys, e.g. a date-dependent target_weeks, are allowed)."""
    return all(k in got and same(v, got[k]) for k, v in want.items())


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict], predict: Any = None) -> Report:
    """Classify every unasked message, read every value; `predict(text) -> intent` overrides the classifier."""
    rep = Report()
    for row in rows:
        text, want, lang = row["text"], row["intent"], row.get("lang", "")
        if row.get("asked") and want == "answer":
            got_values = answer_values(row["asked"], text, optional=row["asked"] in OPTIONAL_STEPS)
        else:
            understood = None if predict else ilayer.classify(text)
            got = predict(text) if predict else understood.intent
            rep.n += 1
            rep.correct += got == want
            for key in (want,):
                rep.per_intent[key][0] += got == want
                rep.per_intent[key][1] += 1
            rep.per_lang[lang][0] += got == want
            rep.per_lang[lang][1] += 1
            if got != want:
                rep.confusions[(want, got)] += 1
                rep.misses.append((want, got, text))
            got_values = values_for(want, ilayer.to_simplified(text)) if want in VALUE_INTENTS else {}
        if want in VALUE_INTENTS and row.get("values"):
            rep.values_n += 1
            ok = values_match(row["values"], got_values)
            rep.values_ok += ok
            if not ok:
                rep.value_misses.append((text, row["values"], got_values))
    return rep


def compare(rows: list[dict]) -> dict[str, float]:
    """Logistic regression (shipped) against k-nearest neighbours and nearest centroid on the same embeddings."""
    m = ilayer.model()
    labels = np.array([ilayer.INTENTS.index(e.intent) for e in m.examples])
    cents = np.stack([m.vectors[labels == i].mean(0) if (labels == i).any() else np.zeros(m.vectors.shape[1])
                      for i in range(len(ilayer.INTENTS))])
    cents /= np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-9)
    emb = ilayer.get_embedder(ilayer.EMBEDDER)

    def knn(text: str, k: int = 7) -> str:
        sims = m.vectors @ emb.embed_query(text)
        votes = np.bincount(labels[np.argsort(-sims)[:k]], minlength=len(ilayer.INTENTS))
        return ilayer.INTENTS[int(votes.argmax())]

    def centroid(text: str) -> str:
        return ilayer.INTENTS[int((cents @ emb.embed_query(text)).argmax())]
    unasked = [r for r in rows if not r.get("asked")]
    return {"logreg": evaluate(unasked).accuracy, "knn7": evaluate(unasked, knn).accuracy,
            "centroid": evaluate(unasked, centroid).accuracy}


def cross_validate(folds: int = 5) -> dict[tuple[float, float], float]:
    """Accuracy of the logistic regression by k-fold cross-validation on the training set, per (l2, feature scale)."""
    m = ilayer.model()
    y = np.array([ilayer.INTENTS.index(e.intent) for e in m.examples])
    feats = np.array([ilayer.features(e.text) for e in m.examples], np.float32)
    fold = np.arange(len(y)) % folds
    out = {}
    for l2 in (1e-4, 1e-3, 1e-2):
        for scale in (0.0, 1.0, 3.0):
            hits = 0
            for k in range(folds):
                tr, te = fold != k, fold == k
                mu, sd = ilayer.standardiser(m.vectors[tr])
                x = np.hstack([(m.vectors - mu) / sd, scale * feats])
                w, b = ilayer.train_logreg(x[tr], y[tr], len(ilayer.INTENTS), l2=l2)
                hits += int(((x[te] @ w + b).argmax(1) == y[te]).sum())
            out[(l2, scale)] = hits / len(y)
    return out


def main(argv: list[str]) -> None:
    path = Path(next((a for a in argv if not a.startswith("--")), "tests/data/understanding_eval.jsonl"))
    rows = load(path)
    rep = evaluate(rows)
    print("\n".join(rep.lines()))
    for want, got, text in rep.misses:
        print(f"  miss {want} -> {got}: {text}")
    for text, want, got in rep.value_misses:
        print(f"  value {text!r}: want {want} got {got}")
    if "--compare" in argv:
        print(compare(rows))
    if "--cv" in argv:
        for key, acc in sorted(cross_validate().items(), key=lambda kv: -kv[1]):
            print(f"  cv l2={key[0]:g} feature_scale={key[1]:g}: {acc:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
