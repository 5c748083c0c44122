"""The one composition root: settings → storage (engine, encryption, migrations), knowledge, model and the Coach."""
from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from bot.settings import Settings, SettingsError, ensure_data_dir, get_settings, index_config
from coach.charts import pdf_face
from coach.dialogue import Coach
from coach.services import delivery
from knowledge import retriever as knowledge_retriever
from knowledge.index import IndexConfig
from storage import crypto, keys
from storage.db import DatabaseRefused, PgLimits, migrate, open_database, refuse_newer_schema, session_scope

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
            # the agent's calls (coach.agent.calls) set max_tokens per call kind, stop sequences and a per-call
            # deadline, and retry a 5xx once themselves: the client neither retries nor runs unbounded
            self._llm = ChatOpenAI(model=s.openai_model, api_key=s.openai_api_key, base_url=s.openai_base_url,
                                   timeout=s.openai_timeout_s, max_retries=0, temperature=0.2, max_tokens=512,
                                   stream_usage=True)
        return self._llm


def configure_crypto(settings: Settings, engine: Engine) -> None:
    """Install the key: FITCOACH_ENCRYPTION_KEY, else the key file in the data dir.

    A new key file is written only for a database with nothing in it: a lost key file is refused (one line saying
    how to restore it), never silently replaced by a key that cannot read the stored data.
    """
    key = settings.fitcoach_encryption_key
    if not key and settings.database_url:
        raise SettingsError("invalid setting FITCOACH_ENCRYPTION_KEY: required when DATABASE_URL is set (a key file "
                            "on one host cannot serve a shared database); generate one with `python -c \"from "
                            "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())\"`")
    if not key:
        key = crypto.read_key_file(settings.data_dir)
    if not key:
        if keys.holds_data(engine):
            raise crypto.KeyRefused(f"the key file {settings.data_dir / crypto.KEY_FILE} is missing but the database "
                                    f"holds encrypted data: restore fitcoach.key from your backup (or set "
                                    f"FITCOACH_ENCRYPTION_KEY); a new key could not read it")
        key = crypto.create_key_file(settings.data_dir)
    crypto.configure(key)


def pg_limits(settings: Settings) -> PgLimits:
    """PostgreSQL timeouts and pool size from the settings (FITCOACH_DB_*)."""
    return PgLimits(connect_timeout_s=settings.fitcoach_db_connect_timeout_s,
                    statement_timeout_s=settings.fitcoach_db_statement_timeout_s,
                    pool_size=settings.fitcoach_db_pool_size, max_overflow=settings.fitcoach_db_max_overflow)


def open_storage(settings: Settings, *, run_migrations: bool = True) -> Engine:
    """The engine after every start-up check: data dir, database file, key, key check value, schema revision."""
    ensure_data_dir(settings)
    try:
        engine = open_database(settings.db_url, pg_limits(settings))
        configure_crypto(settings, engine)
        keys.verify_key(engine)
        if run_migrations:
            migrate(engine)
        else:
            refuse_newer_schema(engine)
        keys.write_check(engine)
    except DatabaseRefused as exc:
        raise SettingsError(str(exc)) from None
    return engine


def build(settings: Settings | None = None, *, run_migrations: bool = True) -> Container:
    """Wire a container; applies pending migrations unless told not to."""
    settings = settings or get_settings()
    engine = open_storage(settings, run_migrations=run_migrations)
    pdf_face.configure(settings.data_dir / "fonts")  # the PDF report's small CJK face is kept in the data dir
    delivery.configure_lease(settings.fitcoach_delivery_lease_s)
    cfg = index_config(settings)
    knowledge_retriever.configure(cfg)
    return Container(settings=settings, engine=engine, index_cfg=cfg)


def rekey_storage(container: Container) -> dict[str, int]:
    """Re-encrypt every stored value under the first key (`fitcoach rekey`); counts by table."""
    return dict(keys.rekey(container.engine))


def make_coach(container: Container, **kwargs: Any) -> Coach:
    """A Coach; with OPENAI_API_KEY set it gets the LangChain agent, otherwise it stays deterministic."""
    agent = None
    if container.settings.llm_enabled:
        # imported here: the agent pulls in LangChain (seconds), needed only when an API key is set
        from coach.agent import CoachAgent
        from coach.services.agent_ports import agent_ports

        agent = CoachAgent(container, clock=kwargs.get("clock"), ports=agent_ports())
        agent.start_probe()  # the server's capabilities, learned once at start (logged)
    return Coach(container, agent=agent, **kwargs)


def preload_charts() -> threading.Thread:
    """Import matplotlib and draw one empty figure in the background, so the process's first /progress does not
    wait ~3 s for the import and the font cache (coach.charts keeps its lazy import for processes that never draw)."""

    def load() -> None:
        try:
            # imported here (heavy, optional): only /progress draws, and this runs off the start-up path
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot  # noqa: F401 - what coach.charts imports
            from matplotlib.figure import Figure

            Figure(figsize=(1, 1)).savefig(io.BytesIO(), format="png")  # loads the fonts; no pyplot state
        except Exception as exc:  # noqa: BLE001 - the first chart will import it again and report for itself
            log.warning("chart preload failed (%s); the first /progress will be slower", type(exc).__name__)

    # not a daemon: a process that quits within the import's ~3 s waits for it instead of tearing down matplotlib's
    # native modules while they load (a short-lived `fitcoach dispatch` was seen to abort that way)
    thread = threading.Thread(target=load, name="preload-charts", daemon=False)
    thread.start()
    return thread


def make_app(settings: Settings, *, charts: bool = True) -> tuple[Container, Coach]:
    """The container and its Coach, from the settings; with `charts`, matplotlib loads in the background meanwhile
    (processes that never draw, like `fitcoach dispatch`, skip it: a native import still running when such a
    short-lived process exits can abort it)."""
    if charts:
        preload_charts()
    container = build(settings)
    return container, make_coach(container)
