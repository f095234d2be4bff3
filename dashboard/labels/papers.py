"""Labels of the 获奖与发表 page: its title, cards, filters, charts, tables and downloads."""

