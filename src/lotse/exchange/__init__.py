"""The Lotse exchange format (``docs/exchange-format.md``): schema, reading, import and export."""
