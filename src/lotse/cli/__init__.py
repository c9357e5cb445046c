"""Command-line interface (Typer). Each command calls services inside one session scope."""
