"""Write an exchange-format folder: canonical cells, all or nothing.

Cells go through :func:`lotse.exchange.schema.format_row`, in the spec's canonical column order
with a header row; files are UTF-8 without a byte-order mark, ``\\n`` line ends, minimal
quoting. Everything is written into a hidden folder next to the target and moved into place
only when every file is complete; on any error the hidden folder is removed and the target is
left as it was.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from lotse.errors import InvalidInput, Problem
from lotse.exchange.schema import SPECS, FileSpec, format_row

MANIFEST = "generation.json"
BATCH = 10_000


class Sink:
    """One CSV file being written."""

    def __init__(self, path: Path, spec: FileSpec) -> None:
        self.spec = spec
        self._fh: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._fh, lineterminator="\n")
        self._csv.writerow(spec.column_names)
        self.rows = 0

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        spec = self.spec
        batch: list[list[str]] = []
        for row in rows:
            batch.append(format_row(spec, row))
            if len(batch) == BATCH:
                self._flush(batch)
        self._flush(batch)

    def _flush(self, batch: list[list[str]]) -> None:
        self._csv.writerows(batch)
        self.rows += len(batch)
        batch.clear()

    def close(self) -> None:
        self._fh.close()


class FolderWriter:
    """Context manager: ``with FolderWriter(out) as w: w.sink(CLIENTS).write(...)``."""

    def __init__(self, out: Path, *, overwrite: bool = False) -> None:
        self.out = Path(out)
        self.overwrite = overwrite
        self.sinks: dict[str, Sink] = {}
        self.tmp: Path | None = None

    def __enter__(self) -> FolderWriter:
        if self.out.exists() and not self.out.is_dir():
            raise InvalidInput(
                Problem("folder", f"{self.out} exists and is not a folder", file=str(self.out))
            )
        if self.out.is_dir() and not self.overwrite:
            taken = sorted(n for n in (*SPECS, MANIFEST) if (self.out / n).exists())
            if taken:
                raise InvalidInput(
                    Problem(
                        "folder",
                        f"{self.out} already holds {', '.join(taken)}; choose an empty "
                        "folder or allow overwriting (--force)",
                        file=str(self.out),
                    )
                )
        parent = self.out.resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", dir=parent))
        self.tmp.chmod(0o755)
        return self

    def sink(self, spec: FileSpec) -> Sink:
        assert self.tmp is not None
        if spec.name not in self.sinks:
            self.sinks[spec.name] = Sink(self.tmp / spec.name, spec)
        return self.sinks[spec.name]

    def write_all(self, spec: FileSpec, rows: Iterable[dict[str, Any]]) -> int:
        sink = self.sink(spec)
        sink.write(rows)
        return sink.rows

    def write_json(self, name: str, data: Mapping[str, Any]) -> None:
        assert self.tmp is not None
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str)
        (self.tmp / name).write_text(text + "\n", encoding="utf-8")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for sink in self.sinks.values():
            sink.close()
        assert self.tmp is not None
        try:
            if exc_type is None:
                self._commit(self.tmp)
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _commit(self, tmp: Path) -> None:
        if not self.out.exists():
            tmp.replace(self.out)
            return
        for path in sorted(tmp.iterdir()):
            path.replace(self.out / path.name)
