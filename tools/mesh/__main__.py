"""``python -m tools.mesh [--out DIR]``: writes the manifests (default: mesh/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.mesh import write

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mesh", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "mesh", help="default: mesh/")
    args = parser.parse_args(argv)
    written = write(args.out)
    sys.stderr.write(f"wrote {len(written)} files under {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
