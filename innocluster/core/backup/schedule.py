"""The scheduled backup: one a day into INNOCLUSTER_BACKUP_DIR, whichever worker comes first, the
oldest beyond INNOCLUSTER_BACKUP_KEEP deleted."""

import time
from datetime import datetime
from pathlib import Path

from innocluster.core.backup.common import NAME_PATTERN, PARTIAL
from innocluster.core.backup.create import create_backup, destination_path
from innocluster.core.backup.postgres import Database

# pg_try_advisory_lock's key for the scheduled backup: one worker at a time makes the day's backup.
LOCK_KEY = 0x1BAC_0F17


def backups_in(directory: Path) -> list[Path]:
    """The finished backups in `directory`, oldest first (their names sort by time)."""
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.iterdir() if NAME_PATTERN.match(path.name) and path.is_file())


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete the oldest backups beyond the newest `keep` (at least one is kept), and what a backup
    killed half-way left (`….partial` of a day ago). Side effects: files."""
    old = backups_in(directory)[: -max(keep, 1)]
    day_ago = time.time() - 24 * 3600
    old += [
        path
        for path in directory.glob(f"*{PARTIAL}")
        if path.name.lstrip(".").startswith("innocluster-backup-") and path.stat().st_mtime < day_ago
    ]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def scheduled_backup(*, directory: Path, keep: int, now: datetime) -> Path | None:
    """Today's backup into `directory` unless one of today is there, then the oldest beyond `keep`
    deleted. Several workers may call it at once: a PostgreSQL advisory lock lets one of them work,
    the others return; the date in the names makes it once a day. Returns the new file, if any.
    Side effects: the backup file, deleted old ones."""
    from django.conf import settings  # Django is set up in the worker only; restore runs without it
    from django.db import connection

    directory.mkdir(parents=True, exist_ok=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            return None  # another worker is making it
        try:
            today = f"innocluster-backup-{now:%Y%m%d}-"
            if any(path.name.startswith(today) for path in backups_in(directory)):
                return None
            report = create_backup(
                database=Database.from_settings(connection.settings_dict),
                media_root=Path(settings.MEDIA_ROOT),
                destination=destination_path(directory, now, folder=True),
                now=now,
            )
            prune(directory, keep)
            return report.path
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
