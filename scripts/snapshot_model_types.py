"""Write advisor/model_types_snapshot.txt: every model_type the installed transformers' CONFIG_MAPPING_NAMES knows.

    python scripts/snapshot_model_types.py

explain reads the text on the user's machine, whose transformers may be older than the checkpoint: the installed
release alone cannot tell "a type newer than this release" (upgrade transformers) from "a type no release has" (the
checkpoint's or its project's own code). This file is transformers' own table, taken from the newest release at hand
(rerun it after upgrading the dev install); advisor.names reads it beside the installed table.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    import transformers

    from advisor import names

    types = sorted(names.config_names())
    if not types:
        print("transformers' CONFIG_MAPPING_NAMES could not be read", file=sys.stderr)
        return 1
    out = ROOT / "advisor" / "model_types_snapshot.txt"
    header = f"# model_type values of transformers {transformers.__version__} (scripts/snapshot_model_types.py)\n"
    out.write_text(header + "\n".join(types) + "\n", encoding="utf-8")
    print(f"wrote {len(types)} model types to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
