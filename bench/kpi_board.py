"""The KPI monitoring board (SPEC C9, issue 12) at 35,000 organisations.

    .venv/bin/python bench/kpi_board.py [--organizations 35000] [--runs 30]
    # data in var/bench-kpi unless INNOCLUSTER_DATA_DIR is set

Uses its own data folder (an embedded PostgreSQL there) and fills it once: the demo cluster
(`seed_demo`) up to the number of organisations, then, straight into the tables with COPY (a
benchmark, not the product), a year's targets of the seven default indicators for every
organisation (the year before the demo's own KPI years, so the two never mix) and reports for
about 90% of them: accepted, waiting, returned and corrected by a second version; about 10% late;
values that meet, meet within the tolerance or miss (explained), a few left out. Then times
`kpi.selectors.board_page` in-process (median and 95th percentile over the runs, and the number of
queries): the first page, filters (region and late, a consortium, a measure, missing reports), page
100, sorting by the report's state; and the page `/kpi/board/` as a coordinator through Django's
test client (no network: the server's own time), when that page exists."""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
os.environ.setdefault(
    "INNOCLUSTER_DATA_DIR", str(Path(__file__).resolve().parent.parent / "var" / "bench-kpi")
)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.accounts.middleware import SESSION_KEY
from innocluster.accounts.models import User
from innocluster.consortia.models import ConsortiumMember
from innocluster.consortia.selectors import member_ids
from innocluster.kpi import demo
from innocluster.kpi.models import Indicator, Report, ReportValue, Target
from innocluster.kpi.periods import Period
from innocluster.kpi.selectors import board_page
from innocluster.measures.models import MeasureApplication
from innocluster.measures.selectors import recipient_ids
from innocluster.organizations.models import Organization, OrganizationPerson

CODES = ("revenue", "rnd_spending", "staff", "investments", "contracts", "patents", "products")
COORDINATOR = "coordinator@demo.innocluster.ru"


def bench_year() -> int:
    """The year before the demo's KPI years (its targets start with the first report year)."""
    return demo.report_years(timezone.localdate())[0] - 1


def copy(model, rows: list[dict]) -> None:
    """COPY the rows (field name → value) into the model's table, every concrete field but `id`."""
    fields = [f for f in model._meta.concrete_fields if f.column != "id"]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as pipe,
    ):
        for row in rows:
            pipe.write_row([row.get(f.attname) for f in fields])


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 18), rng.randint(0, 59))))


def _value(rng: random.Random, target: Decimal, tolerance: int) -> tuple[Decimal, bool]:
    """(value, missed): 80% met, 8% within the tolerance, 12% missed."""
    draw = rng.random()
    if draw < 0.12:
        return (target * Decimal(rng.uniform(0.4, 0.9)) * (1 - Decimal(tolerance) / 100)).quantize(
            Decimal("0.01")
        ), True
    if draw < 0.20 and tolerance:
        return (target * (1 - Decimal(tolerance) / 200)).quantize(Decimal("0.01")), False
    return (target * Decimal(rng.uniform(1.0, 1.3))).quantize(Decimal("0.01")), False


