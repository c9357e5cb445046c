"""``lotse serve``: the web application and API (uvicorn)."""

from __future__ import annotations

import typer

from lotse.cli._common import console, engine, handle_errors


@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    proxy_headers: bool = typer.Option(
        False, help="Trust X-Forwarded-* from a reverse proxy on this host (for https)."
    ),
) -> None:
    """Serve Lotse in the browser and the REST API under /api/v1 (database from settings)."""
    import uvicorn

    eng = engine()  # migrates the schema first
    console.print(f"Lotse on http://{host}:{port}/ – database {eng.url.render_as_string()}")
    uvicorn.run(
        "lotse.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips="127.0.0.1" if proxy_headers else None,
        log_level="warning",
        access_log=False,
    )
