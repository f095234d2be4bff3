"""What a command loads before it does anything: figures need no database library,
``history`` on an up-to-date store needs neither Alembic nor the Excel readers
nor pandas, and a store one revision behind is still upgraded when opened."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from dashboard.store import MIGRATIONS, Store, head_revisions

from .conftest import ROOT, xlsx_bytes

ROSTER = [["XX中学2024学年第一学期教师名册"], ["姓名", "教研组"], ["甲", "语文组"], ["乙", "数学组"]]
HEAVY = ("sqlalchemy", "alembic", "python_calamine", "openpyxl", "pandas", "streamlit", "plotly")


def loaded_after(code: str) -> tuple[list[str], str]:
    """Run ``code`` in a fresh interpreter; which of HEAVY it left in sys.modules, and what it printed."""
    probe = f"{code}\nimport sys\nprint('LOADED', [m for m in {HEAVY!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out, _, loaded = done.stdout.rpartition("LOADED ")
    return eval(loaded), out  # noqa: S307 - our own list literal


def test_metrics_load_neither_the_database_library_nor_the_readers():
    done = subprocess.run([sys.executable, "-c", "import dashboard.metrics, sys; print('sqlalchemy' in sys.modules)"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
    loaded, _ = loaded_after("import dashboard.metrics, dashboard.breakdowns, dashboard.report_text")
    assert loaded == ["pandas"]


def test_history_on_an_up_to_date_store_loads_no_alembic_readers_or_pandas(tmp_path, write):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    path = write("名册.xlsx", xlsx_bytes(ROSTER))
    subprocess.run([sys.executable, "-m", "dashboard", "import", str(path), "--db", url], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    loaded, out = loaded_after(f"from dashboard.cli import main\nmain(['history', '--db', {url!r}])")
    assert "名册.xlsx" in out and "教师名册" in out and "\t2\n" in out  # batch 1: the roster, 2 rows
    assert loaded == ["sqlalchemy"]


def test_figures_load_no_excel_reader_or_alembic(tmp_path, write):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    subprocess.run([sys.executable, "-m", "dashboard", "import", str(write("名册.xlsx", xlsx_bytes(ROSTER))),
                    "--db", url], cwd=ROOT, check=True, capture_output=True, timeout=120)
    loaded, out = loaded_after(f"from dashboard.cli import main\nmain(['figures', '--db', {url!r}])")
    assert '"teachers": 2' in out
    assert "alembic" not in loaded and "python_calamine" not in loaded and "openpyxl" not in loaded


def test_head_read_from_the_files_is_alembics_head():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revisions() == set(ScriptDirectory.from_config(config).get_heads())


def test_a_store_one_revision_behind_is_upgraded_when_opened(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "-1")
    store.engine.dispose()

    def stamped() -> list[str]:
        engine = sqlalchemy.create_engine(url)
        with engine.connect() as conn:
            versions = [row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
        engine.dispose()
        return versions

    assert stamped() != sorted(head_revisions())
    Store(url).engine.dispose()
    assert stamped() == sorted(head_revisions())
