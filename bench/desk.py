"""How long the review desk takes to render with 10,000 open applications.

    .venv/bin/python bench/desk.py [--cases 10000] [--runs 30]   # data in var/bench unless INNOCLUSTER_DATA_DIR is set

Uses its own data folder (an embedded PostgreSQL there), fills it once, then renders the desk as a
coordinator through Django's test client (no network, so the figure is the server's own time):
the first page, an overdue-board filter, and a search. Prints median and 95th percentile."""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innocluster.config.settings")
os.environ.setdefault("INNOCLUSTER_DATA_DIR", str(Path(__file__).resolve().parent.parent / "var" / "bench"))

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.accounts.models import User
from innocluster.core import calendar
from innocluster.membership.models import MembershipApplication
from innocluster.organizations.models import Organization, OrganizationPerson
from innocluster.reviews.models import ReviewCase


def fill(cases: int) -> None:
    open_now = ReviewCase.objects.filter(status__in=["submitted", "in_review"]).count()
    if open_now >= cases:
        return
    need = cases - open_now
    taken = set(ReviewCase.objects.values_list("organization_id", flat=True))
    if Organization.objects.count() - len(taken) < need:
        # seeding gives ~30% of new organisations cases of their own: ask for enough
        call_command("seed_demo", organizations=int(need * 1.6) + 100, quiet=True)
    today = timezone.localdate()
    reviewer = User.objects.get(email="reviewer@demo.innocluster.ru")
    owners = dict(OrganizationPerson.objects.filter(role="owner").values_list("organization_id", "person_id"))
    taken = set(ReviewCase.objects.values_list("organization_id", flat=True))
    free = [o for o in Organization.objects.order_by("pk").only("pk", "short_name") if o.pk not in taken]
    dues = {}
    rows = []
    for i, organization in enumerate(free[:need]):
        submitted = today - dt.timedelta(days=i % 20)
        if submitted not in dues:
            dues[submitted] = calendar.add_working_days(submitted, 10)
        rows.append(
            ReviewCase(
                kind="membership",
                organization=organization,
                applicant_id=owners[organization.pk],
                title=organization.short_name,
                status="in_review" if i % 3 == 0 else "submitted",
                submitted_on=submitted,
                review_due=dues[submitted],
                assignee=reviewer if i % 3 == 0 else None,
            )
        )
    with transaction.atomic():
        created = ReviewCase.objects.bulk_create(rows, batch_size=2000)
        MembershipApplication.objects.bulk_create(
            [
                MembershipApplication(
                    organization_id=c.organization_id,
                    case=c,
                    contact_name="—",
                    activity="—",
                    consent_personal_data=True,
                )
                for c in created
            ],
            batch_size=2000,
        )
    print(
        f"filled: {ReviewCase.objects.filter(status__in=['submitted', 'in_review']).count()} open applications"
    )


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    fill(args.cases)
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(email="coordinator@demo.innocluster.ru"))
    for label, url in [
        ("desk, first page", "/staff/desk/"),
        ("desk, overdue", "/staff/desk/?bucket=overdue"),
        ("desk, search by name", "/staff/desk/?q=%D0%A2%D0%B5%D1%85"),
        ("desk, page 100", "/staff/desk/?page=100"),
    ]:
        median, p95, queries = measure(client, url, args.runs)
        print(f"{label:<24} median {median:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries")


if __name__ == "__main__":
    main()
