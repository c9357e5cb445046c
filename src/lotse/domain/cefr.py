"""CEFR levels of German (A0 = none), ordered so that levels compare as users expect."""

from __future__ import annotations

from enum import StrEnum


class CefrLevel(StrEnum):
    """A CEFR level; ``CefrLevel.B1 >= CefrLevel.A2`` is ``True``.

    >>> CefrLevel("B1") >= CefrLevel.A2
    True
    >>> max(CefrLevel.A1, CefrLevel.C1)
    <CefrLevel.C1: 'C1'>
    """

    A0 = "A0"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"

    @property
    def rank(self) -> int:
        """0 for A0 up to 6 for C2."""
        return _ORDER[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, CefrLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, CefrLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, CefrLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, CefrLevel):
            return NotImplemented
        return self.rank >= other.rank


_ORDER: dict[CefrLevel, int] = {level: i for i, level in enumerate(CefrLevel)}
