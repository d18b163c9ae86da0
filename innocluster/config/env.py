"""The one reader of environment variables. Every setting a deployment may change is named here,
with the prefix INNOCLUSTER_, so that `env | grep INNOCLUSTER_` shows the whole configuration."""

import os
from pathlib import Path

PREFIX = "INNOCLUSTER_"
BASE_DIR = Path(__file__).resolve().parent.parent.parent


def get(name: str, default: str = "") -> str:
    return os.environ.get(PREFIX + name, default)


def get_bool(name: str, default: bool = False) -> bool:
    value = get(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def get_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in get(name, default).split(",") if item.strip()]


def data_dir() -> Path:
    """Where the embedded database and uploaded files live (default ./var next to manage.py)."""
    path = Path(get("DATA_DIR") or BASE_DIR / "var").expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """A PostgreSQL server's URL; empty means: use the embedded server in the data folder."""
    return get("DATABASE_URL")
