"""Quote throughput through the API: `innocluster run` on a port of its own, then concurrent
clients posting quotes of every measure for a fixed time.

    .venv/bin/python bench/quotes.py [--clients 8] [--seconds 20] [--port 8765]

Data in var/bench unless INNOCLUSTER_DATA_DIR is set. DEBUG is off (as in production): granian
with its default blocking threads and one worker process."""

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = {
    "pilot-testing": {
        "items": [
            {"category": "logistics", "amount": "1500000"},
            {"category": "labor", "amount": "700000.01"},
        ]
    },
    "patent-compensation": {
        "items": [
            {"category": "patent", "amount": "90000", "jurisdiction": "ru"},
            {"category": "patent", "amount": "2500000", "jurisdiction": "foreign"},
        ]
    },
    "equipment-cofinancing": {
        "items": [
            {"category": "purchase", "amount": "12000000", "origin": "domestic", "date": "2024-03-01"},
            {"category": "leasing", "amount": "3000000", "origin": "imported", "date": "2021-12-31"},
        ]
    },
    "angel-refund": {
        "items": [
            {
                "category": "investment",
                "amount": "5000000",
                "investee_inn": "7707083893",
                "date": "2024-05-01",
            }
        ]
    },
    "import-substitution": {
        "items": [
            {"category": "equipment", "amount": "150000000"},
            {"category": "salaries", "amount": "20000000"},
        ]
    },
}


def client_loop(port: int, stop: threading.Event, latencies: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    codes = list(BODIES)
    i = 0
    while not stop.is_set():
        code = codes[i % len(codes)]
        i += 1
        body = json.dumps(BODIES[code])
        started = time.perf_counter()
        try:
            connection.request(
                "POST", f"/api/v1/measures/{code}/quote", body, {"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except OSError as exc:
            errors.append(str(exc))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append((time.perf_counter() - started) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    env = {**os.environ, "INNOCLUSTER_DEBUG": "false"}
    env.setdefault("INNOCLUSTER_DATA_DIR", str(ROOT / "var" / "bench"))
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "innocluster"), "run", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/api/v1/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.5)
        stop = threading.Event()
        latencies: list[float] = []
        errors: list = []
        threads = [
            threading.Thread(target=client_loop, args=(args.port, stop, latencies, errors))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        latencies.sort()
        rate = len(latencies) / args.seconds
        print(
            f"{len(latencies)} quotes in {args.seconds:.0f} s with {args.clients} clients: {rate:.0f} quotes/s"
        )
        median, p95 = statistics.median(latencies), latencies[int(len(latencies) * 0.95)]
        print(f"latency median {median:.1f} ms, p95 {p95:.1f} ms; errors: {len(errors)}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
