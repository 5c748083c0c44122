"""A coach with the agent against a FakeOpenAI whose capability profile each test chooses."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.settings import load_settings
from bot.wiring import build
from coach.agent import CoachAgent
from coach.services.agent_ports import agent_ports
from coach.dialogue import Coach
from tests.coach.test_agent import ThreadedFake


class Env:
    """One fake server, the container on it, the deterministic coach and the coach with the agent."""

    def __init__(self, tf: ThreadedFake, container: Any) -> None:
        self.tf, self.fake, self.container = tf, tf.fake, container
        self.plain = Coach(container)
        self.agent = CoachAgent(container, ports=agent_ports())
        self.coach = Coach(container, agent=self.agent)


@pytest.fixture
def make_env(tmp_path, db_url, key, shared_chroma) -> Callable[..., Env]:
    """make_env(timeout=1, **capabilities) → Env; everything is closed after the test."""
    made: list[Env] = []

    def make(timeout: float = 1.0, **caps: Any) -> Env:
        tf = ThreadedFake(**caps)
        settings = load_settings(fitcoach_data_dir=tmp_path / f"data{len(made)}", database_url=db_url,
                                 fitcoach_encryption_key=key, chroma_path=shared_chroma, openai_api_key="test",
                                 openai_base_url=tf.fake.base_url, openai_model="fake-model",
                                 openai_timeout_s=timeout)
        env = Env(tf, build(settings))
        made.append(env)
        return env

    yield make
    for env in made:
        env.tf.close()
        env.container.engine.dispose()
