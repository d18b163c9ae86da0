"""Partner-search latency under 16 concurrent clients, and the indexing time, at a given size.

    .venv/bin/python bench/search_latency.py --organizations 35000 [--clients 16] [--seconds 30]

Data in var/bench-<N> unless INNOCLUSTER_DATA_DIR is set. Seeds the demo cluster of that size
once, then (re)indexes every profile (text and meaning) and reports the time, then serves with
`innocluster run` (DEBUG off) and measures the search API with a mix of Russian, English, typo
and filtered queries."""

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "токарная обработка",
    "фрезерованя",
    "литьё под давлением",
    "оптоволокно",
    "laser cutting of sheet metal",
    "системы видеонаблюдения",
    "CNC milling",
    "3D-печать металлом",
    "поверхностный монтаж",
    "small satellites",
    "зарядные станции",
    "коллаборативные роботы",
    "industrial design",
    "токраная",
    "MEMS sensors",
    "агродроны",
]


def client(port: int, stop: threading.Event, latencies: list, errors: list, offset: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = offset
    while not stop.is_set():
        params = {"q": QUERIES[i % len(QUERIES)], "limit": 10}
        if i % 4 == 0:
            params["region_code"] = "77"
        i += 1
        started = time.perf_counter()
        try:
            connection.request("GET", "/api/v1/organizations/search?" + urllib.parse.urlencode(params))
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except OSError as exc:
            errors.append(str(exc))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append((time.perf_counter() - started) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=35000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--skip-index", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="web server processes")
    args = parser.parse_args()
    env = {**os.environ}
    env.setdefault("INNOCLUSTER_DATA_DIR", str(ROOT / "var" / f"bench-{args.organizations}"))
    env["INNOCLUSTER_LOG_LEVEL"] = "WARNING"
    manage = [str(Path(sys.executable).parent / "innocluster"), "manage"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    count = (
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from innocluster.organizations.models import Organization as O; print(O.objects.count())",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    if int(count) < args.organizations:
        started = time.monotonic()
        subprocess.run(
            [*manage, "seed_demo", "--organizations", str(args.organizations - int(count)), "--quiet"],
            env=env,
            check=True,
        )
        print(f"seeded {args.organizations} organisations in {time.monotonic() - started:.0f} s")
    if not args.skip_index:
        script = (
            "import time; from innocluster.partners import search; t = time.monotonic(); "
            "n = search.index_all(embed=False); a = time.monotonic(); search.index_all(); b = time.monotonic(); "
            "print(f'indexed {n} profiles: text {a - t:.1f} s, text and meaning {b - a:.1f} s')"
        )
        print(
            subprocess.run(
                [*manage, "shell", "-c", script], env=env, check=True, capture_output=True, text=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    # seed_demo leaves the embeddings of a large cluster to the workers; they are computed above,
    # so the queued batches would only repeat that work and compete with the searches measured
    drain = (
        "from django_tasks_db.models import DBTaskResult; "
        "print(DBTaskResult.objects.filter(status='READY', task_path__contains='partners.tasks.embed_').delete()[0])"
    )
    subprocess.run([*manage, "shell", "-c", drain], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "innocluster"),
            "run",
            "--port",
            str(args.port),
            "--threads",
            "4",
            "--workers",
            str(args.workers),
        ],
        env={**env, "INNOCLUSTER_DEBUG": "false"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/api/v1/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.5)
        urllib.request.urlopen(
            f"http://127.0.0.1:{args.port}/api/v1/organizations/search?q=warm", timeout=60
        ).read()
        stop, latencies, errors = threading.Event(), [], []
        threads = [
            threading.Thread(target=client, args=(args.port, stop, latencies, errors, n))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        latencies.sort()
        p50, p95 = statistics.median(latencies), latencies[int(len(latencies) * 0.95)]
        print(
            f"{args.organizations} organisations, {args.clients} clients, {args.seconds:.0f} s: {len(latencies)} searches "
            f"({len(latencies) / args.seconds:.1f}/s), p50 {p50:.0f} ms, p95 {p95:.0f} ms, errors {len(errors)}"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)


if __name__ == "__main__":
    main()
