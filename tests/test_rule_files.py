"""Every rule file (听课 quota, 培训学时, 教研活动, 公开课, 个人任务) goes through one reader,
``dashboard.rule_files.load``: an edit shows at the next call, a broken file is a Chinese message
of the kind's own error class, and fixing it shows again."""

from __future__ import annotations

import os

import pytest

from dashboard import activities, open_lessons, quota, rule_files, task_rules, training

# (loader, what a school reads of the rules, first text, edited text, value before, value after)
FILES = {
    "quota": (quota.load_rules, lambda rules: quota.quota_for(rules, "教师", 40).quota,
              '[[rule]]\nlabel = "全体教师"\nquota = 10\n', '[[rule]]\nlabel = "全体教师"\nquota = 125\n', 10, 125),
    "training": (training.load_rules, lambda rules: rules.target_for("教师", "一级教师", 40, 15).hours,
                 '[[target]]\nlabel = "全体"\nhours = 72\n', '[[target]]\nlabel = "全体"\nhours = 100.5\n', 72.0, 100.5),
    "activities": (activities.load_rules, lambda rules: rules.planned("语文组", "2024-2025-1"),
                   '[[plan]]\nlabel = "各组"\nevery_weeks = 2\n',
                   '[[plan]]\nlabel = "各组"\nevery_weeks = 4\nterm_weeks = 20\n', 10, 5),
    "open_lessons": (open_lessons.load_rules, lambda rules: quota.quota_for(rules, "教师", 30).quota,
                     '[[rule]]\nquota = 1\n', '[[rule]]\nlabel = "全体"\nquota = 3\n', 1, 3),
    "tasks": (task_rules.load_task_rules, lambda rules: rules.rule_for("博文", None, 30, None).count,
              '[[rule]]\ncategory = "博文"\ncount = 2\n', '[[rule]]\ncategory = "博文"\ncount = 30\nlabel = "全体"\n', 2, 30),
}
ERRORS = {"quota": rule_files.RulesError, "training": training.RulesError, "activities": activities.RulesError,
          "open_lessons": open_lessons.RulesError, "tasks": task_rules.TaskRulesError}


def _write(path, text: str, tick: list[int]) -> None:
    """Write the file as an editor saves it; each save gets a later modification time (two saves
    within one clock tick of the file system would otherwise look the same)."""
    path.write_text(text, encoding="utf-8")
    tick[0] += 1_000_000_000
    os.utime(path, ns=(tick[0], tick[0]))


@pytest.mark.parametrize("name", list(FILES))
def test_an_edit_of_each_rule_file_shows_at_the_next_call(tmp_path, name):
    load, read, first, edited, before, after = FILES[name]
    path = tmp_path / f"{name}_rules.toml"
    tick = [1_700_000_000_000_000_000]
    _write(path, first, tick)
    assert read(load(path)) == before
    assert load(path) is load(path)  # unchanged: not parsed again
    _write(path, edited, tick)
    assert read(load(path)) == after
    _write(path, first, tick)
    assert read(load(path)) == before


@pytest.mark.parametrize("name", list(FILES))
def test_a_broken_rule_file_is_a_chinese_message_and_its_fix_shows(tmp_path, name):
    load, read, first, _edited, before, _after = FILES[name]
    path = tmp_path / f"{name}_rules.toml"
    tick = [1_700_000_000_000_000_000]
    _write(path, first, tick)
    assert read(load(path)) == before
    _write(path, first + "[[rule\n", tick)
    with pytest.raises(ERRORS[name]) as caught:
        load(path)
    assert "格式有误" in str(caught.value) and str(path) in str(caught.value)
    path.write_bytes(first.replace("=", "= ").encode("gbk") + "# 说明：中文\n".encode("gbk"))
    tick[0] += 1_000_000_000
    os.utime(path, ns=(tick[0], tick[0]))
    with pytest.raises(ERRORS[name], match="UTF-8"):
        load(path)
    _write(path, first, tick)
    assert read(load(path)) == before
    with pytest.raises(ERRORS[name], match="无法读取"):
        load(tmp_path / "没有这个文件.toml")
