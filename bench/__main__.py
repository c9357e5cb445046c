"""Run every benchmark of this folder at its default (small) scale, one after another."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    failed = 0
    for module in sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])):
        print(f"== bench.{module}", flush=True)
        failed += subprocess.call([sys.executable, "-m", f"bench.{module}"]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
