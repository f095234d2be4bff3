"""The README names every page and every CLI command, and its two commands exist."""

from __future__ import annotations

import re

from dashboard.cli import build_parser
from dashboard.navigation import all_pages

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_page_is_in_the_readme():
    titles = [entry.title for entry in all_pages()]
    assert len(titles) >= 10
    missing = [title for title in titles if f"| {title} |" not in README]
    assert not missing, f"README 缺少页面：{missing}"


def test_every_cli_command_is_in_the_readme():
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command").choices
    missing = [name for name in commands if f"python -m dashboard {name}" not in README]
    assert not missing, f"README 缺少命令：{missing}"


def test_the_two_setup_commands_exist_and_ci_runs_the_test_one():
    assert "bash scripts/run.sh" in README and "bash scripts/test.sh" in README
    assert (ROOT / "scripts" / "run.sh").exists() and (ROOT / "scripts" / "test.sh").exists()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
