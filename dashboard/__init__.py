"""教师发展数据看板: loaders, store, metrics, charts and reports for teacher-development data."""
