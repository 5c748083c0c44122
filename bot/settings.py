"""Settings read from the environment and `.env`, validated once at start-up: the only reader of the environment."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from knowledge.index import IndexConfig


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


class Settings(BaseSettings):
    """Every FitCoach setting; names match the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    fitcoach_data_dir: Path = Field(default=Path("./data"))
    database_url: str | None = None
    chroma_path: Path | None = None
    chroma_url: str | None = None
    embeddings: str = "local"
    telegram_bot_token: str | None = None
    telegram_api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: str | None = None
    fitcoach_scheduler: bool = True  # false: this process never runs the scheduler (like `fitcoach run --no-scheduler`)
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout_s: float = Field(default=20.0, gt=0, le=600)
    fitcoach_encryption_key: str | None = None
    default_timezone: str = "UTC"
    coach_admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"
    # messages a second, all chats together: Telegram's 30, counted by arrival bounds (bot/arrivals.py), so no slack
    fitcoach_send_rate: float = Field(default=30.0, gt=0, le=1000)
    fitcoach_send_workers: int = Field(default=6, ge=1, le=256)  # concurrent senders (6: a send waiting on Telegram
    # or the database never leaves a slot of the shared rate unused; 2 processes x 6 measured 28.4/s, x 3: 27.5)
    fitcoach_delivery_lease_s: float = Field(default=120.0, gt=0, le=86400)  # how long a send claim protects a send
    redis_url: str | None = None  # the send rate shared by every process (bot.ratelimit); unset: in process
    fitcoach_ops_listen: str = "127.0.0.1"  # /healthz /readyz /metrics of `fitcoach dispatch`
    fitcoach_ops_port: int = Field(default=9100, ge=0, le=65535)  # 0: no operations server
    fitcoach_db_connect_timeout_s: int = Field(default=5, ge=1, le=120)  # PostgreSQL only, like the four below
    fitcoach_db_statement_timeout_s: float = Field(default=30.0, ge=0, le=3600)  # 0: none
    fitcoach_db_pool_size: int = Field(default=5, ge=1, le=100)  # +5 overflow +9 inbox: 4 processes use 80 of 100
    fitcoach_db_max_overflow: int = Field(default=5, ge=0, le=100)

    @field_validator("default_timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA timezone {v!r}") from exc
        return v

    @field_validator("coach_admin_ids", mode="before")
    @classmethod
    def _ids(cls, v: object) -> object:
        if isinstance(v, str):
            parts = [p.strip() for p in v.replace(";", ",").split(",") if p.strip()]
            try:
                return [int(p) for p in parts]
            except ValueError as exc:
                raise ValueError("expected comma-separated Telegram user ids") from exc
        if isinstance(v, int):
            return [v]
        return v

    @field_validator("database_url", "chroma_url", "telegram_api_base_url", "webhook_url", "openai_base_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        if "://" not in v:
            raise ValueError(f"expected a URL with a scheme, got {v!r}")
        return v

    @field_validator("redis_url")
    @classmethod
    def _redis(cls, v: str | None) -> str | None:
        if not v:
            return None
        if v.split("://", 1)[0].lower() not in {"redis", "rediss", "unix"}:
            raise ValueError("expected redis://HOST:PORT/DB (or rediss:// or unix://)")
        return v

    @field_validator("database_url")
    @classmethod
    def _db(cls, v: str | None) -> str | None:
        scheme = (v or "").split("://", 1)[0].split("+", 1)[0].lower()
        if v and scheme not in {"sqlite", "postgres", "postgresql"}:
            raise ValueError(f"{scheme!r} is not supported (use sqlite:///PATH or postgresql://…)")
        return v

    @field_validator("embeddings")
    @classmethod
    def _emb(cls, v: str) -> str:
        v = v.lower()
        if v not in {"local", "openai", "minilm"}:
            raise ValueError("expected one of local, openai, minilm")
        return v

    @field_validator("log_level")
    @classmethod
    def _level(cls, v: str) -> str:
        v = v.upper()
        if v not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("expected DEBUG, INFO, WARNING or ERROR")
        return v

    # derived values
    @property
    def data_dir(self) -> Path:
        return self.fitcoach_data_dir

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'fitcoach.db').resolve()}"

    @property
    def chroma_dir(self) -> Path:
        return self.chroma_path or (self.data_dir / "chroma")

    @property
    def llm_enabled(self) -> bool:
        return bool(self.openai_api_key)


def _fields_from_env_name(loc: tuple) -> str:
    return str(loc[0]).upper() if loc else "setting"


def load_settings(**overrides: object) -> Settings:
    """Build settings; any bad value raises SettingsError with one line naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = _fields_from_env_name(err.get("loc", ()))
        msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        raise SettingsError(f"invalid setting {name}: {msg}") from None
    except Exception as exc:  # e.g. a list setting that is not JSON
        text = str(exc).splitlines()[0]
        raise SettingsError(f"invalid setting: {text}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings (tests build their own with load_settings)."""
    return load_settings()


def ensure_data_dir(settings: Settings) -> Path:
    """Create the data directory if needed; SettingsError (one line) when it is a file or not writable."""
    path = settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (FileExistsError, NotADirectoryError):
        raise SettingsError(f"invalid setting FITCOACH_DATA_DIR: {path} is a file, not a directory") from None
    except OSError as exc:
        raise SettingsError(f"invalid setting FITCOACH_DATA_DIR: cannot create {path} ({type(exc).__name__})") from None
    if not path.is_dir():
        raise SettingsError(f"invalid setting FITCOACH_DATA_DIR: {path} is not a directory")
    if not os.access(path, os.W_OK | os.X_OK):
        raise SettingsError(f"invalid setting FITCOACH_DATA_DIR: {path} is not writable")
    return path


def index_config(settings: Settings) -> IndexConfig:
    """Where the knowledge index lives, from the settings."""
    # imported here: knowledge.index loads the embedding stack (~1 s), which commands like `plan` never need
    from knowledge.index import IndexConfig

    return IndexConfig(chroma_path=settings.chroma_dir, chroma_url=settings.chroma_url, embeddings=settings.embeddings)
