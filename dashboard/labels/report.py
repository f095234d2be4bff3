"""Labels of the 工作总结 page: its title, pickers, buttons and downloads."""

TITLE = "工作总结"

# ------------------------------------------------------------ the .xlsx (dashboard/report_xlsx.py)
#: the sheet of the paragraphs and its two columns
XLSX_TEXT_SHEET = "工作总结"
XLSX_PART_COLUMN = "部分"
XLSX_TEXT_COLUMN = "内容"
#: the part of a paragraph without heading
XLSX_OPENING = "总述"
