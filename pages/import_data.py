"""数据导入: upload files, preview and correct them, commit; name corrections, history, undo, templates.

Thin: every decision is in :mod:`dashboard.importing`, :mod:`dashboard.quality`
and :mod:`dashboard.templates`; this page draws their results and widgets.
"""

from __future__ import annotations

import streamlit as st

from dashboard import importing, isolation, quality, ui
from dashboard.contract import AWARD_CATEGORIES, KIND_LABELS
from dashboard.normalize import normalize_term
from dashboard.safe import md
from dashboard.templates import TEMPLATES, template_bytes
from dashboard.labels import importing as words
from dashboard.labels.quality import NAME as NAME_COLUMN
from dashboard.labels.quality import NOT_OURS as NOT_OURS_LABEL

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME = {".xlsx": XLSX_MIME, ".xls": "application/vnd.ms-excel", ".csv": "text/csv"}
NAMES_SHOWN = 60


# ------------------------------------------------------------------ cached access

# An uploaded file is parsed in a child process (memory and time limits), once per content (sha256):
# a rerun finds the result here instead of reading the bytes again.
@st.cache_data(show_spinner="正在读取文件…", max_entries=32)
def _sheets(sha: str, filename: str, _data: bytes) -> tuple[list[str], str | None]:
    return isolation.inspect(_data, filename)


@st.cache_data(show_spinner="正在识别文件…", max_entries=32)
def _prepare(sha: str, filename: str, kind, term, sheets, header_rows, custom, known, _data: bytes,
             category=None) -> importing.Preview:
    options = importing.Options(kind, term, sheets, header_rows, category)
    return isolation.prepare(_data, filename, options, {k: dict(v) for k, v in custom}, known)


def _sha(upload) -> str:
    """The upload's sha256, computed once per uploaded file (not on every rerun)."""
    known = st.session_state.setdefault("import_sha", {})
    if upload.file_id not in known:
        known[upload.file_id] = importing.sha256_of(upload.getvalue())
    return known[upload.file_id]


@st.cache_data(show_spinner="正在查找未匹配的姓名…", max_entries=8)
def _unresolved(url: str, version: int, scope, _ds):
    return quality.unresolved_names(_ds)


@st.cache_data(show_spinner=False)
def _template(key: str) -> bytes:
    return template_bytes(key)


def _say(level: str, text: str) -> None:
    st.session_state.setdefault("import_messages", []).append((level, text))


f = ui.sidebar_filters()
if not ui.user().may_manage:
    st.warning("只有管理员和教科室账号可以导入数据。")
    st.stop()
store = ui.get_store(f.url)
ds = ui.dataset(f)
# In district mode an account of one school sees, replaces, downloads and undoes only its own batches.
history = importing.school_history(store, ui.user().school)
st.session_state.setdefault("import_uploader", 0)

st.title(words.TITLE)
st.caption("上传教师名册、听课记录/汇总、论文、课题的 Excel 或 CSV 文件。导入前可预览将保存的数据和发现的问题；"
           "每个文件作为一个批次保存，可撤销、可用新版本替换。")
# The school the new files belong to: an account of one school imports for it; a district account names it.
school = ui.user().school or (st.text_input(
    words.SCHOOL_INPUT, value=f.scope.school or "", key="import_school",
    help="要导入的文件属于哪所学校。只有一所学校时留空。").strip() or None)

for level, text in st.session_state.pop("import_messages", []):
    getattr(st, level)(md(text))


# ------------------------------------------------------------------ upload & preview

