"""/delete through the dialogue leaves no trace of the person's messages in the process's query-embedding cache,
and /export carries the groups they coach."""
from __future__ import annotations

import json

from coach.dialogue import Coach
from coach.dialogue.callbacks import Delete
from knowledge.embeddings import cached_queries, forget_queries, get_embedder
from storage import repos
from tests.coach.dialogue.support import START, replies, say
from tests.factories import make_user

KEY = "tg:6601"
QUESTION = "how much protein should I eat after lifting on my bad knee"


def test_delete_clears_the_query_cache_that_held_the_persons_questions(container):
    coach = Coach(container)
    make_user(container, KEY, start=START, chat_id=6601)
    forget_queries()
    say(coach, KEY, QUESTION)
    emb = get_embedder(container.index_cfg.embeddings)
    assert cached_queries() > 0  # the question's vector is cached (so this test can fail)
    hits_before = emb._cached_query.cache_info().hits
    emb.embed_query(QUESTION)
    assert emb._cached_query.cache_info().hits == hits_before + 1  # ... under the question's own text

    say(coach, KEY, "/delete")
    out = replies(coach, KEY, callback=Delete(True).encode())
    assert "erased" in out[0].text
    assert cached_queries() == 0
    with container.session() as s:
        assert repos.users.find_user(s, KEY) is None


def test_export_through_the_dialogue_lists_the_groups_the_user_coaches(container):
    coach = Coach(container)
    uid = make_user(container, KEY, start=START, chat_id=6601)
    with container.session() as s:
        repos.groups.create_group(s, uid, title="Morning crew", chat_id=-6601)
    doc = replies(coach, KEY, "/export")[0].document
    data = json.loads(doc)
    assert [g["group"]["title"] for g in data["groups_coached"]] == ["Morning crew"]
    assert data["exported_at"]
