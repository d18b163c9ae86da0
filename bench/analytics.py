"""Every analytics dataset (SPEC C10, issue 13), public and staff, and the dashboard pages at 35,000
organisations and 250,000 applications.

    .venv/bin/python bench/analytics.py [--organizations 35000] [--applications 250000] [--runs 20]
    # data in var/bench-analytics unless INNOCLUSTER_DATA_DIR is set

Uses its own data folder (an embedded PostgreSQL there) and fills it once:
- the demo cluster (`seed_demo`): organisations in many regions and OKVED classes, participants,
  consortia, pilots, contests, grants and KPI reports of the demo;
- a year of KPI targets and reports for every organisation, as `bench/kpi_board.py` makes them;
- straight into the tables with COPY (a benchmark, not the product), review cases up to the number
  of applications, of every kind, submitted over the last four years and answered by the
  production calendar's working days (most within their 10 working days, some late, some open,
  drafts, returns), 40% of them applications for a support measure with the amounts granted to
  the approved ones and their payments (advances, single and yearly payments, paid or scheduled).
Then, for every declared dataset (`datasets._DATASETS`), times `Dataset.rows` in-process: cold
(the kept results cleared before each run: every figure computed from the database) and warm
(kept), without filters and with a year and a region; and the pages `/analytics/` (anyone) and
`/analytics/staff/` (a coordinator) through Django's test client (no network: the server's own
time), cold and warm. Prints the median, the 95th percentile and the number of queries; for a
dataset slower than `--slow` ms cold, the plan of its slowest statement."""

import argparse
import bisect
import datetime as dt
import importlib.util
import itertools
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
os.environ.setdefault("INNOCLUSTER_DATA_DIR", str(ROOT / "var" / "bench-analytics"))

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.accounts.middleware import SESSION_KEY
from innocluster.accounts.models import User
from innocluster.analytics import datasets
from innocluster.core import calendar
from innocluster.measures.models import Measure, MeasureApplication, MeasureVersion, Payment
from innocluster.organizations.models import Organization, OrganizationPerson
from innocluster.reviews.models import ReviewCase

COORDINATOR = "coordinator@demo.innocluster.ru"
YEARS_BACK = 4
# kind → share of the applications; the measures' are 40%
KINDS = {"measure": 40, "kpi_report": 25, "membership": 12, "registry": 10, "pilot": 10, "consortium": 3}
# measure → (share, smallest and largest amount asked, ₽)
MEASURES = {
    "pilot-testing": (30, 300_000, 2_000_000),
    "patent-compensation": (30, 20_000, 75_000),
    "equipment-cofinancing": (20, 1_000_000, 30_000_000),
    "import-substitution": (10, 10_000_000, 100_000_000),
    "angel-refund": (10, 500_000, 10_000_000),
}
# after an approval, what became of a grant
GRANT_STORIES = {"approved": 10, "agreement_signed": 15, "paying": 25, "completed": 45, "terminated": 5}
CENT = Decimal("0.01")


def _kpi_board_module():
    """`bench/kpi_board.py`: its year of KPI targets and reports for every organisation."""
    spec = importlib.util.spec_from_file_location("kpi_board", ROOT / "bench" / "kpi_board.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy(model, rows: list[dict]) -> None:
    """COPY the rows (attribute name → value) into the model's table, every concrete field, `id`
    included (given here, so that related rows can name it); then the id sequence moves past them."""
    fields = list(model._meta.concrete_fields)
    table = model._meta.db_table
    columns = ", ".join(f'"{f.column}"' for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as pipe:
            for row in rows:
                pipe.write_row([row.get(f.attname) for f in fields])
        top = f'SELECT max(id) FROM "{table}"'  # noqa: S608 - the model's own table name
        cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({top}))", [f'"{table}"'])


def next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


class WorkingDays:
    """The production calendar's working days over the span, to find the Nth after a date."""

    def __init__(self, first: dt.date, last: dt.date):
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        steps = calendar.working_days_between_many(list(itertools.pairwise(days)))
        self.days = [day for day, step in zip(days[1:], steps, strict=True) if step]

    def after(self, day: dt.date, n: int) -> dt.date:
        return self.days[bisect.bisect_right(self.days, day) + n - 1]


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 18), rng.randint(0, 59))))


