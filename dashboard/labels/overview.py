"""Labels of the 总览 page: its title, sections, charts, tables and downloads."""

TITLE = "总览"
