"""The pages of the dashboard and which roles may open each (app.py draws them)."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import KINDS
from .accounts import ALL_DATA_ROLES, MANAGING_ROLES, ROLES, User

EVERYONE_BUT_TEACHERS = tuple(role for role in ROLES if role != "教师")


@dataclass(frozen=True)
class PageEntry:
    file: str  # under pages/
    title: str
    icon: str  # a Material icon name
    url_path: str
    roles: tuple[str, ...]
    district_only: bool = False  # shown to users not bound to one school


PAGES = (
    PageEntry("overview.py", "总览", "dashboard", "overview", EVERYONE_BUT_TEACHERS),
    PageEntry("observations.py", "听课达标", "co_present", "observations", EVERYONE_BUT_TEACHERS),
    PageEntry("papers.py", "获奖与发表", "article", "papers", EVERYONE_BUT_TEACHERS),
    PageEntry("projects.py", "课题管理", "science", "projects", EVERYONE_BUT_TEACHERS),
    PageEntry("teacher.py", "教师档案", "person", "teacher", ROLES),
    PageEntry("report.py", "工作总结", "summarize", "report", EVERYONE_BUT_TEACHERS),
    PageEntry("district.py", "区域对比", "compare_arrows", "district", ALL_DATA_ROLES, district_only=True),
    PageEntry("import_data.py", "数据导入", "upload_file", "import", MANAGING_ROLES),
    PageEntry("quality.py", "数据质量", "fact_check", "quality", MANAGING_ROLES),
    PageEntry("accounts.py", "账号管理", "manage_accounts", "accounts", ("管理员",)),
)


def all_pages() -> list[PageEntry]:
    """Every page in menu order: the kinds' own pages (their declarations' ``pages``) come after
    课题管理, for every role but 教师."""
    declared = [PageEntry(file, title, icon, url_path, EVERYONE_BUT_TEACHERS)
                for kind in KINDS.values() for file, title, icon, url_path in kind.pages]
    after = next(index for index, entry in enumerate(PAGES) if entry.file == "projects.py") + 1
    return [*PAGES[:after], *declared, *PAGES[after:]]


def pages_for(user: User) -> list[PageEntry]:
    """The pages a user may open, in menu order.

    >>> [p.title for p in pages_for(User("t", "教师", teacher_key="甲"))]
    ['教师档案']
    >>> extra = len(all_pages()) - len(PAGES)  # the declared kinds' own pages
    >>> len(pages_for(User("a", "管理员"))) - extra, len(pages_for(User("z", "教研组长", group="语文组"))) - extra
    (10, 6)
    """
    return [entry for entry in all_pages()
            if user.role in entry.roles and not (entry.district_only and user.school is not None)]
