"""The readable export: a PDF in the person's language, rendered to PNG and read back (pymupdf)."""
from __future__ import annotations

import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import pymupdf
import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session

from coach.dialogue import Coach
from coach.events import Incoming
from coach.services import privacy
from coach.services.report import report_pdf
from storage import crypto, repos
from tests.coach.charts.conftest import TODAY, TYPO_DAY, build_history
from tests.conftest import _reset_pg
from tests.factories import make_user

SAMPLES = Path("/tmp/charts")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """{lang: pymupdf Document} of both people's reports (built once); page PNGs saved beside the chart samples."""
    crypto.configure(Fernet.generate_key().decode())
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        _reset_pg(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'fitcoach.db'}"
    engine, ids = build_history(url)
    out = {}
    SAMPLES.mkdir(parents=True, exist_ok=True)
    with Session(engine) as s:
        for lang, uid in ids.items():
            doc = pymupdf.open(stream=report_pdf(s, repos.users.get_user(s, uid), TODAY), filetype="pdf")
            for i, page in enumerate(doc):
                page.get_pixmap(dpi=70).save(SAMPLES / f"report-{lang}-p{i + 1}.png")
            out[lang] = doc
    engine.dispose()
    return out


def text(doc) -> str:
    return "\n".join(page.get_text() for page in doc)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_has_its_parts_and_the_chart(reports, lang):
    doc = reports[lang]
    assert 3 <= doc.page_count <= 8
    # the progress chart, drawn as vectors: its panels' titles as text and hundreds of dots, lines and bars
    chart = next(page for page in doc if ("Sessions per week" if lang == "en" else "每周训练次数") in page.get_text())
    assert len(chart.get_drawings()) > 100
    titles = {"en": ("Sessions per week", "Resting heart rate (bpm)", "7-day average", "trend"),
              "zh": ("每周训练次数", "血压（mmHg）", "异常值（不计入趋势）")}[lang]
    assert all(title in chart.get_text() for title in titles), chart.get_text()[:500]
    pix = doc[0].get_pixmap(dpi=40)
    assert pix.width > 200 and len(set(pix.samples[::97])) > 3  # page 1 renders with something on it


def test_english_report_reads_in_english(reports):
    body = text(reports["en"])
    for heading in ("Your FitCoach report", "Profile", "Plan history", "Readings of the last 90 days", "Progress"):
        assert heading in body
    assert "first plan" in body  # the plan's reason
    assert "13 Mar" in body and "resting heart rate" in body
    assert "outlier, not in trends" in body  # the typo'd weight is listed, marked
    assert " lb\n" in body and " kg\n" not in body  # weights in the unit this person weighs in


def test_chinese_report_renders_chinese_text(reports):
    body = text(reports["zh"])
    for heading in ("你的 FitCoach 报告", "个人资料", "计划历史", "最近 90 天的测量记录"):
        assert heading in body, heading
    assert "3月13日" in body and f"{TYPO_DAY.month}月{TYPO_DAY.day}日" in body
    assert "异常值，不计入趋势" in body
    assert "Profile" not in body


def test_export_sends_the_json_and_the_readable_report(container):
    make_user(container, "tg:901", start=date(2026, 3, 2), chat_id=901, language="zh")
    coach = Coach(container, clock=lambda: datetime(2026, 3, 4, 8, tzinfo=timezone.utc))
    replies = coach.handle(Incoming(user_key="tg:901", chat_id=901, text="/export"))
    docs = [r for r in replies if r.document is not None]
    assert [r.document_name for r in docs] == ["fitcoach-export.json", "fitcoach-report.pdf"]
    assert docs[0].document.startswith(b"{") and docs[1].document.startswith(b"%PDF")
    sent = json.loads(docs[0].document)
    with container.session() as s:  # everything stored, as export_data has it (the file is written without it)
        stored = json.loads(json.dumps(privacy.export_data(s, repos.users.find_user(s, "tg:901").id), default=str))
    assert sent.pop("exported_at") and stored.pop("exported_at") and sent == stored and sent["plans"][0]["data"]
    pdf = pymupdf.open(stream=docs[1].document, filetype="pdf")
    assert "个人资料" in text(pdf) and "计划历史" in text(pdf)


def test_a_long_plan_history_shows_the_latest_versions_and_says_where_the_rest_is(container):
    """A person with hundreds of plan versions gets a report of a few pages (the JSON file keeps them all); drawing
    every version made /export take seconds."""
    from coach.services.report import MAX_PLAN_ROWS

    uid = make_user(container, "tg:902", start=date(2026, 3, 2), chat_id=902)
    with container.session() as s:
        plan = repos.plans.active_plan(s, uid)
        for i in range(MAX_PLAN_ROWS + 40):
            repos.plans.save_plan(s, uid, plan.data, f"change {i}", date(2026, 3, 2))
        s.commit()
        doc = pymupdf.open(stream=report_pdf(s, repos.users.get_user(s, uid), date(2026, 3, 4)), filetype="pdf")
        count = repos.plans.plan_count(s, uid)
    body = text(doc)
    assert count == MAX_PLAN_ROWS + 41
    assert f"change {MAX_PLAN_ROWS + 39}" in body and "change 0\n" not in body
    assert f"{count - MAX_PLAN_ROWS} earlier plan versions are in the JSON file." in body
    assert doc.page_count <= 8


def test_long_reasons_wrap_inside_their_column_and_every_word_is_there(container):
    """Plan reasons long enough to need several lines (English and Chinese, a line break in one) are wrapped in the
    report's own table: every word is in the PDF, within the page's margins, one row per version."""
    uid = make_user(container, "tg:903", start=date(2026, 3, 2), chat_id=903)
    en = "Your profile changed (weight, days per week, minutes per session, equipment), so the plan was recomputed"
    zh = "你的资料已更新：体重、每周训练天数、每次训练时长和器械都变了，所以计划已按新的资料重新制定"
    with container.session() as s:
        plan = repos.plans.active_plan(s, uid)
        for i in range(12):
            repos.plans.save_plan(s, uid, plan.data, f"{en} {i}." if i % 2 else f"{zh}\n第{i}版。", date(2026, 3, 2))
        s.commit()
        doc = pymupdf.open(stream=report_pdf(s, repos.users.get_user(s, uid), date(2026, 3, 4)), filetype="pdf")
    body = " ".join(text(doc).split())
    for i in range(12):
        assert (f"recomputed {i}." in body) if i % 2 else (f"第{i}版。" in body), i
    assert all(word in body for word in en.replace("(", "").replace(")", "").replace(",", "").split())
    assert "".join(body.split()).count("".join(zh.split())) == 6
    for page in doc:
        for x0, _y0, x1, _y1, *_rest in page.get_text("words"):
            assert 28 <= x0 and x1 <= page.rect.width - 28, (x0, x1)  # inside the 10 mm margins
