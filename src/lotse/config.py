"""The one Settings class. Nothing else in Lotse reads the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration from ``LOTSE_*`` environment variables (or a ``.env`` file)."""

    model_config = SettingsConfigDict(env_prefix="LOTSE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///lotse.db",
        description="SQLAlchemy URL; SQLite file by default, PostgreSQL in production "
        "(postgresql+psycopg://user@host:5432/db).",
    )
    echo_sql: bool = False
    secret_key: str = Field(
        default="change-me-in-production-this-is-only-for-the-local-demo",
        description="Signs session cookies and CSRF tokens.",
    )
    locale: str = Field(default="de", description="Default user-interface language (de, en).")
    state: str = Field(
        default="NW",
        description="German state (ISO 3166-2 subdivision code without 'DE-') whose public "
        "holidays apply when no site says otherwise.",
    )
    work_dir: Path = Field(default=Path(), description="Where commands write their output.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process."""
    return Settings()
