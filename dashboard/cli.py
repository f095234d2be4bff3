"""Command line: ``python -m dashboard import|figures|demo|history|undo|backup|restore``.
``report --term T [--group G] --out FILE`` writes the term's 工作总结 (.docx or .xlsx).

Exit codes: 0 all went well; 1 a file was rejected or a batch not found
(the rest still happened); 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .contract import KIND_LABELS, KINDS
from .normalize import normalize_term
from .store import Store, resolve_url

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def _term(value: str) -> str:
    term = normalize_term(value)
    if term is None:
        raise argparse.ArgumentTypeError(f"无法识别的学期“{value}”，请写成 2024-2025-1 或 2024-2025学年第一学期")
    return term


def _category(value: str) -> str:
    from .contract import AWARD_CATEGORIES
    from .normalize import normalize_category

    category = value if value in AWARD_CATEGORIES else normalize_category(value)
    if category is None:
        raise argparse.ArgumentTypeError(f"无法识别的类别“{value}”，请写 {'、'.join(AWARD_CATEGORIES)} 之一")
    return category


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="教师发展数据看板：导入、统计、撤销。")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", help="数据库地址（SQLAlchemy URL），默认取环境变量 DASHBOARD_DB，否则 sqlite:///data/dashboard.db")
        return p

    p = with_db(sub.add_parser("import", help="导入 Excel/CSV 文件"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--kind", choices=KINDS, help="文件类型（默认自动识别）")
    p.add_argument("--term", type=_term, help="学期（文件中没有写明时使用），如 2024-2025-1")
    p.add_argument("--school", help="学校名称（区级多校模式：这些文件属于哪所学校）")
    p.add_argument("--category", type=_category, help="获奖与发表的类别（文件的类别列、标题都没有写明时使用），"
                                                      "如 优质课、课件、教学设计、论文")
    p.add_argument("--explain", action="store_true", help="列出每张表的表头行和每一列被理解成什么（纠正可在“数据导入”页保存）")
    p = with_db(sub.add_parser("figures", help="输出某学期的统计数字（JSON）"))
    p.add_argument("--term", type=_term, help="学期，默认最近一个有数据的学期")
    p.add_argument("--group", help="只统计这个教研组")
    p.add_argument("--school", help="只统计这所学校（区级多校模式）")
    p = with_db(sub.add_parser("demo", help="导入自带的示例学校数据"))
    p.add_argument("--school", help="以这个学校名导入（区级多校模式演示：用不同名字导入两次）")
    with_db(sub.add_parser("history", help="列出导入批次"))
    p = with_db(sub.add_parser("undo", help="撤销一个导入批次"))
    p.add_argument("batch", type=int, metavar="BATCH")
    add_user_parser(sub, with_db)
    add_report_parser(sub, with_db)
    p = with_db(sub.add_parser("backup", help="把整个数据库（含每个原始文件、账号、审计记录）备份到一个文件；看板运行时也可以"))
    p.add_argument("file", metavar="FILE")
    p = with_db(sub.add_parser("restore", help="把备份文件恢复到一个空数据库"))
    p.add_argument("file", metavar="FILE")
    return parser


def run_backup(store: Store, args) -> int:
    """``backup FILE`` / ``restore FILE``: 0 done, 1 refused (message on stderr)."""
    from getpass import getuser

    from .backup import BackupError, backup, restore

    who = f"命令行（{getuser()}）"
    started = time.perf_counter()
    try:
        done = backup(store, args.file, who) if args.command == "backup" else restore(store, args.file, who)
    except BackupError as error:
        print(str(error), file=sys.stderr)
        return 1
    verb = "备份到" if args.command == "backup" else "已从备份恢复："
    rows = sum(count for name, count in done.rows.items() if name in KINDS)  # every declared kind's rows
    print(f"{verb}「{args.file}」：{done.batches} 个批次，{rows} 行数据，文件 {done.size / 1024 ** 2:.1f} MB，"
          f"用时 {time.perf_counter() - started:.2f} 秒。")
    return 0


def add_report_parser(sub, with_db) -> None:
    """``report --term T [--group G] --out FILE``: the term's 工作总结 as .docx or .xlsx."""
    p = with_db(sub.add_parser("report", help="生成学期工作总结（.docx 或 .xlsx，按输出文件的扩展名）"))
    p.add_argument("--term", type=_term, required=True, help="学期，如 2024-2025-2 或 2025春")
    p.add_argument("--group", help="只写这个教研组")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件：以 .docx 或 .xlsx 结尾")
    p.add_argument("--school-name", help="标题中的学校名称，默认取环境变量 DASHBOARD_SCHOOL，否则“示例学校”")


