"""What the platform already knows of an organisation's KPI (SPEC C9, issue 12): grants paid,
pilots completed, production orders awarded, patents compensated — each built through the apps'
own services, exactly to the day of the period, without another organisation's data, in one
query per kind of value whatever the number of organisations."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps

from innocluster.kpi import known
from innocluster.kpi.models import Indicator
from innocluster.kpi.periods import Period
from innocluster.measures import services as measures
from innocluster.measures.models import Measure
from innocluster.partners import services as partners
from innocluster.reviews import services as reviews
from tests import factories

pytestmark = pytest.mark.django_db
D = Decimal
Y2025, Y2026 = Period(2025), Period(2026)


def at(moment: str):
    return time_machine.travel(moment, tick=False)


def paid_grant(owner, coordinator, organization, measure: str, items, *, approved: str, paid_on: dt.date):
    """An application approved at `approved`, its agreement signed and its single payment made."""
    with at(approved):
        application = measures.apply(
            actor=owner, measure=Measure.objects.get(code=measure), organization=organization, raw_items=items
        )
        reviews.decide(application.case, "approve", actor=coordinator)
        measures.sign_agreement(actor=owner, application=application)
        (payment,) = application.payments.all()
        measures.record_payment(actor=coordinator, payment=payment, paid_on=paid_on)
    return application


def equipment(amount: str) -> list[dict]:
    return [{"category": "purchase", "amount": amount, "origin": "domestic", "date": "2024-03-01"}]


def awarded_order(customer, customer_owner, quotes, *, chosen, when: str):
    """An order of `customer` quoted by each (organisation, owner, price) of `quotes`; the quote
    of the `chosen` organisation awarded at `when`."""
    with at(when):
        order = partners.post_order(
            actor=customer_owner,
            customer=customer,
            data={"title": "Корпуса", "process": "cnc", "quantity": 10, "deadline": "2026-06-01"},
        )
        made = {
            organization.pk: partners.submit_quote(
                actor=owner, order=order, manufacturer=organization, price=price, lead_time_days=20
            )
            for organization, owner, price in quotes
        }
        partners.award(actor=customer_owner, order=order, quote_id=made[chosen.pk].pk)
    return order


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


@pytest.fixture
def world(organization, owner, coordinator):
    """Organisation A (the `organization` fixture) and B, participants; C, a customer."""
    a = organization
    factories.participant(a)
    b_owner = factories.person(full_name="Борис Второй")
    b = factories.organization(owner=b_owner, short_name="ООО «Второе»")
    factories.participant(b)
    c_owner = factories.person(full_name="Вера Заказчица")
    c = factories.organization(owner=c_owner, short_name="АО «Заказчик»")

    # grants: A 500,000.00 paid on the year's last day, 175,000.00 for two patents paid in March;
    # 300,000.00 paid on the first day of the next year; B 617,283.50
    paid_grant(
        owner,
        coordinator,
        a,
        "equipment-cofinancing",
        equipment("1000000.00"),
        approved="2025-11-10 12:00 +03:00",
        paid_on=dt.date(2025, 12, 31),
    )
    paid_grant(
        owner,
        coordinator,
        a,
        "patent-compensation",
        [
            {"category": "patent", "amount": "90000.00", "jurisdiction": "ru"},  # capped at 75,000.00
            {"category": "patent", "amount": "100000.00", "jurisdiction": "foreign"},
        ],
        approved="2025-02-10 12:00 +03:00",
        paid_on=dt.date(2025, 3, 10),
    )
    paid_grant(
        owner,
        coordinator,
        a,
        "equipment-cofinancing",
        equipment("600000.00"),
        approved="2025-12-01 12:00 +03:00",
        paid_on=dt.date(2026, 1, 1),
    )
    paid_grant(
        b_owner,
        coordinator,
        b,
        "equipment-cofinancing",
        equipment("1234567.00"),
        approved="2025-06-01 12:00 +03:00",
        paid_on=dt.date(2025, 7, 1),
    )

    # pilots of A: one completed at 23:30 on 31 December (Moscow), one half an hour into the next
    # year, one still running
    with at("2025-12-31 23:30 +03:00"):
        last_of_year = factories.pilot(a, status="completed", product="Продукт 1")
    with at("2026-01-01 00:30 +03:00"):
        factories.pilot(a, status="completed", product="Продукт 2")
    with at("2025-12-15 12:00 +03:00"):
        factories.pilot(a, status="running", product="Продукт 3")

    # orders of C: A's 250,000.50 chosen a minute before the new year, A's 99,999.99 a minute
    # after; B's 180,000.00 chosen over A's 170,000.00 in 2025
    awarded_order(
        c,
        c_owner,
        [(a, owner, "250000.50"), (b, b_owner, "240000.00")],
        chosen=a,
        when="2025-12-31 23:59 +03:00",
    )
    awarded_order(c, c_owner, [(a, owner, "99999.99")], chosen=a, when="2026-01-01 00:01 +03:00")
    awarded_order(
        c,
        c_owner,
        [(a, owner, "170000.00"), (b, b_owner, "180000.00")],
        chosen=b,
        when="2025-05-05 12:00 +03:00",
    )
    return {"a": a, "b": b, "c": c, "site": last_of_year.site.organization}


def test_the_two_new_default_indicators_are_there():
    rows = {
        i.code: (i.name, i.unit, i.better, i.period)
        for i in Indicator.objects.filter(code__in=["grants", "pilots"])
    }
    assert rows == {
        "grants": ("Полученные гранты", "₽", "higher", "year"),
        "pilots": ("Завершённые пилотные испытания", "шт.", "higher", "year"),
    }


def test_their_loader_is_idempotent():
    before = Indicator.objects.count()
    importlib.import_module("innocluster.kpi.migrations.0004_known_indicators").create(apps, None)
    assert Indicator.objects.count() == before


class TestKnownValues:
    def test_each_value_exactly_to_the_day_of_the_year(self, world):
        a, b, c = world["a"].pk, world["b"].pk, world["c"].pk
        assert known.known_values([a, b, c], Y2025) == {
            (a, "grants"): D("675000.00"),  # 500,000.00 on 31 December + 175,000.00 in March
            (a, "patents"): D("2"),
            (a, "pilots"): D("1"),
            (a, "contracts"): D("250000.50"),
            (b, "grants"): D("617283.50"),
            (b, "contracts"): D("180000.00"),
        }
        assert known.known_values([a, b, c], Y2026) == {
            (a, "grants"): D("300000.00"),  # paid on 1 January
            (a, "pilots"): D("1"),  # completed half an hour into the year
            (a, "contracts"): D("99999.99"),  # awarded a minute into the year
        }

    def test_another_organisations_data_never_comes_in(self, world):
        a, b = world["a"].pk, world["b"].pk
        assert known.known_values([b], Y2025) == {
            (b, "grants"): D("617283.50"),
            (b, "contracts"): D("180000.00"),
        }
        # the site that tested A's product completed no pilot of its own
        assert known.known_values([world["site"].pk], Y2025) == {}
        assert known.known_for(world["a"], Y2025) == {
            "grants": D("675000.00"),
            "patents": D("2"),
            "pilots": D("1"),
            "contracts": D("250000.50"),
        }
        assert known.known_for(world["c"], Y2025) == {}
        assert all(pk == a for pk, _code in known.known_values([a], Y2025))

    def test_a_quarter_has_its_own_days(self, world):
        a = world["a"].pk
        assert known.known_values([a], Period(2025, 1)) == {
            (a, "grants"): D("175000.00"),
            (a, "patents"): D("2"),
        }
        assert known.known_values([a], Period(2025, 4)) == {
            (a, "grants"): D("500000.00"),
            (a, "pilots"): D("1"),
            (a, "contracts"): D("250000.50"),
        }

    def test_one_query_per_provider_for_one_organisation_or_three(self, world, django_assert_num_queries):
        ids = [world["a"].pk, world["b"].pk, world["c"].pk]
        with django_assert_num_queries(4):
            one = known.known_values(ids[:1], Y2025)
        with django_assert_num_queries(4):
            three = known.known_values(ids, Y2025)
        assert len(one) == 4 and len(three) == 6
        with django_assert_num_queries(0):
            assert known.known_values([], Y2025) == {}


def test_the_registry_answers_for_the_codes_it_has(monkeypatch, organization):
    monkeypatch.setattr(known, "_providers", {})
    calls = []

    def exports(ids, first_day, last_day):
        calls.append((ids, first_day, last_day))
        return {ids[0]: D("12.50")}

    known.register("exports", exports)
    assert known.known_values([organization.pk, organization.pk], Period(2026, 3)) == {
        (organization.pk, "exports"): D("12.50")
    }
    assert calls == [([organization.pk], dt.date(2026, 7, 1), dt.date(2026, 9, 30))]
    known.register("exports", lambda ids, first_day, last_day: {})
    assert known.known_for(organization, Period(2026)) == {}


def test_the_default_providers_are_registered():
    assert set(known.providers()) == {"grants", "pilots", "contracts", "patents"}


@pytest.mark.parametrize(
    ("typed", "known_value", "flagged"),
    [
        (D("675000.00"), D("675000.00"), False),
        (D("675000"), D("675000.00"), False),  # the same number
        (D("675000.01"), D("675000.00"), True),  # a kopeck off
        (D("674999.99"), D("675000.00"), True),
        (D("5"), None, False),  # the platform knows nothing of it
    ],
)
def test_a_typed_value_that_differs_is_flagged(typed, known_value, flagged):
    assert known.differs(typed, known_value) is flagged
