"""District-scale benchmark: data generator (generate.py) and runner (run.py); ``python -m bench``."""
