"""Reference data shipped inside the package (KldB 2010, BA job titles, postcodes).

Loaded lazily and once per process; no database involved. Sources and terms: ``data/NOTICE.md``.
"""

from importlib import resources
from importlib.abc import Traversable


def data_file(name: str) -> Traversable:
    """A file of ``lotse/reference/data``."""
    return resources.files("lotse.reference").joinpath("data", name)
