"""`innocluster backup` and `innocluster restore` at 35,000 organisations (issue 15): how long each
takes and how large the file is.

    .venv/bin/python bench/backup.py [--source var/bench-analytics] [--work /tmp/bench-backup] [--keep]

The source is a complete data folder another benchmark filled (var/bench-analytics: the demo
cluster at 35,000 organisations, a year of KPI reports and 250,000 applications; see
bench/analytics.py). It is never touched: it is copied (stopped, as it lies) into the work folder
and the copy is backed up; the backup is restored into a fresh data folder there. Both commands
run as a user runs them (the `innocluster` script, its embedded server started and stopped by the
command), timed on the wall clock with their children's CPU time and peak memory. Prints the
sizes (data folder, dump, backup file), the rows and tables, and the times; the work folder is
deleted unless --keep."""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def timed(args: list[str], env: dict) -> tuple[float, float, int, str]:
    """Wall seconds, children's CPU seconds, the largest child's peak RSS (MB), stderr's last lines."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    answer = subprocess.run(args, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if answer.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({answer.returncode}):\n{answer.stderr}\n{answer.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024, answer.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "var" / "bench-analytics")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-backup"))  # noqa: S108
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    source = args.source.resolve()
    if not (source / "postgres" / "PG_VERSION").exists():
        sys.exit(f"{source} is not a data folder with a database (fill it with bench/analytics.py)")
    if (source / "postgres" / "postmaster.pid").exists():
        sys.exit(f"{source}'s server is running: the copy would not be consistent; stop it first")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    copy, out, restored = args.work / "source", args.work / "out", args.work / "restored"
    print(f"copying {source} ({mb(du(source))}) to {copy} …", flush=True)
    cp = shutil.which("cp") or "/bin/cp"
    subprocess.run([cp, "-a", str(source), str(copy)], check=True)  # owners kept: the server runs as its user
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INNOCLUSTER_", "DJANGO_SETTINGS"))}
    load = os.getloadavg()

    wall_b, cpu_b, rss_b, said = timed(
        [str(BIN / "innocluster"), "backup", str(out)], env | {"INNOCLUSTER_DATA_DIR": str(copy)}
    )
    [archive] = out.iterdir()
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        dump = tar.getmember("database.dump").size
    print(said.strip())
    wall_r, cpu_r, rss_r, said = timed(
        [str(BIN / "innocluster"), "restore", str(archive)], env | {"INNOCLUSTER_DATA_DIR": str(restored)}
    )
    print(said.strip())
    tables = manifest["database"]["tables"]
    print(
        json.dumps(
            {
                "organisations": tables.get("public.organizations_organization"),
                "applications (review cases)": tables.get("public.reviews_reviewcase"),
                "audit events": tables.get("public.core_auditevent"),
                "tables": len(tables),
                "rows": sum(tables.values()),
                "files": len(manifest["files"]),
                "database folder (source)": mb(du(copy / "postgres")),
                "database folder (restored)": mb(du(restored / "postgres")),
                "dump": mb(dump),
                "backup file": mb(archive.stat().st_size),
                "backup": f"{wall_b:.1f} s wall, {cpu_b:.1f} s CPU, peak {rss_b} MB",
                "restore": f"{wall_r:.1f} s wall, {cpu_r:.1f} s CPU, peak {rss_r} MB",
                "load average before": [round(x, 1) for x in load],
                "pg_dump": manifest["database"]["pg_dump_version"],
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