def fill_applications(total: int, seed: int) -> None:
    have = ReviewCase.objects.count()
    if have >= total:
        return
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    today = timezone.localdate()
    first_day = dt.date(today.year - YEARS_BACK, 1, 10)
    calendar_days = WorkingDays(first_day - dt.timedelta(days=10), today + dt.timedelta(days=120))
    owners = dict(OrganizationPerson.objects.filter(role="owner").values_list("organization_id", "person_id"))
    organizations = sorted(owners)
    people = list(owners.values())
    reviewers = list(User.objects.filter(is_staff=True).values_list("pk", flat=True))
    measures = {m.code: m for m in Measure.objects.all()}
    versions = {}
    for version in MeasureVersion.objects.order_by("effective_from"):
        versions.setdefault(version.measure_id, []).append((version.effective_from, version.pk))
    case_id, application_id, payment_id = next_id(ReviewCase), next_id(MeasureApplication), next_id(Payment)
    cases, applications, payments = [], [], []
    now = timezone.now()
    span = (today - first_day).days
    for _ in range(total - have):
        kind = _pick(rng, KINDS)
        measure = measures[_pick(rng, {code: w for code, (w, _lo, _hi) in MEASURES.items()})]
        person_applies = kind == "measure" and measure.code == "angel-refund"
        organization_id = None if person_applies else rng.choice(organizations)
        applicant_id = rng.choice(people) if person_applies else owners[organization_id]
        submitted_on = first_day + dt.timedelta(days=rng.randint(0, span))
        review_due = calendar_days.after(submitted_on, 10)
        draw = rng.random()
        took = rng.randint(1, 10) if draw < 0.85 else rng.randint(11, 25)  # 15% answered late
        decided_on = calendar_days.after(submitted_on, took)
        status, decided_at = "submitted", None
        if rng.random() < 0.03:
            status, submitted_on, review_due = "draft", None, None
        elif decided_on <= today and rng.random() > 0.03:
            status = _pick(rng, {"approved": 65, "rejected": 20, "returned": 15})
            if kind == "pilot" and rng.random() < 0.05:
                status = "withdrawn"
            decided_at = _moment(decided_on, rng)
        elif rng.random() < 0.4:
            status = "in_review"
        created = _moment(submitted_on or today, rng)
        if kind == "measure" and status == "approved":
            status = _pick(rng, GRANT_STORIES)
        cases.append(
            {
                "id": case_id,
                "created_at": created,
                "updated_at": decided_at or created,
                "kind": kind,
                "organization_id": organization_id,
                "applicant_id": applicant_id,
                "title": f"Заявка {case_id}",
                "status": status,
                "submitted_on": submitted_on,
                "review_due": review_due,
                "assignee_id": rng.choice(reviewers) if decided_at else None,
                "decided_at": decided_at,
                "decided_by_id": rng.choice(reviewers) if decided_at else None,
                "decision_comment": ""
                if status in ("approved", "draft", "submitted")
                else "Причины в письме.",
                "reminded_before_on": None,
                "reminded_overdue_on": None,
            }
        )
        if kind == "measure":
            _w, low, high = MEASURES[measure.code]
            asked = Decimal(rng.randint(low, high)).quantize(CENT)
            version = [pk for since, pk in versions[measure.pk] if since <= (submitted_on or today)]
            granted = status in GRANT_STORIES
            amount = (asked * Decimal(rng.uniform(0.8, 1.0))).quantize(CENT) if granted else None
            applications.append(
                {
                    "id": application_id,
                    "created_at": created,
                    "updated_at": decided_at or created,
                    "measure_id": measure.pk,
                    "version_id": (version or [versions[measure.pk][0][1]])[-1],
                    "case_id": case_id,
                    "organization_id": organization_id,
                    "person_id": applicant_id,
                    "project_title": "Проект",
                    "description": "",
                    "pilot_id": None,
                    "requested_amount": asked,
                    "approved_amount": amount,
                    "approved_year": decided_on.year if granted else None,
                    "quote": json.dumps({}),
                    "approval_quote": json.dumps({}),
                }
            )
            if granted and status != "approved":
                payments.extend(
                    _payments(rng, status, measure.code, application_id, amount, decided_on, today)
                )
            application_id += 1
        case_id += 1
    for payment in payments:
        payment["id"] = payment_id
        payment["created_at"] = payment["updated_at"] = now
        payment_id += 1
    with transaction.atomic():
        copy(ReviewCase, cases)
        copy(MeasureApplication, applications)
        copy(Payment, payments)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_reviewcase, measures_measureapplication, measures_payment")
    print(
        f"filled {len(cases):,} applications ({len(applications):,} for measures, {len(payments):,} payments) "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _payments(rng, status, code, application_id, amount, decided_on, today) -> list[dict]:
    """The payments of a grant whose agreement is signed: scheduled, some paid (`paid_on` within a
    year of the decision, never after today)."""

    def payment(kind, year_index, share, paid):
        paid_on = min(decided_on + dt.timedelta(days=rng.randint(20, 360)), today) if paid else None
        return {
            "application_id": application_id,
            "kind": kind,
            "year_index": year_index,
            "amount": (amount * Decimal(share)).quantize(CENT),
            "status": "paid" if paid else ("cancelled" if status == "terminated" else "scheduled"),
            "paid_on": paid_on,
            "recorded_by_id": None,
        }

    if code == "import-substitution":
        rows = [payment("advance", 0, "0.25", status in ("paying", "completed", "terminated"))]
        if status in ("paying", "completed"):
            rows += [payment("annual", i, "0.25", status == "completed") for i in (1, 2, 3)]
        return rows
    return [payment("single", None, "1", status == "completed")]


def fill(organizations: int, applications: int, seed: int) -> None:
    kpi_board = _kpi_board_module()
    kpi_board.fill(organizations, kpi_board.bench_year(), seed)  # the demo cluster first, then KPI
    fill_applications(applications, seed)


def measure(call, runs: int, *, cold: bool) -> tuple[float, float, int]:
    """Median and 95th percentile in ms over `runs`, and the queries of one more run."""
    call()
    times = []
    for _ in range(runs):
        if cold:
            datasets.KEPT.clear()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    if cold:
        datasets.KEPT.clear()
    with CaptureQueriesContext(connection) as queries:
        call()
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], len(queries)


