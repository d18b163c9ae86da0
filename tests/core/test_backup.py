"""The restore drill (SPEC §3 "Nothing is lost, also when things fail"; §4 `innocluster backup` and
`innocluster restore`): the demo cluster with an uploaded document is backed up by the command,
restored by the command into a fresh target, every table's rows and every uploaded file's
checksum compared, and a person of the demo signs in and opens pages of the restored platform. A
target that holds data and a backup with one changed byte are refused; the scheduled backup is
made once a day by one worker and keeps the newest few."""

import hashlib
import io
import json
import os
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from innocluster.core import backup
from innocluster.core.demo import DEMO_PASSWORD
from innocluster.measures import services as measures
from innocluster.measures.models import MeasureApplication
from tests import samples
from tests.processes import VENV_BIN, clean_env, url_of

PDF = samples.pdf("Смета проекта")
# Run in the restored platform: its row counts and pending migrations before anyone uses it, then
# the demo person signs in through the form and opens pages (the API is answered whatever the
# consent state; the cabinet may first ask for the consent).
RESTORED_SIDE = """
import hashlib, json
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from innocluster.core.backup import count_rows
drill = json.loads({drill!r})
with connection.cursor() as cursor:
    counts = count_rows(cursor)
executor = MigrationExecutor(connection)
plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
client = Client()
page = client.get("/accounts/sign-in/")
signed_in = client.post("/accounts/sign-in/", {{"email": drill["email"], "password": drill["password"]}})
me = client.get("/api/v1/me")
document = client.get(drill["document_url"])
cabinet = client.get("/cabinet/", follow=True)
print("DRILL:" + json.dumps({{
    "counts": counts,
    "unapplied": [f"{{m.app_label}}.{{m.name}}" for m, _ in plan],
    "sign_in_page": page.status_code,
    "sign_in": [signed_in.status_code, signed_in.get("Location")],
    "me": [me.status_code, me.json().get("email") if me.status_code == 200 else None],
    "document": [document.status_code, hashlib.sha256(b"".join(document.streaming_content)).hexdigest()
                 if document.status_code == 200 else None],
    "cabinet": cabinet.status_code,
}}))
"""


def innocluster(*args, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(VENV_BIN / "innocluster"), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256(p) for p in folder.rglob("*") if p.is_file()}


def on_a_server() -> bool:
    """The tests run against a PostgreSQL server (`.ci/run`'s second pass), not the embedded one."""
    return bool(os.environ.get("INNOCLUSTER_DATABASE_URL"))


