"""Restoring a backup into an empty target, checked against its manifest before and after."""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import psycopg

from innocluster.core.backup.common import (
    CHUNK,
    DUMP,
    FORMAT,
    MANIFEST,
    MEDIA,
    SECRET,
    BackupError,
    Mismatch,
    Progress,
    TargetNotEmpty,
    media_files,
    quiet,
)
from innocluster.core.backup.postgres import (
    POST_DATA,
    TABLES_SQL,
    Database,
    Step,
    count_rows,
    find_program,
    major,
    post_data_objects,
    run_with_progress,
)


@dataclass
class RestoreReport:
    manifest: dict
    database: str
    tables: int
    rows: int
    files: int
    files_size: int
    media_root: Path
    pg_restore: str
    secret: str  # "restored", "kept" (the folder's own key differs), "absent"


def open_backup(archive: Path) -> tarfile.TarFile:
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file.")
    try:
        return tarfile.open(archive, mode="r:")
    except (tarfile.TarError, OSError) as exc:
        raise Mismatch(f"{archive} is not an InnoCluster backup (not a tar file: {exc}).") from exc


def read_manifest(tar: tarfile.TarFile, archive: Path) -> dict:
    try:
        manifest = json.loads(tar.extractfile(tar.getmember(MANIFEST)).read())
    except (tarfile.TarError, KeyError, ValueError, OSError) as exc:
        raise Mismatch(f"{archive} is not an InnoCluster backup ({MANIFEST} unreadable: {exc}).") from exc
    if manifest.get("format") != FORMAT:
        raise Mismatch(f"{archive}: backup format {manifest.get('format')!r}; this version reads {FORMAT}.")
    return manifest


def _tables_of(database: Database) -> int:
    with database.connect(autocommit=True) as conn:
        return len(conn.execute(TABLES_SQL).fetchall())


def check_target(*, data_dir: Path, database_url: str) -> None:
    """Refuse (exit 2) a target that holds anything: tables, or uploaded files."""
    if database_url:
        database = Database.from_url(database_url)
        try:
            tables = _tables_of(database)
        except psycopg.Error as exc:
            raise BackupError(f"Cannot connect to {database.describe()}: {exc}") from exc
        if tables:
            raise TargetNotEmpty(
                f"The database {database.describe()} already has {tables} tables: a backup is restored "
                "only into an empty database. Create a new one (CREATE DATABASE …) and point "
                "INNOCLUSTER_DATABASE_URL at it."
            )
    elif (data_dir / "postgres" / "PG_VERSION").exists():
        tables = _tables_of(_embedded(data_dir))
        if tables:
            raise TargetNotEmpty(
                f"The data folder {data_dir} already has a database with {tables} tables: a backup is "
                "restored only into an empty data folder. Set INNOCLUSTER_DATA_DIR to a new folder."
            )
    media = data_dir / "media"
    if media.is_dir() and any(path.is_file() for path in media.rglob("*")):
        raise TargetNotEmpty(
            f"{media} already has uploaded files: a backup is restored only into an empty data "
            "folder. Set INNOCLUSTER_DATA_DIR to a new folder."
        )


_embedded_for: list[Path] = []


def _embedded(data_dir: Path) -> Database:
    """The embedded server of `data_dir`, started (or joined) by this process, which serves one
    data folder only: a process already using another folder's server is refused, never mixed up."""
    from innocluster.core import embedded_db  # it starts a server: imported only when one is needed

    if embedded_db._connection is not None and _embedded_for != [data_dir]:
        raise BackupError("This process uses another data folder's database: run `innocluster restore`.")
    _embedded_for[:] = [data_dir]
    return Database.from_settings(embedded_db.ensure_server(data_dir))


def _safe_relative(name: str) -> str | None:
    relative = PurePosixPath(name[len(MEDIA) :])
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        return None
    return relative.as_posix()


