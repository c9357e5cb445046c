"""The web application: ``create_app()``, dependencies, route guards, error handling."""

from lotse.api.app import create_app

__all__ = ["create_app"]
