"""`fitcoach` command line: the argument parser and a dispatcher; each command lives in its own module."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

from bot.cli.logs import LOG_FORMAT, QUIET_LOGGERS, configure_logging  # noqa: F401 - the names tests and docs use
from bot.settings import SettingsError, get_settings
from coach.services.errors import KeyError_

# command → (module, entry point); modules are imported only when their command runs (see _handler).
# Entry points take (args, settings), except those in WITHOUT_SETTINGS, which take (args).
COMMANDS: dict[str, tuple[str, str]] = {
    "chat": ("bot.cli.chat", "run"),
    "run": ("bot.cli.run", "run"),
    "plan": ("bot.cli.plan", "run_plan"),
    "kb": ("bot.cli.kb", "run"),
    "ingest": ("bot.cli.ingest", "run"),
    "migrate": ("bot.cli.migrate", "run"),
    "dispatch": ("bot.cli.dispatch", "run"),
    "rekey": ("bot.cli.rekey", "run"),
    "import": ("bot.cli.import_", "run"),
}
WITHOUT_SETTINGS = frozenset({"plan"})

EPILOG = """examples:
  fitcoach chat                         talk to the coach in this terminal (offline)
  echo '{"age":34,"height_cm":180,"weight_kg":75,"goal":"fat_loss","days_per_week":4,"minutes_per_session":45}' \\
      | fitcoach plan --profile - --json
  fitcoach kb search "how many days a week should I lift" -k 3
  fitcoach kb show kb-who-adults-001
  fitcoach ingest                       rebuild the knowledge index (fast when nothing changed)
  fitcoach import export.zip --user me  readings from Apple Health, Google Fit, Fitbit, Garmin or a CSV
  TELEGRAM_BOT_TOKEN=... fitcoach run   the Telegram bot (long polling; webhook when WEBHOOK_URL is set)
"""


def _version() -> str:
    try:
        return version("fitcoach")
    except PackageNotFoundError:
        return "0.0.0+local"


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="fitcoach", description="FitCoach: a safe, evidence-grounded training coach.",
                                 epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"fitcoach {_version()}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("chat", help="the coach in the terminal (same dialogue as Telegram)")
    p.add_argument("--user", default=None, help="local user name (default: your login name)")
    p.add_argument("--no-scheduler", action="store_true", help="do not print scheduled messages")

    p = sub.add_parser("run", help="the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    p.add_argument("--no-scheduler", action="store_true",
                   help="never run the scheduler in this process (FITCOACH_SCHEDULER=false does the same)")

    p = sub.add_parser("plan", help="one plan for a profile JSON file",
                       description="Print a plan for the profile in FILE ('-' = stdin).",
                       epilog="example:\n  fitcoach plan --profile me.json --weeks 8 --json",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--profile", required=True, metavar="FILE")
    p.add_argument("--weeks", type=int, default=4, help="1-12 (default 4)")
    p.add_argument("--json", action="store_true", help="print exactly one JSON object")

    p = sub.add_parser("kb", help="search or show knowledge passages")
    kb = p.add_subparsers(dest="kb_command", metavar="SUBCOMMAND")
    ks = kb.add_parser("search", help="top-K passages for a query")
    ks.add_argument("query", nargs="+")
    ks.add_argument("-k", type=int, default=5)
    ks.add_argument("--json", action="store_true")
    ks.add_argument("--language", choices=["en", "zh"], default=None)
    kshow = kb.add_parser("show", help="one passage by id")
    kshow.add_argument("id")
    kshow.add_argument("--json", action="store_true")

    p = sub.add_parser("dispatch", help="send due workouts and check-ins (a scheduler process without polling)")
    p.add_argument("--once", action="store_true", help="one pass, then exit (for cron or tests)")

    sub.add_parser("ingest", help="(re)build the knowledge index; idempotent")
    sub.add_parser("migrate", help="apply pending database migrations")
    p = sub.add_parser("import", help="import readings from a device or app export file",
                       description="Import weight, resting heart rate, blood pressure, sleep, body fat and steps "
                                   "from an Apple Health export.zip/export.xml, a Google Fit (Takeout) daily "
                                   "metrics CSV, a Fitbit or Garmin CSV export, or a CSV with the header "
                                   "date,kind,value,unit. Importing the same file again adds nothing.",
                       epilog="examples:\n  fitcoach import ~/Downloads/export.zip --user me\n"
                              "  printf 'date,kind,value,unit\\n2026-01-05,weight,165.2,lb\\n' > w.csv && "
                              "fitcoach import w.csv --user me",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--user", required=True, metavar="NAME", help="the terminal user (as in `fitcoach chat --user`)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    sub.add_parser("rekey", help="re-encrypt all stored data under the first key (after rotating keys)",
                   description="Re-encrypt every stored value under the first key of FITCOACH_ENCRYPTION_KEY, so "
                               "the older keys after it can be dropped.",
                   epilog="example:\n  FITCOACH_ENCRYPTION_KEY=NEWKEY,OLDKEY fitcoach rekey\n"
                          "  # then set FITCOACH_ENCRYPTION_KEY=NEWKEY",
                   formatter_class=argparse.RawDescriptionHelpFormatter)
    return ap


def _handler(command: str) -> Callable[..., int | None]:
    """The command's entry point; importing its module here keeps `fitcoach plan` free of Telegram and the index."""
    module, func = COMMANDS[command]
    return getattr(importlib.import_module(module), func)


def run_command(command: str, args: argparse.Namespace) -> int:
    """Load the settings (unless the command needs none), configure logging, run the command."""
    if command in WITHOUT_SETTINGS:
        configure_logging("WARNING")
        return int(_handler(command)(args) or 0)
    settings = get_settings()
    # the terminal chat shares stderr with the conversation: quiet unless LOG_LEVEL was asked for explicitly
    quiet = command == "chat" and "log_level" not in settings.model_fields_set
    configure_logging("WARNING" if quiet else settings.log_level)
    return int(_handler(command)(args, settings) or 0)


def main(argv: list[str] | None = None) -> int:
    """`fitcoach`: parse the arguments and run one command; a bad setting or key is one line and exit 2."""
    args = build_parser().parse_args(argv)
    if args.command not in COMMANDS:
        build_parser().print_help()
        return 0
    try:
        return run_command(args.command, args)
    except (SettingsError, KeyError_) as exc:
        print(f"fitcoach: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `fitcoach plan ... | head`: the reader left; no traceback, no second error at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
