"""``python -m selfcheck``: see selfcheck.cli."""

import sys

from .cli import main

sys.exit(main())
