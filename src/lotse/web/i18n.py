"""The message catalogue: German first, English second, one JSON file per locale and folder.

Keys are dotted paths (``{"nav": {"clients": "Klienten"}}`` is ``nav.clients``). The core and
every feature bring their own ``messages/de.json`` and ``messages/en.json``; a key defined twice
is an error, and a test checks that every locale has the same keys.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

LOCALES = ("de", "en")
DEFAULT_LOCALE = "de"
TIMEZONE = ZoneInfo("Europe/Berlin")


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Dotted keys for a nested dict of messages.

    >>> flatten({"nav": {"clients": "Klienten"}, "ok": "OK"})
    {'nav.clients': 'Klienten', 'ok': 'OK'}
    """
    flat: dict[str, str] = {}
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = str(value)
    return flat


def enum_key(value: Enum) -> str:
    """The message key of an enum value: ``enum.<snake class name>.<value>``."""
    name = type(value).__name__
    snake = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    return f"enum.{snake}.{value.value}"


class Catalogue:
    """All messages of all folders, per locale."""

    def __init__(self) -> None:
        self.messages: dict[str, dict[str, str]] = {loc: {} for loc in LOCALES}
        self.owner: dict[str, str] = {}

    def load_dir(self, folder: Path, *, owner: str) -> None:
        for locale in LOCALES:
            path = folder / f"{locale}.json"
            tree = json.loads(path.read_text(encoding="utf-8"))
            for key, text in flatten(tree).items():
                first = self.owner.setdefault(f"{locale}:{key}", owner)
                if first != owner:
                    raise ValueError(f"message key {key!r} defined by {first} and {owner}")
                self.messages[locale][key] = text

    def translator(self, locale: str) -> Translator:
        return Translator(self, locale if locale in LOCALES else DEFAULT_LOCALE)


class Translator:
    """``t("key", name=...)`` in templates and code; a missing key shows as the key itself."""

    def __init__(self, catalogue: Catalogue, locale: str) -> None:
        self.locale = locale
        self._messages = catalogue.messages[locale]
        self._fallback = catalogue.messages[DEFAULT_LOCALE]

    def __call__(self, key: str, **values: Any) -> str:
        text = self._messages.get(key) or self._fallback.get(key)
        if text is None:
            return key
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._messages

    def enum(self, value: Enum | None) -> str:
        if value is None:
            return "–"
        return self(enum_key(value))

    def date(self, value: date | None) -> str:
        return "–" if value is None else format_date(value, format="medium", locale=self.locale)

    def datetime(self, value: dt.datetime | None) -> str:
        if value is None:
            return "–"
        local = value.astimezone(TIMEZONE)
        return format_datetime(local, format="short", locale=self.locale)

    def time(self, value: dt.datetime | None) -> str:
        if value is None:
            return "–"
        return format_time(value.astimezone(TIMEZONE), format="short", locale=self.locale)

    def month(self, year: int, month: int) -> str:
        """A short month label such as ``Jan. 25`` / ``Jan 25``."""
        return format_date(date(year, month, 1), format="MMM yy", locale=self.locale)

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)
