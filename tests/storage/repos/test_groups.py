"""Groups: created with a join code, found by any key, memberships with the member's sharing choice."""
from __future__ import annotations

from storage.repos import groups, users


def test_groups_members_and_sharing(s, user):
    member, _ = users.get_or_create_user(s, "tg:2", channel="telegram")
    g = groups.create_group(s, user.id, title="t" * 200, chat_id=-100)
    assert len(g.title) == 128 and g.join_code
    assert groups.find_group(s, join_code=g.join_code).id == g.id
    assert groups.find_group(s, chat_id=-100, group_id=g.id).id == g.id
    assert groups.find_group(s, join_code="nope") is None
    groups.join_group(s, g.id, member.id, share_progress=False)
    groups.join_group(s, g.id, member.id, share_progress=True)  # the same membership, choice changed
    assert [(m.share_progress, u.id) for m, u in groups.members(s, g.id)] == [(True, member.id)]
    assert [grp.id for _m, grp in groups.groups_of(s, member.id)] == [g.id]
    assert [grp.id for grp in groups.groups_coached_by(s, user.id)] == [g.id]
    assert groups.groups_coached_by(s, member.id) == []