def file_options(name: str, data: bytes, sha: str) -> importing.Options | None:
    """The override widgets of one file; None when an option is invalid (message shown)."""
    sheet_names, rejected = _sheets(sha, name, data)
    if rejected:
        st.error(md(rejected))
        return None
    key = sha[:16]
    with st.expander(words.OPTIONS_EXPANDER):
        kind = st.selectbox(words.KIND_PICKER, importing.kind_choices(), key=f"{key}_kind",
                            format_func=lambda k: words.AUTO_OPTION if k is None else KIND_LABELS[k])
        term_text = st.text_input(words.TERM_INPUT, key=f"{key}_term",
                                  placeholder=words.TERM_PLACEHOLDER)
        category = st.selectbox(words.CATEGORY_PICKER, [None, *AWARD_CATEGORIES], key=f"{key}_category",
                                format_func=lambda c: words.AS_WRITTEN_OPTION if c is None else c)
        chosen = sheet_names
        if len(sheet_names) > 1:
            chosen = st.multiselect(words.SHEETS_PICKER, sheet_names, default=sheet_names, key=f"{key}_sheets")
        header_rows = []
        for sheet in chosen:
            row = st.number_input(words.HEADER_ROW_INPUT.format(sheet), min_value=0, step=1, value=0,
                                  key=f"{key}_header_{sheet}")
            if row:
                header_rows.append((sheet, int(row)))
    term = None
    if term_text.strip():
        term = normalize_term(term_text)
        if term is None:
            st.error(f"无法识别的学期“{md(term_text.strip())}”，请写成 2024-2025-1 或 2024-2025学年第一学期。")
            return None
    if not chosen:
        st.error("没有选择任何工作表，请在“导入选项”中至少选择一个。")
        return None
    sheets = tuple(chosen) if len(chosen) < len(sheet_names) else None
    return importing.Options(kind, term, sheets, tuple(header_rows), category)


def column_form(preview: importing.Preview, key: str) -> None:
    """The column-meaning correction of one file: saved per header, used for every later file."""
    kind = preview.result.kind
    columns = {column.key: column for column in preview.columns}
    unknown = [column.header for column in columns.values() if column.field is None]
    title = words.COLUMNS_EXPANDER + (words.COLUMNS_UNKNOWN.format(len(unknown)) if unknown else "")
    with st.expander(title, expanded=bool(unknown) and not preview.rows):
        if not columns:
            st.caption("这个文件没有可识别的表头行，按单元格内容推断。可在“导入选项”中指定表头所在行。")
            return
        with st.form(f"{key}_columns"):
            chosen = {}
            for column in columns.values():
                choices = importing.field_choices(kind)
                current = column.field or importing.IGNORE
                chosen[column.key] = st.selectbox(
                    words.COLUMN_MEANING_PICKER.format(md(column.header), md(column.sheet), column.header_row, column.how), choices,
                    index=choices.index(current) if current in choices else 0, key=f"{key}_col_{column.key}",
                    format_func=lambda name: importing.field_label(kind, name))
            if st.form_submit_button(words.SAVE_COLUMNS_BUTTON):
                changes = importing.mapping_changes(kind, list(columns.values()), chosen)
                if changes:
                    importing.save_mappings(store, changes, school)
                    whose = f"{school}以后" if school else "以后"
                    _say("success", f"已保存 {len(changes)} 列的含义；{whose}表头相同的文件也按此识别。")
                    st.rerun()
                st.info("没有改动。")


def replace_choice(preview: importing.Preview, key: str) -> int | None:
    """Which earlier batch this file replaces (None: a new batch)."""
    ours = importing.batches_of_school(history, school)  # a file replaces a batch of its own school only
    candidates = importing.replace_candidates(ours, preview.kind)
    if not candidates:
        return None
    suggested = importing.suggest_replace(ours, preview.filename, preview.kind)
    rows = {int(row.id): row for row in history.itertuples()}
    options = [None, *candidates]
    choice = st.selectbox(words.REPLACE_PICKER, options,
                          index=options.index(suggested) if suggested in options else 0, key=f"{key}_replace",
                          format_func=lambda batch: words.NO_REPLACE_OPTION if batch is None
                          else importing.batch_label(rows[batch]))
    if choice is not None and choice == suggested:
        st.info(f"之前导入过同名文件（批次 {suggested}），默认用本文件替换它（旧批次不计入统计但保留，撤销本文件的批次即原样恢复）；"
                "如两个都要保留，请选择“不替换”。")
    return choice


