"""``python -m tests.fuzz``: the fuzz campaigns (see run.py)."""

import sys

from tests.fuzz.run import main

sys.exit(main())
