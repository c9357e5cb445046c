"""Server-rendered pages: Jinja2 templates, HTMX, static assets and the message catalogue."""