def run_report(store: Store, args) -> int:
    """Write the report; 1 when the term/group has no data or charts cannot be drawn, 2 for a bad file type."""
    from .metrics import data_terms, roster_for
    from .png import PngExportError
    from .report_docx import build_docx
    from .report_text import build_report, school_name
    from .report_xlsx import report_xlsx

    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".xlsx"):
        print(f"输出文件「{out}」须以 .docx 或 .xlsx 结尾。", file=sys.stderr)
        return 2
    started = time.perf_counter()
    school = school_name(args.school_name)
    ds = store.dataset()
    if len(ds.schools) >= 2:
        if school not in ds.schools:
            print(f"数据库里有多所学校（{'、'.join(ds.schools)}），请用 --school-name 指定其中一所。", file=sys.stderr)
            return 1
        ds = ds.for_school(school)
    if args.term not in data_terms(ds):
        print(f"学期 {args.term} 没有数据。有数据的学期：{'、'.join(data_terms(ds)) or '无'}。", file=sys.stderr)
        return 1
    groups = list(dict.fromkeys(roster_for(ds, args.term)["group"]))
    if args.group and args.group not in groups:
        print(f"没有教研组“{args.group}”。该学期的教研组：{'、'.join(groups)}。", file=sys.stderr)
        return 1
    report = build_report(ds, args.term, args.group, school)
    charts = 0.0
    if out.suffix.lower() == ".xlsx":
        data = report_xlsx(report)
    else:
        try:
            built = build_docx(report)
        except PngExportError as error:
            print(str(error), file=sys.stderr)
            return 1
        data, charts = built.data, built.timings["chart_figures"] + built.timings["png"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    total = time.perf_counter() - started
    print(f"已生成「{out}」：{report.title}。用时 {total:.2f} 秒（其中图表 {charts:.2f} 秒，其余 {total - charts:.2f} 秒）。")
    return 0


def add_user_parser(sub, with_db) -> None:
    """``user add|passwd|role|remove|disable|enable|list|setup-code``: accounts for the dashboard."""
    from .accounts import ROLES

    user = sub.add_parser("user", help="管理看板账号").add_subparsers(dest="action", required=True)
    p = with_db(user.add_parser("add", help="新建账号"))
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--group", help="教研组（教研组长账号必填）")
    p.add_argument("--teacher", help="对应的教师姓名（教师账号必填）")
    p.add_argument("--school", help="学校（区级多校模式）")
    p.add_argument("--password", help="密码（不写则提示输入）")
    p = with_db(user.add_parser("role", help="修改角色或范围（学校、教研组、教师）"))
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--group", help="教研组（教研组长账号必填）")
    p.add_argument("--teacher", help="对应的教师姓名（教师账号必填）")
    p.add_argument("--school", help="学校（区级多校模式）")
    p = with_db(user.add_parser("passwd", help="修改密码"))
    p.add_argument("username")
    p.add_argument("--password", help="新密码（不写则提示输入）")
    for action, text in (("remove", "删除账号"), ("disable", "停用账号"), ("enable", "启用账号")):
        with_db(user.add_parser(action, help=text)).add_argument("username")
    with_db(user.add_parser("list", help="列出账号"))
    with_db(user.add_parser("setup-code", help="还没有任何账号时：打印网页上建立第一个管理员用的建立码"))


def run_user(store: Store, args) -> int:
    from getpass import getpass

    from . import accounts
    from .normalize import name_key

    who = _who()  # every change is recorded in the audit as made on the command line
    try:
        if args.action == "add":
            password = args.password or getpass("密码：")
            accounts.add_user(store, args.username, password, args.role, school=args.school, group=args.group,
                              teacher_key=name_key(args.teacher) or None, who=who)
            print(f"已新建账号“{args.username}”（{args.role}）。")
        elif args.action == "role":
            accounts.set_role(store, args.username, args.role, school=args.school, group=args.group,
                              teacher_key=name_key(args.teacher) or None, who=who)
            print(f"已把“{args.username}”改为{accounts.describe(args.role, args.school, args.group, args.teacher)}。")
        elif args.action == "passwd":
            accounts.set_password(store, args.username, args.password or getpass("新密码："), who=who)
            print(f"已修改“{args.username}”的密码。")
        elif args.action == "remove":
            accounts.remove_user(store, args.username, who=who)
            print(f"已删除账号“{args.username}”。")
        elif args.action in ("disable", "enable"):
            accounts.set_disabled(store, args.username, args.action == "disable", who=who)
            print(f"已{'停用' if args.action == 'disable' else '启用'}账号“{args.username}”。")
        elif args.action == "setup-code":
            code = accounts.setup_code(store)
            if code is None:
                print("已有账号，不需要建立码。")
            else:
                print(f"看板还没有任何账号。管理员建立码：{code}（在网页上建立第一个管理员账号时填写）")
        else:
            for row in accounts.list_users(store):
                state = "停用" if row["disabled"] else "正常"
                scope = row["group_name"] or row["teacher_key"] or "全部"
                print(f"{row['username']}\t{row['role']}\t{row['school'] or ''}\t{scope}\t{state}")
    except accounts.AccountError as error:
        print(str(error), file=sys.stderr)
        return 1
    return 0


def import_files(store: Store, paths: list[Path], kind: str | None = None, term: str | None = None, out=None,
                 school: str | None = None, explain: bool = False, category: str | None = None) -> int:
    """Import each file in its own transaction; 1 if any was rejected.  ``explain`` prints each
    table's header row and every column's meaning before the outcome."""
    from .importing import import_bytes

    out = out or sys.stdout
    status = 0
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            print(f"✗ 无法读取文件「{path}」：{error.strerror}", file=out)
            status = 1
            continue
        shown = (lambda result, custom, known, data=data, name=path.name:
                  explain_result(data, name, result, custom, out, known)
                 ) if explain else None
        report = import_bytes(store, data, path.name, kind=kind, term=term, school=school, who=_who(),
                              category=category, on_read=shown)
        print(f"{'✓' if report.ok else '=' if report.duplicate else '✗'} {report.message}", file=out)
        status = status if report.ok or report.duplicate else 1
    return status


def explain_result(data: bytes, filename: str, result, custom, out, known=None) -> None:
    """Print what was understood of a file: kind, term, each table's header row and column meanings,
    and the sheets left out."""
    from .importing import Options, field_label, header_columns

    print(f"「{filename}」：{KIND_LABELS[result.kind]}，学期 {result.term or '按每行的日期或学期列'}", file=out)
    columns = header_columns(data, filename, result.kind, custom, Options(kind=result.kind), known)
    for table in result.tables:
        where = f"第 {table.header_row} 行" if table.header_row else "无表头（按内容推断）"
        print(f"  工作表「{table.sheet}」表头行：{where}，数据 {table.rows} 行", file=out)
        for column in columns:
            if column.sheet == table.sheet and column.header_row == table.header_row:
                print(f"    {column.header} → {field_label(result.kind, column.field)}（{column.how}）", file=out)
    for problem in result.problems:
        if problem.row is None and problem.severity == "skipped":
            print(f"  {problem.message}", file=out)


def _who() -> str:
    """The audit's name for what the command line does: 命令行 and the system user."""
    from getpass import getuser

    return f"命令行（{getuser()}）"


def demo_files() -> list[Path]:
    """The demo school's files in the order a school imports them (rosters first): by the ``order``
    of their kind's declaration, then by name.  The kind is the first (in order) a word of whose
    ``hints`` the file name holds; for a name holding none, the loaders' own guess from its headers."""
    files = [p for p in DEMO_DIR.iterdir() if p.suffix.lower() in (".xlsx", ".xls", ".csv")]
    return sorted(files, key=lambda p: (_demo_order(p), p.name))


def _demo_order(path: Path) -> int:
    from .kinds import KINDS as DECLARED

    order = _hinted_order(path.name)
    if order is None:
        from .reading import read_workbook
        from .tables import guess_kind

        guessed = guess_kind(read_workbook(path.read_bytes(), path.name).sheets, path.name)
        order = DECLARED[guessed].order if guessed else max(kind.order for kind in DECLARED.values()) + 1
    return order


def _hinted_order(filename: str) -> int | None:
    """The ``order`` of the first kind (in order) a word of whose ``hints`` ``filename`` holds, else None.

    >>> _hinted_order("教师名册_2023学年第一学期.xlsx") < _hinted_order("2023学年第一学期听课记录.xlsx")
    True
    >>> _hinted_order("教师获奖登记（问卷星导出）.xlsx") is None
    True
    """
    from .kinds import KINDS as DECLARED

    return next((kind.order for kind in DECLARED.values() if any(word in filename for word in kind.hints)), None)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    store = Store(resolve_url(args.db))
    if args.command == "import":
        return import_files(store, [Path(f) for f in args.files], args.kind, args.term, school=args.school,
                            explain=args.explain, category=args.category)
    if args.command == "demo":
        from .accounts import mark_demo_store

        started = time.perf_counter()
        if not mark_demo_store(store):
            print("这个数据库已有学校的数据或账号，不能作为演示库：演示账号在它上面不能登录。"
                  "演示请用一个新的数据库，例如 --db sqlite:///data/demo.db。", file=sys.stderr)
            return 1
        status = import_files(store, demo_files(), school=args.school)
        print(f"示例数据导入完成，用时 {time.perf_counter() - started:.2f} 秒。")
        return status
    if args.command == "figures":
        from .metrics import data_terms, figures

        ds = store.dataset()
        term = args.term or (data_terms(ds) or [None])[-1]
        if term is None:
            print("数据库里还没有数据。请先导入文件，或运行 python -m dashboard demo。", file=sys.stderr)
            return 1
        if args.school:
            ds = ds.for_school(args.school)
        from .task_rules import TaskRulesError

        try:
            print(json.dumps(figures(ds, term, args.group), ensure_ascii=False, indent=2))
        except TaskRulesError as error:
            print(f"无法计算：{error}", file=sys.stderr)
            return 1
        return 0
    if args.command == "history":
        history = store.history_rows()
        if not history:
            print("还没有导入任何文件。")
            return 0
        for row in history:
            school = f"\t{row.school}" if isinstance(row.school, str) else ""
            print(f"{row.id}\t{row.created_at}\t{row.filename}\t{row.sha256}\t{KIND_LABELS.get(row.kind, row.kind)}"
                  f"\t{row.term or ''}\t{row.rows}{school}")
        return 0
    if args.command == "user":
        return run_user(store, args)
    if args.command == "report":
        return run_report(store, args)
    if args.command in ("backup", "restore"):
        return run_backup(store, args)
    if args.command == "undo":
        from getpass import getuser

        earlier = store.replaced(args.batch)
        if store.undo(args.batch, who=f"命令行（{getuser()}）"):
            back = f"它替换的批次 {'、'.join(map(str, earlier))} 已恢复。" if earlier else ""
            print(f"已撤销批次 {args.batch}。{back}")
            return 0
        print(f"没有批次 {args.batch}。", file=sys.stderr)
        return 1
    return 2