@pytest.fixture
def restore_target(tmp_path):
    """Where the drill restores: a fresh data folder with its own embedded server, or, when the
    tests run against a server, a fresh database there (the server's own version) and a fresh data
    folder for the files."""
    folder = tmp_path / "restored"
    env = clean_env() | {"INNOCLUSTER_DATA_DIR": str(folder)}
    if not on_a_server():
        yield folder, env
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield folder, env | {"INNOCLUSTER_DATABASE_URL": url_of(name)}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def corrupt(archive: Path, member_name: str, copy: Path) -> Path:
    """A copy of `archive` with one byte of `member_name`'s content changed."""
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        member = tar.getmember(member_name)
        data[member.offset_data + member.size // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    return copy


@pytest.mark.django_db(transaction=True)
def test_restore_drill_demo_backed_up_restored_signed_in(tmp_path, restore_target):
    source = tmp_path / "source"
    # the demo cluster, and a document uploaded through the service into the source's files
    call_command("seed_demo", organizations=60, seed=7, quiet=True)
    application = (
        MeasureApplication.objects.filter(case__status__in=["draft", "returned"])
        .select_related("case__applicant")
        .order_by("pk")
        .first()
    )
    person = application.case.applicant
    with override_settings(MEDIA_ROOT=source / "media"):
        document = measures.add_document(
            actor=person, application=application, upload=SimpleUploadedFile("смета.pdf", PDF)
        )
    uploaded = files_under(source / "media")
    assert uploaded == {document.file.name: hashlib.sha256(PDF).hexdigest()}
    with connection.cursor() as cursor:
        rows_before = backup.count_rows(cursor)
    assert rows_before["public.organizations_organization"] == 60

    # backed up by the command (this test database through its URL, the files of the source folder)
    source_env = clean_env() | {"INNOCLUSTER_DATA_DIR": str(source), "INNOCLUSTER_DATABASE_URL": url_of()}
    made = innocluster("backup", f"{tmp_path / 'backups'}/", "--with-secret", env=source_env)
    assert made.returncode == 0, made.stderr
    [archive] = (tmp_path / "backups").iterdir()
    assert backup.NAME_PATTERN.match(archive.name)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # personal data: its owner's only
    assert "Database: 100%" in made.stderr and "pg_dump" in made.stderr
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        assert sorted(tar.getnames()) == sorted(
            ["database.dump", f"media/{document.file.name}", "secret_key", "manifest.json"]
        )
    assert manifest["format"] == 1
    assert manifest["database"]["name"] == connection.settings_dict["NAME"]
    assert manifest["database"]["tables"] == rows_before
    assert manifest["files"] == [
        {"path": document.file.name, "size": len(PDF), "sha256": hashlib.sha256(PDF).hexdigest()}
    ]
    assert manifest["platform_version"] and manifest["migrations"]["measures"]

    # restored by the command into a fresh target
    target, target_env = restore_target
    restored = innocluster("restore", str(archive), env=target_env)
    assert restored.returncode == 0, restored.stderr + restored.stdout
    assert f"{len(rows_before)} tables, {sum(rows_before.values()):,} rows" in restored.stdout
    assert "uploaded files: 1 " in restored.stdout

    # the same rows in every table, the same bytes in every file, the same secret key
    assert files_under(target / "media") == uploaded
    assert (target / "secret_key").read_bytes() == (source / "secret_key").read_bytes()
    drill = {
        "email": person.email,
        "password": DEMO_PASSWORD,
        "document_url": f"/api/v1/applications/{application.pk}/documents/{document.pk}",
    }
    checked = innocluster(
        "manage",
        "shell",
        "-c",
        RESTORED_SIDE.format(drill=json.dumps(drill)),
        env=target_env | {"INNOCLUSTER_TESTING": "1"},  # the demo's passwords were hashed for tests
    )
    assert checked.returncode == 0, checked.stderr
    [line] = [line for line in checked.stdout.splitlines() if line.startswith("DRILL:")]
    result = json.loads(line.removeprefix("DRILL:"))
    assert result["counts"] == rows_before
    assert result["unapplied"] == []  # `innocluster manage migrate` has nothing to do
    assert result["sign_in_page"] == 200
    assert result["sign_in"][0] == 302
    assert result["me"] == [200, person.email]
    assert result["document"] == [200, hashlib.sha256(PDF).hexdigest()]
    assert result["cabinet"] == 200

    # a target that already has the database is refused, and so is this test's own database
    again = innocluster("restore", str(archive), env=target_env)
    assert again.returncode == 2
    assert "already has" in again.stderr and "tables" in again.stderr
    into_ours = innocluster(
        "restore",
        str(archive),
        env=clean_env()
        | {"INNOCLUSTER_DATA_DIR": str(tmp_path / "empty")}
        | {"INNOCLUSTER_DATABASE_URL": url_of()},
    )
    assert into_ours.returncode == 2
    assert f"The database {connection.settings_dict['NAME']} " in into_ours.stderr
    with connection.cursor() as cursor:
        assert backup.count_rows(cursor) == rows_before  # untouched


@pytest.fixture
def small_backup(tmp_path, db) -> Path:
    """A backup of this test database with two files, made in-process (no sign-in needed)."""
    media = tmp_path / "media"
    (media / "measures" / "1").mkdir(parents=True)
    (media / "measures" / "1" / "a.pdf").write_bytes(PDF)
    (media / "kpi" / "2").mkdir(parents=True)
    (media / "kpi" / "2" / "b.png").write_bytes(b"\x89PNG not really" * 100)
    (tmp_path / "secret_key").write_text("k" * 60)
    now = timezone.localtime()
    report = backup.create_backup(
        database=backup.Database.from_settings(connection.settings_dict),
        media_root=media,
        destination=backup.destination_path(tmp_path, now),
        now=now,
    )
    return report.path


def test_the_secret_key_is_left_out_unless_asked(small_backup, tmp_path):
    with tarfile.open(small_backup) as tar:
        assert "secret_key" not in tar.getnames()
        assert json.loads(tar.extractfile("manifest.json").read())["secret_key"] is None
    now = timezone.localtime()
    with_key = backup.create_backup(
        database=backup.Database.from_settings(connection.settings_dict),
        media_root=tmp_path / "media",
        destination=tmp_path / "with-key.tar",
        now=now,
        secret_key_file=tmp_path / "secret_key",
    )
    with tarfile.open(with_key.path) as tar:
        assert tar.extractfile("secret_key").read() == b"k" * 60
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["secret_key"] == {"sha256": hashlib.sha256(b"k" * 60).hexdigest()}
    assert [f["path"] for f in manifest["files"]] == ["kpi/2/b.png", "measures/1/a.pdf"]


def test_a_changed_byte_is_refused_naming_the_file_and_nothing_is_restored(small_backup, tmp_path):
    damaged = corrupt(small_backup, "media/measures/1/a.pdf", tmp_path / "damaged.tar")
    target = tmp_path / "target"
    answer = innocluster("restore", str(damaged), env=clean_env() | {"INNOCLUSTER_DATA_DIR": str(target)})
    assert answer.returncode == 1
    assert "media/measures/1/a.pdf: SHA-256 differs from the manifest's" in answer.stderr
    assert "media/kpi/2/b.png" not in answer.stderr  # only what differs is named
    assert not (target / "postgres").exists() and not (target / "media").exists()
    assert [p.name for p in target.iterdir()] == []  # no staging left behind

    damaged_dump = corrupt(small_backup, "database.dump", tmp_path / "damaged-dump.tar")
    answer = innocluster(
        "restore", str(damaged_dump), env=clean_env() | {"INNOCLUSTER_DATA_DIR": str(target)}
    )
    assert answer.returncode == 1
    assert "database.dump: SHA-256 differs from the manifest's" in answer.stderr
    assert not (target / "postgres").exists()


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    other = tmp_path / "other.tar"
    with tarfile.open(other, "w") as tar:
        info = tarfile.TarInfo("notes.txt")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"notes"))
    answer = innocluster(
        "restore", str(other), env=clean_env() | {"INNOCLUSTER_DATA_DIR": str(tmp_path / "target")}
    )
    assert answer.returncode == 1
    assert "is not an InnoCluster backup" in answer.stderr


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("plain.txt", "already exists"),  # a file is never overwritten, whatever its name
        ("plain.txt/", "is a file, not a folder"),
        ("missing/nightly.bak", "does not exist"),  # a file in a folder that is not there
        ("plain.txt/backups/", "cannot be made"),  # a folder inside a file
        ("/proc/nope/", "cannot be made"),
        ("taken.tar", "already exists"),
    ],
)
def test_a_destination_that_cannot_be_is_refused_before_anything_is_dumped(tmp_path, where, says):
    (tmp_path / "plain.txt").write_text("notes")
    (tmp_path / "taken.tar").write_bytes(b"")
    with pytest.raises(backup.BackupError, match=says):
        # as typed on the command line: a string, its trailing slash kept
        backup.destination_path(
            where if where.startswith("/") else f"{tmp_path}/{where}", datetime(2026, 12, 7, 3, 15)
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.txt", "taken.tar"]


def test_the_destination_is_the_file_named_or_a_dated_file_in_a_folder(tmp_path):
    now = datetime(2026, 12, 7, 3, 15)
    assert backup.destination_path(tmp_path / "nightly.bak", now) == tmp_path / "nightly.bak"
    assert backup.destination_path(tmp_path / "copy.tar", now) == tmp_path / "copy.tar"
    dated = "innocluster-backup-20261207-031500.tar"
    assert backup.destination_path(tmp_path, now) == tmp_path / dated
    assert backup.destination_path(f"{tmp_path}/new/", now) == tmp_path / "new" / dated
    # a name without an extension is a folder, as a nightly job's "backup /srv/backups" expects
    assert backup.destination_path(f"{tmp_path}/backups", now) == tmp_path / "backups" / dated
    assert (tmp_path / "new").is_dir() and (tmp_path / "backups").is_dir()
    assert not (tmp_path / "nightly.bak").exists()


def test_a_data_folder_with_uploaded_files_is_refused(small_backup, tmp_path):
    target = tmp_path / "target"
    (target / "media" / "old").mkdir(parents=True)
    (target / "media" / "old" / "x.pdf").write_bytes(PDF)
    answer = innocluster(
        "restore", str(small_backup), env=clean_env() | {"INNOCLUSTER_DATA_DIR": str(target)}
    )
    assert answer.returncode == 2
    assert "already has uploaded files" in answer.stderr
    assert not (target / "postgres").exists()


class TestScheduledBackup:
    def fake(self, folder: Path, *stamps: str) -> None:
        for stamp in stamps:
            (folder / f"innocluster-backup-{stamp}.tar").write_bytes(b"old")

    def test_once_a_day_keeping_the_newest(self, db, tmp_path):
        folder = tmp_path / "backups"
        folder.mkdir()
        self.fake(folder, "20261201-010000", "20261202-010000", "20261203-010000")
        (folder / "notes.txt").write_text("not a backup: never deleted")
        killed = folder / ".innocluster-backup-20261201-010000.tar.dump.partial"  # a worker killed
        killed.write_bytes(b"half")
        os.utime(killed, (0, 0))
        now = timezone.make_aware(datetime(2026, 12, 4, 0, 30))
        made = backup.scheduled_backup(directory=folder, keep=2, now=now)
        assert made == folder / "innocluster-backup-20261204-003000.tar"
        assert sorted(p.name for p in folder.iterdir()) == [
            "innocluster-backup-20261203-010000.tar",
            "innocluster-backup-20261204-003000.tar",
            "notes.txt",
        ]
        with tarfile.open(made) as tar:
            assert json.loads(tar.extractfile("manifest.json").read())["database"]["tables"]
        # the next hourly check that day, and another worker's, write nothing
        later = timezone.make_aware(datetime(2026, 12, 4, 13, 30))
        assert backup.scheduled_backup(directory=folder, keep=2, now=later) is None
        assert len(list(folder.iterdir())) == 3

    def test_a_worker_making_it_keeps_the_others_out(self, db, tmp_path):
        db_settings = backup.Database.from_settings(connection.settings_dict)
        with db_settings.connect(autocommit=True) as other_worker:
            other_worker.execute("SELECT pg_advisory_lock(%s)", [backup.LOCK_KEY])
            assert backup.scheduled_backup(directory=tmp_path, keep=7, now=timezone.localtime()) is None
            assert list(tmp_path.iterdir()) == []
            other_worker.execute("SELECT pg_advisory_unlock(%s)", [backup.LOCK_KEY])
        assert backup.scheduled_backup(directory=tmp_path, keep=7, now=timezone.localtime()) is not None

    def test_the_task_does_nothing_unless_a_folder_is_set(self, db, tmp_path):
        from innocluster.core.tasks import scheduled_backup

        with override_settings(BACKUP_DIR=""):
            scheduled_backup.enqueue()
        with override_settings(BACKUP_DIR=str(tmp_path / "daily"), BACKUP_KEEP=7):
            scheduled_backup.enqueue()
            scheduled_backup.enqueue()
        assert len(backup.backups_in(tmp_path / "daily")) == 1


def test_the_help_says_what_is_left_out_and_what_migrates(tmp_path):
    env = clean_env() | {"INNOCLUSTER_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    backup_help = " ".join(innocluster("backup", "--help", env=env).stdout.split())
    assert "The secret key is not included unless --with-secret is given" in backup_help
    restore_help = " ".join(innocluster("restore", "--help", env=env).stdout.split())
    assert "migrated forward by `innocluster run`" in restore_help
    assert "Refuses (exit 2) a target that already has tables" in restore_help
