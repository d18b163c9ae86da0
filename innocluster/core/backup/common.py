"""What the backup's parts are called, its errors, and its progress on the command line."""

import os
import re
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FORMAT = 1  # the manifest's "format": a restore reads only the formats it knows
# the tar's members
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media/"
SECRET = "secret_key"  # noqa: S105 - the name of the key's file, not a key
NAME = "innocluster-backup-{:%Y%m%d-%H%M%S}.tar"
NAME_PATTERN = re.compile(r"^innocluster-backup-(\d{8})-(\d{6})\.tar$")
PARTIAL = ".partial"  # a file being written: renamed to its name when whole
CHUNK = 1024 * 1024
# (stage, done, total): the command line prints it, the scheduled backup is quiet
Progress = Callable[[str, int, int], None]


class BackupError(Exception):
    """A backup or restore that cannot be done; `exit_code` is the command's."""

    exit_code = 1


class TargetNotEmpty(BackupError):
    """The data folder or database to restore into already holds data: a restore never mixes."""

    exit_code = 2


class Mismatch(BackupError):
    """The backup is not what its manifest says (a changed byte, a missing file, a row count)."""


def platform_version() -> str:
    try:
        return version("innocluster")
    except PackageNotFoundError:
        return "unknown"


def printer(stream=None) -> Progress:
    """Progress on `stream` (stderr): a line rewritten in place on a terminal, else a line per
    tenth of the way."""
    stream = stream or sys.stderr
    tty = stream.isatty()
    last: dict[str, int] = {}

    def show(stage: str, done: int, total: int) -> None:
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        step = percent if tty else percent // 10 * 10
        if last.get(stage) == step:
            return
        last[stage] = step
        if tty:
            stream.write(f"\r{stage}: {percent}%" + ("\n" if percent == 100 else ""))
        else:
            stream.write(f"{stage}: {step}%\n")
        stream.flush()

    return show


def quiet(stage: str, done: int, total: int) -> None:
    pass


def media_files(media_root: Path) -> list[tuple[str, Path]]:
    if not media_root.is_dir():
        return []
    files = []
    for folder, dirs, names in os.walk(media_root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                files.append((path.relative_to(media_root).as_posix(), path))
    return files
