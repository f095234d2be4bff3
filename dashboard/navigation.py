"""The pages of the dashboard and which roles may open each (app.py draws them)."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import KINDS
from .accounts import ALL_DATA_ROLES, MANAGING_ROLES, ROLES, User
from .labels import accounts, district, importing, observations, overview, papers, profile, projects, quality, report

EVERYONE_BUT_TEACHERS = tuple(role for role in ROLES if role != "教师")
ADMIN_ROLES = ("管理员",)


@dataclass(frozen=True)
class PageEntry:
    file: str  # under pages/
    title: str
    icon: str  # a Material icon name
    url_path: str
    roles: tuple[str, ...]
    district_only: bool = False  # shown to users not bound to one school


PAGES = (
    PageEntry("overview.py", overview.TITLE, "dashboard", "overview", EVERYONE_BUT_TEACHERS),
    PageEntry("observations.py", observations.TITLE, "co_present", "observations", EVERYONE_BUT_TEACHERS),
    PageEntry("papers.py", papers.HEADING, "article", "papers", EVERYONE_BUT_TEACHERS),
    PageEntry("projects.py", projects.TITLE, "science", "projects", EVERYONE_BUT_TEACHERS),
    PageEntry("teacher.py", profile.TITLE, "person", "teacher", ROLES),
    PageEntry("report.py", report.TITLE, "summarize", "report", EVERYONE_BUT_TEACHERS),
    PageEntry("district.py", district.TITLE, "compare_arrows", "district", ALL_DATA_ROLES, district_only=True),
    PageEntry("import_data.py", importing.TITLE, "upload_file", "import", MANAGING_ROLES),
    PageEntry("quality.py", quality.TITLE, "fact_check", "quality", MANAGING_ROLES),
    PageEntry("accounts.py", accounts.TITLE, "manage_accounts", "accounts", ADMIN_ROLES),
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
