"""The one composition root: settings → storage (engine, encryption, migrations), knowledge, model and the Coach."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from bot.settings import Settings, ensure_data_dir, get_settings, index_config
from coach.dialogue import Coach
from knowledge import retriever as knowledge_retriever
from knowledge.index import IndexConfig
from storage import crypto
from storage.db import make_engine, migrate, session_scope

log = logging.getLogger(__name__)


@dataclass
class Container:
    """Everything a mouth (Telegram, terminal) needs; built once per process."""

    settings: Settings
    engine: Engine
    index_cfg: IndexConfig
    _retriever: Any = field(default=None, repr=False)
    _llm: Any = field(default=None, repr=False)

    def session(self, *, read_only: bool = False):  # noqa: ANN201
        """A transactional session scope (commit on success); read_only refuses writes (storage.db.WriteRefused)."""
        return session_scope(self.engine, read_only=read_only)

    def retriever(self) -> Any:
        """The knowledge retriever, built (and the index ingested) on first use."""
        if self._retriever is None:
            knowledge_retriever.configure(self.index_cfg)
            self._retriever = knowledge_retriever.default_retriever()
        return self._retriever

    def llm(self) -> Any:
        """ChatOpenAI when OPENAI_API_KEY is set, else None (the deterministic coach answers)."""
        if self._llm is None and self.settings.llm_enabled:
            # imported here: LangChain/OpenAI take seconds to import and are only needed with an API key
            from langchain_openai import ChatOpenAI

            s = self.settings
            self._llm = ChatOpenAI(model=s.openai_model, api_key=s.openai_api_key, base_url=s.openai_base_url,
                                   timeout=s.openai_timeout_s, max_retries=0, temperature=0.2)
        return self._llm


def configure_crypto(settings: Settings) -> None:
    """Install the Fernet key from FITCOACH_ENCRYPTION_KEY, or a generated key file in the data dir."""
    key = settings.fitcoach_encryption_key or crypto.load_or_create_key_file(ensure_data_dir(settings))
    crypto.configure(key)


def build(settings: Settings | None = None, *, run_migrations: bool = True) -> Container:
    """Wire a container; applies pending migrations unless told not to."""
    settings = settings or get_settings()
    ensure_data_dir(settings)
    configure_crypto(settings)
    engine = make_engine(settings.db_url)
    if run_migrations:
        migrate(engine)
    cfg = index_config(settings)
    knowledge_retriever.configure(cfg)
    return Container(settings=settings, engine=engine, index_cfg=cfg)


def make_coach(container: Container, **kwargs: Any) -> Coach:
    """A Coach; with OPENAI_API_KEY set it gets the LangChain agent, otherwise it stays deterministic."""
    agent = None
    if container.settings.llm_enabled:
        # imported here: the agent pulls in LangChain (seconds), needed only when an API key is set
        from coach.agent import CoachAgent

        agent = CoachAgent(container, clock=kwargs.get("clock"))
    return Coach(container, agent=agent, **kwargs)


def make_app(settings: Settings) -> tuple[Container, Coach]:
    """The container and its Coach, from the settings."""
    container = build(settings)
    return container, make_coach(container)
