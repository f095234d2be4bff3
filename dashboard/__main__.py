"""``python -m dashboard``: see :mod:`dashboard.cli`."""

import sys

from .cli import main

sys.exit(main())
