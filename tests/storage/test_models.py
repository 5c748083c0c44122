"""The schema: Alembic builds every table, migrations and models agree, the renamed profile table class."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from storage.db import alembic_config, current_revision, migrate
import storage.models as models
from storage.models import ALL_TABLES, ProfileVersion, SQLModel


def test_alembic_creates_every_table_on_an_empty_database(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert current_revision(engine) == _head(engine)


def test_migrate_is_idempotent(engine):
    migrate(engine)
    assert current_revision(engine) == _head(engine)


def _head(engine) -> str:
    """The newest numbered migration (so the tests need no edit when one is added)."""
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None and int(head) >= 3  # 0003 adds the training log
    return head


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    # type-only differences of encrypted columns (Text in the migration) are expected; no missing tables/columns
    structural = [d for d in diff if not (isinstance(d, list) or d[0] in ("modify_type", "modify_nullable"))]
    assert structural == []


def test_profile_versions_keep_their_table_and_the_name_is_apart_from_the_pydantic_profile():
    assert ProfileVersion.__tablename__ == "profiles"
    assert not hasattr(models, "Profile")
    assert ProfileVersion in ALL_TABLES
