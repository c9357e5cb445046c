"""Unit-test collection.

INTEGRATOR: remove ``test_figures_match_the_generator.py`` from ``collect_ignore`` when the
``generator`` branch (``lotse generate``) is merged; the test needs that command.
"""

collect_ignore = ["test_figures_match_the_generator.py"]