def slowest_plan(call) -> str:
    datasets.KEPT.clear()
    with CaptureQueriesContext(connection) as queries:
        call()
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return f"{slowest['sql'][:300]}…\n{plan}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=35_000)
    parser.add_argument("--applications", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--slow", type=float, default=300, help="ms cold: show the slowest statement's plan")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `innocluster run` does: pages need it
    started = time.perf_counter()
    fill(args.organizations, args.applications, args.seed)
    print(
        f"data: {Organization.objects.count():,} organisations, {ReviewCase.objects.count():,} applications "
        f"({MeasureApplication.objects.count():,} for measures, {Payment.objects.count():,} payments); "
        f"ready in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    year, region = timezone.localdate().year - 1, "77"
    slow = []
    print(f"\nDataset.rows, {args.runs} runs each (in-process; cold: the kept results cleared before each):")
    print("| dataset | rows | cold median | cold p95 | queries | warm median | warm p95 | queries |")
    print("|---|---|---|---|---|---|---|---|")
    for dataset in datasets._DATASETS.values():
        for label, filters in (
            ("", datasets.Filters()),
            (f" ({year}, {region})", datasets.Filters(year, region)),
        ):
            if label and not ({"year", "region"} & set(dataset.filters)):
                continue

            def call(dataset=dataset, filters=filters):
                return dataset.rows(filters)

            try:
                count = len(call())
                cold = measure(call, args.runs, cold=True)
                warm = measure(call, args.runs, cold=False)
            except Exception as exc:  # a dataset another person is adding right now: say so, go on
                print(
                    f"| {dataset.code}{label} | failed: {type(exc).__name__}: {exc} | | | | | | |", flush=True
                )
                continue
            flag = "" if dataset.public else " (staff)"
            print(
                f"| {dataset.code}{flag}{label} | {count:,} | {cold[0]:.1f} ms | {cold[1]:.1f} ms | {cold[2]} "
                f"| {warm[0]:.2f} ms | {warm[1]:.2f} ms | {warm[2]} |",
                flush=True,
            )
            if cold[0] > args.slow:
                slow.append((f"{dataset.code}{label}", call))

    settings.ALLOWED_HOSTS = ["*"]
    anyone = Client()
    coordinator = Client()
    coordinator.force_login(User.objects.get(email=COORDINATOR))
    session = coordinator.session  # as after the second factor: staff pages need it
    session[SESSION_KEY] = timezone.now().isoformat()
    session.save()
    print(f"\npages through the test client, {args.runs} runs each:")
    print("| page | cold median | cold p95 | queries | warm median | warm p95 | queries |")
    print("|---|---|---|---|---|---|---|")
    for label, client, url in [
        ("/analytics/", anyone, "/analytics/"),
        (f"/analytics/?year={year}&region={region}", anyone, f"/analytics/?year={year}&region={region}"),
        ("/analytics/staff/ (coordinator)", coordinator, "/analytics/staff/"),
    ]:

        def get(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"

        try:
            cold = measure(get, args.runs, cold=True)
            warm = measure(get, args.runs, cold=False)
        except Exception as exc:
            print(f"| {label} | failed: {type(exc).__name__}: {exc} | | | | | |", flush=True)
            continue
        print(
            f"| {label} | {cold[0]:.1f} ms | {cold[1]:.1f} ms | {cold[2]} "
            f"| {warm[0]:.1f} ms | {warm[1]:.1f} ms | {warm[2]} |",
            flush=True,
        )
    for label, call in slow:
        print(f"\n{label}: slower than {args.slow:.0f} ms cold; its slowest statement:\n{slowest_plan(call)}")


if __name__ == "__main__":
    main()