def fill(organizations: int, year: int, seed: int) -> None:
    period = Period(year)
    have = Organization.objects.count()
    if have < organizations:
        print(f"seeding the demo cluster: {organizations - have} organisations…", flush=True)
        started = time.perf_counter()
        call_command("seed_demo", organizations=organizations - have, quiet=True)
        print(f"  {time.perf_counter() - started:.0f} s", flush=True)
    if Target.objects.filter(period=str(year)).exists():
        return
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    coordinator = User.objects.get(email=COORDINATOR)
    indicators = [Indicator.objects.get(code=code) for code in CODES]
    ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:organizations])
    owners = dict(OrganizationPerson.objects.filter(role="owner").values_list("organization_id", "person_id"))
    now, due = timezone.now(), period.due
    targets, reports, plans = [], [], {}
    for organization_id in ids:
        plan = {}
        for indicator in indicators:
            base = rng.randint(1, 8) if indicator.unit == "шт." else rng.randint(10, 500)
            scale = 1 if indicator.unit in ("шт.", "чел.") else rng.randint(50_000, 2_000_000)
            value = Decimal(base * scale).quantize(Decimal("0.01"))
            tolerance = rng.choice([0, 5, 10])
            plan[indicator.pk] = (value, tolerance)
            targets.append(
                {
                    "created_at": now,
                    "updated_at": now,
                    "indicator_id": indicator.pk,
                    "organization_id": organization_id,
                    "period": str(year),
                    "value": value,
                    "tolerance_percent": Decimal(tolerance),
                    "set_by_id": coordinator.pk,
                }
            )
        plans[organization_id] = plan
        if rng.random() < 0.10 or organization_id not in owners:
            continue  # no report: missing on the board
        late = rng.random() < 0.10
        submitted = (
            due + dt.timedelta(days=rng.randint(1, 60))
            if late
            else due - dt.timedelta(days=rng.randint(0, 30))
        )
        story = rng.choices(["accepted", "submitted", "corrected", "returned"], [72, 15, 10, 3])[0]
        versions = [(story, submitted)]
        if story == "corrected":
            versions = [("returned", submitted), ("accepted", submitted + dt.timedelta(days=14))]
        for version, (status, day) in enumerate(versions, start=1):
            at = _moment(day, rng)
            decided = status != "submitted"
            reports.append(
                {
                    "created_at": at,
                    "updated_at": at,
                    "organization_id": organization_id,
                    "period": str(year),
                    "version": version,
                    "status": status,
                    "due": due,
                    "late": day > due,
                    "submitted_at": at,
                    "submitted_by_id": owners[organization_id],
                    "decided_at": at + dt.timedelta(days=5) if decided else None,
                    "decided_by_id": coordinator.pk if decided else None,
                    "decision_comment": "Уточните значения." if status == "returned" else "",
                    "case_id": None,
                }
            )
    with transaction.atomic():
        copy(Target, targets)
        copy(Report, reports)
        report_ids = Report.objects.filter(period=str(year)).values_list("pk", "organization_id")
        values = []
        for report_id, organization_id in report_ids:
            for indicator_id, (target, tolerance) in plans[organization_id].items():
                if rng.random() < 0.03:
                    continue  # left out: missing in its cell
                value, missed = _value(rng, target, tolerance)
                values.append(
                    {
                        "report_id": report_id,
                        "indicator_id": indicator_id,
                        "value": value,
                        "explanation": "Заказчик перенёс приёмку работ на следующий год." if missed else "",
                        "corrective_action": "Подписан график приёмки." if missed else "",
                        "evidence_link": "",
                        "known_value": None,
                        "return_reason": "",
                    }
                )
        copy(ReportValue, values)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE kpi_target, kpi_report, kpi_reportvalue")
    print(
        f"filled {year}: {len(targets):,} targets, {len(reports):,} report versions, {len(values):,} values "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def measure(call, runs: int) -> tuple[float, float, int]:
    call()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organizations", type=int, default=35_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `innocluster run` does: pages need it
    year = bench_year()
    fill(args.organizations, year, args.seed)
    period = Period(year)
    consortium = (
        ConsortiumMember.objects.filter(left_at__isnull=True)
        .values("consortium_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    measure_code = (
        MeasureApplication.objects.filter(organization__isnull=False)
        .values("measure__code")
        .annotate(n=Count("organization_id", distinct=True))
        .order_by("-n")
        .first()
    )
    cases = [
        ("first page (by name)", {}),
        ("region 77 and late", {"region": "77", "report": "late"}),
        ("missing reports", {"report": "missing"}),
        ("page 100", {"page": 100}),
        ("sorted by report", {"sort": "report"}),
        ("sorted by report, page 100", {"sort": "report", "page": 100}),
    ]
    if consortium:
        cases.insert(2, (f"a consortium ({consortium['n']} members)", {"consortium_ids": "consortium"}))
    if measure_code:
        cases.insert(3, (f"a measure ({measure_code['measure__code']})", {"measure_ids": "measure"}))
    print(f"\nboard_page({year}), {args.runs} runs each (in-process):")
    print("| case | rows | median | p95 | queries |\n|---|---|---|---|---|")
    for label, kwargs in cases:
        kwargs = dict(kwargs)
        if kwargs.get("consortium_ids") == "consortium":
            kwargs["consortium_ids"] = member_ids(consortium["consortium_id"])
        if kwargs.get("measure_ids") == "measure":
            kwargs["measure_ids"] = recipient_ids(measure_code["measure__code"])
        page = board_page(period, **kwargs)
        median, p95, queries = measure(lambda kw=kwargs: board_page(period, **kw), args.runs)
        print(f"| {label} | {page.total:,} | {median:.1f} ms | {p95:.1f} ms | {queries} |", flush=True)

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(email=COORDINATOR))
    session = client.session  # as after the second factor: staff pages need it
    session[SESSION_KEY] = timezone.now().isoformat()
    session.save()
    url = f"/kpi/board/?period={year}"
    status = client.get(url).status_code
    if status == 404:
        print(f"\n{url}: 404, the page is not there yet")
        return
    print(f"\nGET /kpi/board/ as the coordinator ({args.runs} runs each, test client):")
    print("| page | median | p95 | queries |\n|---|---|---|---|")
    for label, query in [
        ("first page", ""),
        ("region 77, late", "&region=77&report=late"),
        ("page 100", "&page=100"),
        ("sorted by report", "&sort=report"),
    ]:

        def get(query=query):
            response = client.get(url + query)
            assert response.status_code == 200, f"{url + query}: {response.status_code}"

        try:
            median, p95, queries = measure(get, args.runs)
        except Exception as exc:
            print(f"| {label} | failed: {type(exc).__name__}: {exc} | | |", flush=True)
            continue
        print(f"| {label} | {median:.1f} ms | {p95:.1f} ms | {queries} |", flush=True)


if __name__ == "__main__":
    main()
