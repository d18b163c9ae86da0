"""Writing a backup: the database dumped in one snapshot, the uploaded files, the manifest."""

import contextlib
import hashlib
import io
import json
import os
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from innocluster.core.backup.common import (
    DUMP,
    FORMAT,
    MANIFEST,
    MEDIA,
    NAME,
    PARTIAL,
    SECRET,
    BackupError,
    Progress,
    media_files,
    platform_version,
    quiet,
)
from innocluster.core.backup.postgres import (
    Database,
    Step,
    applied_migrations,
    count_rows,
    find_program,
    major,
    run_with_progress,
)


class _Hashing(io.RawIOBase):
    """A reader that hashes and counts what passes through it."""

    def __init__(self, raw, on_read: Callable[[int], None] | None = None):
        self.raw, self.on_read = raw, on_read
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, n=-1):
        data = self.raw.read(n)
        self.sha256.update(data)
        self.size += len(data)
        if self.on_read:
            self.on_read(len(data))
        return data


def destination_path(path: Path | str | None, now: datetime, *, folder: bool = False) -> Path:
    """The backup's file: `path` itself when it names a file (`backup.tar`, `nightly.bak`: a name
    with an extension, in a folder that exists); else the default name in the folder `path`
    (one that exists, ends with a slash or has no extension: made if missing), or in the current
    directory. `folder`: `path` is a folder whatever its name."""
    target = Path(str(path) if path is not None else ".").expanduser()
    folder = (
        folder
        or path is None
        or str(path).endswith(("/", os.sep))
        or target.is_dir()
        or (not target.exists() and not target.suffix)
    )
    if folder:
        if target.exists() and not target.is_dir():
            raise BackupError(f"{target} is a file, not a folder: name a folder, or a new file.")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"The folder {target} cannot be made: {exc.strerror}.") from exc
        target = target / NAME.format(now)
    if target.exists():
        raise BackupError(f"{target} already exists: a backup never overwrites a file.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    # before the database is dumped, not after: the dump is written beside the backup
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise BackupError(f"The folder {target.parent} is not writable by this user.")
    return target.resolve()


@dataclass
class BackupReport:
    path: Path
    size: int
    tables: int
    rows: int
    files: int
    files_size: int
    with_secret: bool
    pg_dump: str
    manifest: dict


def create_backup(
    *,
    database: Database,
    media_root: Path,
    destination: Path,
    now: datetime,
    secret_key_file: Path | None = None,
    progress: Progress | None = None,
    say: Callable[[str], None] | None = None,
) -> BackupReport:
    """Write one backup file at `destination` (see `destination_path`): the database dumped in one
    snapshot, the files under `media_root`, `secret_key_file` only when given, and the manifest.
    Written as `<name>.partial` and renamed when whole, mode 0600. Side effects: the file."""
    progress = progress or quiet
    say = say or (lambda text: None)
    partial = destination.with_name(destination.name + PARTIAL)
    dump_file = destination.with_name(f".{destination.name}.dump{PARTIAL}")
    try:
        with database.connect(autocommit=False) as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            server_version = conn.execute("SHOW server_version").fetchone()[0]
            server_num = int(conn.execute("SHOW server_version_num").fetchone()[0])
            pg_dump = find_program("pg_dump", at_least=major(server_num), server=major(server_num))
            say(f"Database {database.describe()} (PostgreSQL {server_version}) with {pg_dump.describe()}")
            with conn.cursor() as cursor:
                tables = count_rows(cursor)
                migrations = applied_migrations(cursor)
            # the exporting transaction stays open until pg_dump has the same snapshot
            run_with_progress(
                [
                    str(pg_dump.path),
                    "--format=custom",
                    # gzip's fastest level: measured at 35,000 organisations 6 s and 81 MB against
                    # the default level's 15 s and 61 MB (bench/README.md); any pg_dump reads "1"
                    "--compress=1",
                    f"--snapshot={snapshot}",
                    "--verbose",
                    f"--file={dump_file}",
                ],
                env=database.libpq_env(),
                steps=[Step("Database", "dumping contents of table", weights=tables)],
                progress=progress,
            )
        files = media_files(media_root)
        secret = secret_key_file if secret_key_file and secret_key_file.is_file() else None
        total = dump_file.stat().st_size + sum(path.stat().st_size for _, path in files)
        written = 0

        def step(n: int) -> None:
            nonlocal written
            written += n
            progress("Archive", written, total)

        manifest_files = []
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with (
            os.fdopen(descriptor, "wb") as handle,
            tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as tar,
        ):
            dump_sha = _add(tar, dump_file, DUMP, step)
            for relative, path in files:
                sha = _add(tar, path, MEDIA + relative, step)
                manifest_files.append({"path": relative, "size": sha[1], "sha256": sha[0]})
            secret_sha = _add(tar, secret, SECRET, None) if secret else None
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(timespec="seconds"),
                "platform_version": platform_version(),
                "migrations": migrations,
                "database": {
                    "name": database.name,
                    "server_version": server_version,
                    "pg_dump_version": pg_dump.version,
                    "file": DUMP,
                    "size": dump_sha[1],
                    "sha256": dump_sha[0],
                    "tables": tables,
                },
                "files": manifest_files,
                "secret_key": {"sha256": secret_sha[0]} if secret_sha else None,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, destination)
    finally:
        for leftover in (dump_file, partial):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return BackupReport(
        path=destination,
        size=destination.stat().st_size,
        tables=len(tables),
        rows=sum(tables.values()),
        files=len(manifest_files),
        files_size=sum(f["size"] for f in manifest_files),
        with_secret=secret_sha is not None,
        pg_dump=pg_dump.describe(),
        manifest=manifest,
    )


def _add(tar: tarfile.TarFile, path: Path, name: str, on_read) -> tuple[str, int]:
    """Add `path` as `name`, hashing the very bytes written (an upload read once)."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with open(path, "rb") as raw:
        reader = _Hashing(raw, on_read)
        tar.addfile(info, reader)
    return reader.sha256.hexdigest(), reader.size
