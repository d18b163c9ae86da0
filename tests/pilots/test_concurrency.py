"""Two acceptances of one site at once, against real PostgreSQL: the site's row lock makes the
second count the first, so a site never holds more pilots over a period than its capacity."""

import threading
import time

import pytest
from django.db import connection, transaction

from innocluster.core.errors import Conflict
from innocluster.organizations.models import OrganizationPerson
from innocluster.pilots import services
from innocluster.pilots.models import Pilot
from tests import factories
from tests.pilots.conftest import CRITERIA


def a_site_with_requests(capacity, requests):
    owner = factories.person()
    company = factories.organization(owner=owner)
    factories.participant(company)
    site_owner = factories.person()
    site_org = factories.organization(owner=site_owner, short_name="ГБУ «Депо»")
    site = services.create_site(
        actor=factories.staff("coordinator"),
        organization=site_org,
        name="Депо",
        category="transport",
        address="Москва",
        testable="Транспорт",
        capacity=capacity,
        contact_email="depot@example.org",
    )
    pilots = [
        services.request_pilot(
            actor=owner,
            organization=company,
            site=site,
            product=f"Продукт {n}",
            goals="Цели",
            starts_on="2027-03-01",
            ends_on="2027-03-31",
            criteria=CRITERIA,
        )
        for n in range(requests)
    ]
    return site, site_org, pilots


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("capacity", "requests"), [(1, 2), (2, 6)])
def test_simultaneous_acceptances_never_exceed_the_capacity(capacity, requests):
    site, site_org, pilots = a_site_with_requests(capacity, requests)
    # each request is answered by its own representative, at the same moment
    representatives = []
    for _ in range(requests):
        person = factories.person()
        OrganizationPerson.objects.create(organization=site_org, person=person, role="manager")
        representatives.append(person)
    barrier = threading.Barrier(requests)
    outcomes = []

    def accept(pilot, actor):
        try:
            barrier.wait()
            services.decide(actor=actor, pilot=pilot, decision="accept")
            outcomes.append("accepted")
        except Conflict as exc:
            outcomes.append(str(exc.code))
        finally:
            connection.close()

    workers = [
        threading.Thread(target=accept, args=pair) for pair in zip(pilots, representatives, strict=True)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcomes) == sorted(["accepted"] * capacity + ["site_full"] * (requests - capacity))
    assert Pilot.objects.filter(site=site, status="accepted").count() == capacity


def waits_on_a_lock(*, until, seconds: float = 10.0) -> bool:
    """Whether another session of this database is seen waiting on a lock before `until()` holds
    or the time is up."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and not until():
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_an_acceptance_waits_for_one_not_yet_committed():
    """The first acceptance holds its transaction open; the second, started meanwhile, must wait
    for it and then find the site full (without the lock it would count the site empty)."""
    _site, site_org, (first, second) = a_site_with_requests(1, 2)
    representative = site_org.people.get().person
    first_done, release = threading.Event(), threading.Event()
    outcomes = {}

    def accept_and_hold():
        try:
            with transaction.atomic():
                services.decide(actor=representative, pilot=first, decision="accept")
                first_done.set()
                release.wait(10)
            outcomes["first"] = "accepted"
        finally:
            connection.close()

    def accept_meanwhile():
        try:
            first_done.wait(10)
            services.decide(actor=representative, pilot=second, decision="accept")
            outcomes["second"] = "accepted"
        except Conflict as exc:
            outcomes["second"] = str(exc.code)
        finally:
            connection.close()

    holder, other = threading.Thread(target=accept_and_hold), threading.Thread(target=accept_meanwhile)
    holder.start()
    other.start()
    # the second waits on the site's row for as long as the first holds it: PostgreSQL shows it
    # waiting on a lock (no fixed sleep; without the lock it would finish and never wait)
    assert waits_on_a_lock(until=lambda: "second" in outcomes), outcomes
    assert "second" not in outcomes
    release.set()
    holder.join()
    other.join()
    assert outcomes == {"first": "accepted", "second": "site_full"}
