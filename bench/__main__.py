"""Run every benchmark (the ``bench_*`` modules) at its default, small scale, one after another."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    failed = 0
    here = [str(Path(__file__).parent)]
    for module in sorted(m.name for m in pkgutil.iter_modules(here) if m.name.startswith("bench_")):
        print(f"== bench.{module}", flush=True)
        failed += subprocess.call([sys.executable, "-m", f"bench.{module}"]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
