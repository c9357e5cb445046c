"""Numbers and dates the German way (Babel): 12,4 %, 11.900, 3.733 €, März 2025."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from lotse.analytics.months import month_start

LOCALE = "de_DE"
NBSP = "\u00a0"


def number(value: float | int | None, digits: int = 0) -> str:
    """A count or amount: ``11.900``; ``–`` when unknown.

    >>> number(11900), number(9.416666, 1), number(None)
    ('11.900', '9,4', '–')
    """
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=LOCALE))


def percent(value: float | None, digits: int = 1) -> str:
    """A value already in percent: ``12,4 %``.

    >>> percent(12.4), percent(-5.2538), percent(None)
    ('12,4\\xa0%', '−5,3\\xa0%', '–')
    """
    if value is None:
        return "–"
    return number(value, digits).replace("-", "−") + NBSP + "%"


def signed(value: float | None, digits: int = 1, unit: str = "") -> str:
    """A change with its sign: ``+1,1 Pp.``.

    >>> signed(1.14, unit="Pp."), signed(-3, 0)
    ('+1,1\\xa0Pp.', '−3')
    """
    if value is None:
        return "–"
    text = number(abs(value), digits)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{text}" + (NBSP + unit if unit else "")


def euro(value: float | None) -> str:
    """Whole euros: ``3.733 €``.

    >>> euro(3733), euro(-2000.4)
    ('3.733\\xa0€', '−2.000\\xa0€')
    """
    if value is None:
        return "–"
    return number(value).replace("-", "−") + NBSP + "€"


def month_name(m: int, pattern: str = "MMMM yyyy") -> str:
    """The German name of a month index: ``März 2025``.

    >>> month_name(2025 * 12 + 2), month_name(2025 * 12 + 2, "MMM yy")
    ('März 2025', 'März 25')
    """
    return str(format_date(month_start(m), pattern, locale=LOCALE))


def day(value: date) -> str:
    """``31. März 2025``.

    >>> day(date(2025, 3, 31))
    '31. März 2025'
    """
    return str(format_date(value, "d. MMMM yyyy", locale=LOCALE))
