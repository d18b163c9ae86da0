"""The one reader of environment variables. Every setting a deployment may change is named here,
with the prefix INNOCLUSTER_, so that `env | grep INNOCLUSTER_` shows the whole configuration."""

import contextlib
import os
import secrets
import tempfile
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


def secret_key(data_dir: Path) -> str:
    """INNOCLUSTER_SECRET_KEY, or the key generated once for this data folder (`secret_key`, mode
    0600): every instance has its own, so that no one can forge its signed links and sessions.
    Processes starting together agree on one key: it is written to a private temporary file and
    linked into place, which only the first succeeds in doing."""
    configured = get("SECRET_KEY")
    if configured:
        return configured
    path = data_dir / "secret_key"
    if not path.exists():
        descriptor, temporary = tempfile.mkstemp(dir=data_dir, prefix=".secret_key.")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
            with contextlib.suppress(FileExistsError):  # another process was first: use its key
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    key = path.read_text().strip()
    if len(key) < 50:
        raise RuntimeError(f"{path} holds no usable secret key: delete it to have a new one generated.")
    return key


def database_url() -> str:
    """A PostgreSQL server's URL; empty means: use the embedded server in the data folder."""
    return get("DATABASE_URL")
