"""Write transformers' own name tables into advisor/*_snapshot.txt, the union over the releases given:

- model_types_snapshot.txt: every model_type of CONFIG_MAPPING_NAMES;
- tokenizer_classes_snapshot.txt: every tokenizer class of TOKENIZER_MAPPING_NAMES;
- quant_methods_snapshot.txt: every quantization method of QuantizationMethod and the quantizer table.

    python scripts/snapshot_model_types.py                      # the installed transformers
    python scripts/snapshot_model_types.py --also /tmp/t457/transformers  # and an unpacked older release

(an older release unpacked with `pip download --no-deps transformers==4.57.1 -d /tmp/t && unzip /tmp/t/*.whl
'transformers/__init__.py' 'transformers/models/auto/*' 'transformers/utils/quantization_config.py'
'transformers/quantizers/auto.py' -d /tmp/t457`)

explain reads the text on the user's machine, whose transformers may be older or newer than the checkpoint: the
installed release alone cannot tell "a name newer than this release" (upgrade transformers) from "a name no release
has" (the checkpoint's or its project's own code), nor a class transformers 5 dropped (CodeGenTokenizer, 'transfo-xl')
from remote code. These files are transformers' own tables, taken from the newest release at hand and the last 4.x;
advisor.names reads them beside the installed tables.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _version(package: Path) -> str:
    """The release of an unpacked transformers package, from its __init__.py (or "?")."""
    try:
        hit = re.search(r'__version__ = "([^"]+)"', (package / "__init__.py").read_text(encoding="utf-8"))
    except OSError:
        return "?"
    return hit.group(1) if hit else "?"


def tables(package: Path | None) -> tuple[set[str], set[str], set[str]]:
    """(model types, tokenizer classes, quantization methods) of the installed transformers (None) or of the
    unpacked package at ``package``, read by advisor.names' own readers."""
    from advisor import names

    readers = (names.config_names, names.tokenizer_classes, names.quant_methods)
    original = names._auto_dir
    try:
        if package is not None:
            names._auto_dir = lambda: package / "models" / "auto"  # type: ignore[assignment]
        for reader in readers:
            reader.cache_clear()
        return set(names.config_names()), set(names.tokenizer_classes()), set(names.quant_methods())
    finally:
        names._auto_dir = original
        for reader in readers:
            reader.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="an unpacked transformers package folder of another release to add")
    args = parser.parse_args(argv)
    import transformers

    versions = [transformers.__version__, *(_version(p) for p in args.also)]
    union: list[set[str]] = [set(), set(), set()]
    for package in [None, *args.also]:
        for kept, found in zip(union, tables(package), strict=True):
            kept |= found
    made_by = f"transformers {' + '.join(versions)} (scripts/snapshot_model_types.py)"
    for (name, what), found in zip((("model_types", "model_type values"), ("tokenizer_classes", "tokenizer classes"),
                                    ("quant_methods", "quantization methods")), union, strict=True):
        if not found:
            print(f"transformers' {what} could not be read", file=sys.stderr)
            return 1
        out = ROOT / "advisor" / f"{name}_snapshot.txt"
        out.write_text(f"# {what} of {made_by}\n" + "\n".join(sorted(found)) + "\n", encoding="utf-8")
        print(f"wrote {len(found)} {what} to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
