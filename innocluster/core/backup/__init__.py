"""`innocluster backup` and `innocluster restore` (SPEC §3 "Nothing is lost", §4): one file with a
consistent copy of the database and the uploaded files, and its way back into an empty data folder
or server database, checked against the manifest it carries.

The file is an uncompressed tar (what it holds is compressed already):
- `database.dump`: `pg_dump --format=custom` of the whole database, taken in an exported snapshot
  (`pg_export_snapshot`), so that the row counts in the manifest are exactly those of the dump;
- `media/<path>`: every uploaded file (MEDIA_ROOT);
- `secret_key`: the data folder's key, only when asked (`--with-secret`);
- `manifest.json`, last (its checksums are taken while the rest is written): the format, when, the
  platform's version and its migrations, the database's name, server and pg_dump versions, every
  table's row count, every file's path, size and SHA-256, and the dump's SHA-256.

A restore reads the whole file once into a staging folder inside the data folder, checking every
checksum before anything is restored; then `pg_restore` in one transaction (a failed restore leaves
the target as empty as it was), then the files, then every table's row count. Backups hold personal
data (152-FZ): they are written with mode 0600 and stay where the operator puts them.

The package: `common` (the parts' names, errors, progress), `postgres` (where the database is,
pg_dump and pg_restore, row counts), `create`, `restore`, `schedule` (the daily backup)."""

from innocluster.core.backup.common import (
    NAME_PATTERN,
    SECRET,
    BackupError,
    Mismatch,
    TargetNotEmpty,
    printer,
)
from innocluster.core.backup.create import BackupReport, create_backup, destination_path
from innocluster.core.backup.postgres import Database, count_rows, find_program
from innocluster.core.backup.restore import RestoreReport, restore_backup
from innocluster.core.backup.schedule import LOCK_KEY, backups_in, prune, scheduled_backup

__all__ = [
    "LOCK_KEY",
    "NAME_PATTERN",
    "SECRET",
    "BackupError",
    "BackupReport",
    "Database",
    "Mismatch",
    "RestoreReport",
    "TargetNotEmpty",
    "backups_in",
    "count_rows",
    "create_backup",
    "destination_path",
    "find_program",
    "printer",
    "prune",
    "restore_backup",
    "scheduled_backup",
]
