"""Key figures and programme figures over canonical tables, on DuckDB. No database imports.

``definitions`` and ``programme_definitions`` hold every rule once, as portable SQL with its
legal source; ``engine`` runs them over Arrow tables or exchange-format folders (``sources``);
``figures`` names the published keys; ``savings`` sets benefit savings against staff cost.
"""

from lotse.analytics.engine import FigureEngine, Parameters, Results
from lotse.analytics.figures import FIGURES, figures_document
from lotse.analytics.months import month_label, parse_month

__all__ = [
    "FIGURES",
    "FigureEngine",
    "Parameters",
    "Results",
    "figures_document",
    "month_label",
    "parse_month",
]
