"""The programme dashboard: pseudonymised figures in panels that features contribute."""