def _stage(tar: tarfile.TarFile, manifest: dict, staging: Path, progress: Progress) -> bytes | None:
    """Copy the archive's members into `staging` hashing them; raise Mismatch naming every member
    that differs from the manifest. Returns the secret key's bytes, if the backup has them."""
    expected = {f["path"]: f for f in manifest.get("files", [])}
    members = [m for m in tar.getmembers() if m.name != MANIFEST]
    total = sum(m.size for m in members)
    done = 0
    problems: list[str] = []
    seen: set[str] = set()
    secret = None
    dump_sha = None
    for member in members:
        if member.name == SECRET and member.isfile():
            secret = tar.extractfile(member).read()
            continue
        if member.name == DUMP and member.isfile():
            target = staging / DUMP
        elif member.name.startswith(MEDIA) and member.isfile() and _safe_relative(member.name):
            relative = _safe_relative(member.name)
            if relative not in expected:
                problems.append(f"{member.name}: not in the manifest")
                continue
            seen.add(relative)
            target = staging / "media" / relative
        else:
            problems.append(f"{member.name}: not a part of a backup")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with tar.extractfile(member) as source, open(target, "wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
                done += len(chunk)
                progress("Reading the backup", done, total)
        if member.name == DUMP:
            dump_sha = digest.hexdigest()
            database = manifest["database"]
            if dump_sha != database["sha256"] or size != database["size"]:
                problems.append(f"{DUMP}: SHA-256 differs from the manifest's (the database dump is damaged)")
        else:
            wanted = expected[relative]
            if digest.hexdigest() != wanted["sha256"] or size != wanted["size"]:
                problems.append(f"{member.name}: SHA-256 differs from the manifest's")
    if dump_sha is None:
        problems.append(f"{DUMP}: missing")
    problems.extend(f"{MEDIA}{path}: missing" for path in expected if path not in seen)
    wanted_secret = (manifest.get("secret_key") or {}).get("sha256")
    if (secret is not None) != bool(wanted_secret) or (
        secret is not None and hashlib.sha256(secret).hexdigest() != wanted_secret
    ):
        problems.append(f"{SECRET}: differs from the manifest")
    progress("Reading the backup", total, total)
    if problems:
        raise Mismatch(
            "The backup does not match its manifest; nothing was restored:\n  " + "\n  ".join(problems)
        )
    return secret


def restore_backup(
    *,
    archive: Path,
    data_dir: Path,
    database_url: str = "",
    progress: Progress | None = None,
    say: Callable[[str], None] | None = None,
) -> RestoreReport:
    """Put the backup at `archive` into the empty data folder `data_dir` (its embedded database) or
    the empty server database at `database_url`, and its files into `data_dir/media`. Raises
    TargetNotEmpty before reading anything when the target holds data, Mismatch when a checksum
    (before restoring) or a row count (after) is not the manifest's. Side effects: the database,
    the files, the secret key when the backup has it and the folder has none."""
    progress = progress or quiet
    say = say or (lambda text: None)
    with open_backup(archive) as tar:
        manifest = read_manifest(tar, archive)
        check_target(data_dir=data_dir, database_url=database_url)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
        try:
            secret = _stage(tar, manifest, staging, progress)
            database = Database.from_url(database_url) if database_url else _embedded(data_dir)
            with database.connect(autocommit=True) as conn:
                target_version = int(conn.execute("SHOW server_version_num").fetchone()[0])
            source = manifest["database"]["server_version"]
            if major(target_version) < int(source.split(".")[0]):
                raise BackupError(
                    f"The backup comes from PostgreSQL {source}; {database.describe()} runs "
                    f"{major(target_version)}. PostgreSQL restores a dump only into its own major "
                    "version or a newer one: use a server of that version or newer."
                )
            pg_restore = find_program(
                "pg_restore",
                at_least=int(manifest["database"]["pg_dump_version"].split(".")[0]),
                server=major(target_version),
            )
            say(f"Into {database.describe()} with {pg_restore.describe()}")
            expected = manifest["database"]["tables"]
            run_with_progress(
                [
                    str(pg_restore.path),
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--verbose",
                    f"--dbname={database.name}",
                    str(staging / DUMP),
                ],
                env=database.libpq_env(),
                steps=[
                    Step("Database", "processing data for table", weights=expected),
                    Step(
                        "Indexes and constraints",
                        "creating " + POST_DATA,
                        objects=post_data_objects(pg_restore.path, staging / DUMP),
                    ),
                ],
                progress=progress,
            )
            media_root = data_dir / "media"
            files = _move_files(staging / "media", media_root)
            secret_state = _place_secret(data_dir / SECRET, secret)
            say("Counting the rows of every table …")
            with database.connect(autocommit=True) as conn:
                conn.execute("ANALYZE")  # the planner's statistics are not in a dump
                with conn.cursor() as cursor:
                    counts = count_rows(cursor)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    problems = [
        f"{table}: {counts.get(table, 'no such table')} rows, the manifest says {rows}"
        for table, rows in expected.items()
        if counts.get(table) != rows
    ] + [f"{table}: not in the manifest" for table in counts if table not in expected]
    if problems:
        raise Mismatch("The restored database differs from the manifest:\n  " + "\n  ".join(problems))
    return RestoreReport(
        manifest=manifest,
        database=database.describe(),
        tables=len(counts),
        rows=sum(counts.values()),
        files=files,
        files_size=sum(f["size"] for f in manifest.get("files", [])),
        media_root=media_root,
        pg_restore=pg_restore.describe(),
        secret=secret_state,
    )


def _move_files(staged: Path, media_root: Path) -> int:
    moved = 0
    for relative, path in media_files(staged):
        target = media_root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        moved += 1
    return moved


def _place_secret(path: Path, secret: bytes | None) -> str:
    if secret is None:
        return "absent"
    if path.exists():
        return "restored" if path.read_bytes().strip() == secret.strip() else "kept"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secret)
    return "restored"
