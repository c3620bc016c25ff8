"""``python -m tests.bench``: the benchmarks (see run.py)."""

import sys

from tests.bench.run import main

sys.exit(main())
