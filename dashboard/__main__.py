"""``python -m dashboard``: see :mod:`dashboard.cli`."""

import sys

from .cli import main
from .collector import spare_last_collection

status = main()
spare_last_collection()  # the read file's objects: the OS frees them, no last collection walks them
sys.exit(status)
