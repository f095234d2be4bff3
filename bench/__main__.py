"""``python -m bench``: generate district-scale data (once) and print the benchmark table."""

import sys

from .run import main

sys.exit(main())
