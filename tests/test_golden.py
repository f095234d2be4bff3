"""Golden figures: the demo school imported through the CLI gives the figures its
generator computed independently from its own model (data/demo/expected_figures.json)."""

from __future__ import annotations

import json

import pytest

from dashboard.cli import main
from dashboard.metrics import figures
from dashboard.store import Store

from .conftest import DEMO, fresh_database_url

EXPECTED = json.loads((DEMO / "expected_figures.json").read_text(encoding="utf-8"))
CASES = [(term, group) for term, by_group in EXPECTED.items() for group in by_group]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_store(request, tmp_path_factory):
    """The demo school loaded through the CLI, on SQLite and on PostgreSQL."""
    url = fresh_database_url(request.param, tmp_path_factory.mktemp("golden"))
    assert main(["demo", "--db", url]) == 0
    return Store(url)


@pytest.fixture(scope="module")
def dataset(demo_store):
    return demo_store.dataset()


def test_demo_has_four_terms_and_seven_groups():
    assert list(EXPECTED) == ["2023-2024-1", "2023-2024-2", "2024-2025-1", "2024-2025-2"]
    assert len(EXPECTED["2024-2025-1"]) == 8  # all + 7 groups


@pytest.mark.parametrize("term,group", CASES)
def test_figures_equal_golden(dataset, term, group):
    got = figures(dataset, term, None if group == "all" else group)
    assert got == EXPECTED[term][group]


def test_demo_import_reports_what_it_could_not_count(demo_store):
    problems = demo_store.problems()
    assert not problems.empty
    assert set(problems["severity"]) <= {"error", "skipped", "warning", "info"}


def test_committed_demo_files_are_what_the_generator_writes(tmp_path):
    """data/demo is reproducible: the generator writes the same bytes again."""
    import subprocess
    import sys

    from .conftest import ROOT

    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=300)
    committed = {p.name: p.read_bytes() for p in DEMO.iterdir()}
    generated = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(generated) == sorted(committed)
    assert [name for name in committed if committed[name] != generated[name]] == []
