"""The architecture as the README describes it: the files its table names, size budgets, the import contract's
coverage, and the chat commands it lists."""
from __future__ import annotations

import ast
import re
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from bot.telegram.application import command_menu
from coach.dialogue import Coach
from coach.events import Incoming

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Where things are:"):readme.index("Adding a command is one module")]
    paths = [p for p in re.findall(r"`((?:bot|coach|storage|knowledge)/[\w/.<>-]+\.py)`", table) if "<" not in p]
    assert len(paths) >= 10
    assert [p for p in paths if not (ROOT / p).is_file()] == []


def test_the_named_files_hold_what_the_readme_says():
    assert re.search(r'@router\.command\("checkin"', (ROOT / "coach/dialogue/checkin.py").read_text())
    assert "SAFE_WEEKLY_CHANGE" in (ROOT / "coach/domain/limits.py").read_text()
    assert "膝" in (ROOT / "coach/intake/lexicon_zh.py").read_text()
    assert "MetricKind(" in (ROOT / "coach/domain/metrics.py").read_text()
    assert "send" in (ROOT / "bot/scheduler.py").read_text()


# --- size budgets: no module over 400 lines, no function over 60 (data tables aside) -------------------------------

PACKAGES = ("bot", "coach", "storage", "knowledge")
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60
# Alembic migrations are generated schema declarations (a table of columns per create_table), not logic
GENERATED = ("storage/migrations/versions/",)


def _sources() -> list[tuple[str, str]]:
    return [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"))
            for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]


def _is_data_module(tree: ast.Module) -> bool:
    """A data table: nothing at module level but a docstring, imports and assignments of values (no def, no class,
    no statement that runs code). The en/zh lexicons are such modules; they may grow past 400 lines."""
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            continue
        return False
    return True


def test_the_budget_scan_sees_every_package():
    files = [path for path, _ in _sources()]
    assert len(files) > 100 and {f.split("/")[0] for f in files} == set(PACKAGES)
    assert _is_data_module(ast.parse("'''words'''\nfrom x import y\nA: frozenset = frozenset({'knee'})\nB = {1: 2}\n"))
    assert not _is_data_module(ast.parse("A = 1\ndef f():\n    return A\n"))


def test_no_module_over_400_lines():
    over = {path: n for path, src in _sources()
            if (n := len(src.splitlines())) > MAX_MODULE_LINES and not _is_data_module(ast.parse(src))}
    assert over == {}, f"modules over {MAX_MODULE_LINES} lines (split them by concern): {over}"


def test_no_function_over_60_lines():
    over = {}
    for path, src in _sources():
        if path.startswith(GENERATED):
            continue
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if (n := node.end_lineno - first + 1) > MAX_FUNCTION_LINES:
                    over[f"{path}:{node.lineno} {node.name}"] = n
    assert over == {}, f"functions over {MAX_FUNCTION_LINES} lines (decorators included): {over}"


def test_the_no_cycles_contract_covers_every_package():
    """lint-imports' acyclic_siblings contract only looks under the ancestors it names: a new package left out of
    the list could grow an import cycle unseen."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    acyclic = next(c for c in contracts if c["type"] == "acyclic_siblings")
    packages = {p.parent.relative_to(ROOT).as_posix().replace("/", ".")
                for pkg in PACKAGES for p in (ROOT / pkg).rglob("__init__.py")}
    assert packages - set(acyclic["ancestors"]) == set()


# --- every chat command the README lists is in /help and in the Telegram menu, in both languages -------------------

def _readme_chat_commands() -> tuple[set[str], set[str]]:
    """(private-chat commands, group-chat commands) of the README's 'In the chat (Telegram or terminal)' paragraph;
    the group-chat ones are those it lists after 'and' at its end, '... in the group chat.'"""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("In the chat (Telegram or terminal)")
    paragraph = readme[start:readme.index("\n\n", start)]
    head, _, group_part = paragraph.rpartition(", and ")
    assert group_part.rstrip().endswith("in the group chat."), group_part
    return set(re.findall(r"`/([a-z]+)", head)), set(re.findall(r"`/([a-z]+)", group_part))


def test_help_and_the_menu_list_every_command_of_the_readme(container):
    private, group = _readme_chat_commands()
    assert {"start", "metrics", "pause", "resume", "join", "share", "clients", "client", "remove", "digest"} <= private
    assert group == {"groupsetup", "session", "broadcast"}
    for lang in ("en", "zh"):
        menu = {c.command for c in command_menu(lang)}
        assert private - menu == set(), f"README commands missing from the {lang} menu"
    coach = Coach(container, clock=lambda: datetime(2026, 3, 2, 8, tzinfo=timezone.utc))
    help_text = coach.handle(Incoming(user_key="tg:73", text="/help"))[0].text
    assert [c for c in sorted(private) if f"/{c} —" not in help_text] == []
    assert [c for c in sorted(group) if f"/{c}" not in help_text] == [], "group-chat commands named in /help"