def show_preview(preview: importing.Preview, key: str) -> list[str]:
    """Draw what a file would store; the names in it that fit no roster teacher."""
    result = preview.result
    heads = "、".join(f"{sheet} 第{row}行" if row else f"{sheet}（无表头）" for sheet, row in preview.header_rows().items())
    st.markdown(f"**类型**：{KIND_LABELS[result.kind]}　**学期**：{md(result.term) or '按每行的日期或学期列'}　"
                f"**工作表**：{md('、'.join(preview.options.sheets or preview.sheet_names))}　**表头**：{md(heads) or '无'}")
    st.dataframe(importing.tables_table(result), hide_index=True, width="stretch")
    column_form(preview, key)
    st.caption(f"预览：将导入 {preview.rows} 行")
    if preview.rows:
        shown = result.frame.head(1000)
        st.dataframe(importing.rows_table(shown, result.kind), hide_index=True, width="stretch", height=260)
        if preview.rows > len(shown):
            st.caption(f"只显示前 {len(shown)} 行。")
    if result.problems:
        counts = "，".join(f"{label} {count} 条" for label, count in importing.problem_counts(result.problems).items())
        st.markdown(f"**发现的问题**：{counts}")
        if result.errors:
            st.warning(f"{len(result.errors)} 行有错误，不会导入（见下表“未导入”）。可改正原文件后再导入，并替换本批次。")
        st.dataframe(importing.problems_table(result.problems), hide_index=True, width="stretch")
    else:
        st.caption("没有发现问题。")
    names = quality.file_unmatched_names(result, ds)
    if names:
        shown_names = "、".join(names[:20]) + ("等" if len(names) > 20 else "")
        st.warning(f"{len(names)} 个姓名在名册中找不到：{md(shown_names)}。可在下方“未匹配的姓名”中指定对应的名册教师。")
    return names


files = st.file_uploader(words.UPLOADER, type=["xlsx", "xls", "csv"],
                         accept_multiple_files=True, key=f"import_files_{st.session_state['import_uploader']}")
custom = tuple((kind, tuple(sorted(mapping.items()))) for kind, mapping in sorted(importing.saved_mappings(store, school).items()))
ready: list[tuple[importing.Preview, int | None]] = []
pending_names: dict[str, str] = {}
seen: dict[str, str] = {}
if too_big := isolation.upload_refusal({upload.name: upload.size for upload in files or []}):
    st.error(too_big)
    files = []
for upload in files or []:
    data = upload.getvalue()
    sha = _sha(upload)
    with st.container(border=True):
        st.subheader(f"📄 {md(upload.name)}")
        if sha in seen:
            st.warning(f"与「{md(seen[sha])}」内容完全相同，只导入一次。")
            continue
        seen[sha] = upload.name
        existing = importing.imported_before(store, sha, school)
        if existing is not None:
            st.warning(f"{md(importing.duplicate_message(existing))}，不会重复导入。")
            continue
        options = file_options(upload.name, data, sha)
        if options is None:
            continue
        preview = _prepare(sha, upload.name, options.kind, options.term, options.sheets, options.header_rows, custom,
                           importing.known_names(store, school), data, options.category)
        if preview.rejected:
            st.error(md(preview.rejected))
            continue
        for name in show_preview(preview, sha[:16]):
            pending_names.setdefault(name, upload.name)
        ready.append((preview, replace_choice(preview, sha[:16])))

if ready:
    total = sum(preview.rows for preview, _ in ready)
    if st.button(words.COMMIT_BUTTON.format(len(ready), total), type="primary", key="import_commit"):
        bar = st.progress(0.0, text="准备导入…")
        reports = importing.commit(store, ready, progress=lambda fraction, text: bar.progress(fraction, text=text),
                                   school=school, who=ui.user().username)
        for report in reports:
            _say("success" if report.ok else "warning", report.message)
        st.session_state["import_uploader"] += 1
        st.rerun()
elif files:
    st.info("没有可以导入的文件。")


# ------------------------------------------------------------------ unmatched names

st.header(words.UNMATCHED_SECTION)
teachers = quality.roster_teachers(ds)
if teachers.empty:
    st.info("还没有导入教师名册。请先导入名册，再为找不到的姓名指定对应教师。")
else:
    names = _unresolved(f.url, f.version, f.scope, ds)
    extra = [name for name in pending_names if name not in set(names[NAME_COLUMN])]
    st.caption("听课人、论文作者、课题负责人的姓名要与名册一致才计入。为找不到的姓名选择名册中对应的教师，"
               "或标记为“不是本校教师”；保存后对已导入和以后导入的所有数据都生效。")
    if names.empty and not extra:
        st.success("所有已导入的姓名都能对应到名册教师。")
    else:
        if len(names):
            st.dataframe(names, hide_index=True, width="stretch")
        todo = [*extra, *names[NAME_COLUMN]][:NAMES_SHOWN]
        # Folded until opened (a select of the roster per name is heavy to draw); open at once while a
        # file waiting to be imported has such names.
        with ui.opened(words.ALIAS_FORM_EXPANDER.format(len(names) + len(extra)), "import_aliases_open",
                       expanded=bool(extra)) as shown:
            if shown:
                labels = quality.teacher_labels(teachers)
                with st.form("import_aliases"):
                    choices = {}
                    for index, name in enumerate(todo):
                        where = f"（待导入的「{md(pending_names[name])}」）" if name in pending_names else ""
                        options = [None, quality.NOT_OURS, *quality.teacher_options(teachers, name)]
                        choices[name] = st.selectbox(
                            words.ALIAS_PICKER.format(md(name), where), options, key=f"import_alias_{name}",
                            format_func=lambda key: words.NOT_NOW_OPTION if key is None
                            else NOT_OURS_LABEL if key == quality.NOT_OURS else labels.get(key, key))
                    if len(names) + len(extra) > NAMES_SHOWN:
                        st.caption(f"只列出前 {NAMES_SHOWN} 个；保存后显示其余的。")
                    if st.form_submit_button(words.SAVE_ALIASES_BUTTON):
                        messages = quality.save_aliases(store, choices, f.scope.school, who=ui.user().username)
                        for message in messages:
                            _say("success", message)
                        if messages:
                            st.rerun()
                        st.info("没有选择任何对应。")
    aliases = quality.saved_aliases(store, f.scope.school)  # district mode: the chosen school's own corrections
    if len(aliases):
        with st.expander(words.ALIASES_EXPANDER.format(len(aliases))):
            st.dataframe(quality.aliases_table(aliases), hide_index=True, width="stretch")
            alias = st.selectbox(words.DELETE_ALIAS_PICKER, list(aliases["alias_key"]), key="import_alias_delete_choice")
            if st.button(words.DELETE_ALIAS_BUTTON, key="import_alias_delete"):
                quality.delete_alias(store, alias, f.scope.school, who=ui.user().username)
                _say("success", f"已删除“{alias}”的对应，该姓名重新计为未匹配。")
                st.rerun()


# ------------------------------------------------------------------ history

st.header(words.HISTORY_SECTION)
if history.empty:
    st.info("还没有导入任何文件。")
else:
    st.dataframe(importing.history_table(history), hide_index=True, width="stretch")
    rows = {int(row.id): row for row in history.itertuples()}
    batch_ids = list(rows)[::-1]
    left, right = st.columns(2)
    with left:
        chosen = st.selectbox(words.DOWNLOAD_ORIGINAL_BUTTON, batch_ids, key="import_download_choice",
                              format_func=lambda batch: importing.batch_label(rows[batch]))
        name = rows[chosen].filename  # the bytes are read from the store only when the button is clicked
        st.download_button(words.DOWNLOAD_ORIGINAL_BUTTON, lambda: importing.raw_file_bytes(store, chosen), file_name=name, key="import_download",
                           mime=MIME.get(name[name.rfind("."):].lower(), "application/octet-stream"), on_click="ignore")
    with right:
        pending = st.session_state.get("import_confirm_undo")
        if pending in rows:
            row = rows[pending]
            st.warning(f"确定撤销{md(importing.batch_label(row))}？该文件导入的 {row.rows} 行数据将被删除"
                       "（之后可重新导入原文件）。")
            yes, no = st.columns(2)
            if yes.button(words.CONFIRM_UNDO_BUTTON, type="primary", key="import_undo_confirm"):
                done, message = importing.undo(store, pending, who=ui.user().username)
                _say("success" if done else "warning", message)
                del st.session_state["import_confirm_undo"]
                st.rerun()
            if no.button(words.CANCEL_BUTTON, key="import_undo_cancel"):
                del st.session_state["import_confirm_undo"]
                st.rerun()
        else:
            target = st.selectbox(words.UNDO_PICKER, batch_ids, key="import_undo_choice",
                                  format_func=lambda batch: importing.batch_label(rows[batch]))
            if st.button(words.UNDO_BUTTON, key="import_undo"):
                st.session_state["import_confirm_undo"] = target
                st.rerun()


# ------------------------------------------------------------------ templates

st.header(words.TEMPLATES_SECTION)
st.caption("按模板填写的文件可直接导入。模板第 2 行是示例，填写时请覆盖或删除；表头上的批注说明每一列怎么填。")
columns = st.columns(min(len(TEMPLATES), 5))
for number, (key, template) in enumerate(TEMPLATES.items()):
    column = columns[number % len(columns)]
    # Built when clicked (a callable): ten workbooks made on the first visit after a start, and sent on every
    # run, when hardly anyone downloads one.
    column.download_button(f"{template.title}", lambda key=key: _template(key), file_name=template.filename, mime=XLSX_MIME,
                           key=f"template_{key}")
