"""The public datasets (SPEC C10): each one's figures equal a count made here from the rows the
test created through the apps' own services; a change made through a service is seen at once
(the results are kept under the newest audit event); the filters change the figures exactly; the
KPI sums never show fewer than 3 organisations; JSON, CSV and XLSX hold the same rows; the
Frictionless descriptor names exactly the fields and the CSV validates against it; a bad request
is a clear 4xx; the queries do not grow with the data."""

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from frictionless import Package, Resource, Schema

from innocluster.analytics import charts, datasets
from innocluster.analytics.datasets import Filters
from innocluster.consortia import services as consortia
from innocluster.contests import services as contests
from innocluster.kpi import services as kpi
from innocluster.measures import services as measures
from innocluster.measures.models import Measure
from innocluster.pilots import services as pilots
from innocluster.reviews import services as reviews
from tests import factories

pytestmark = pytest.mark.django_db
D = Decimal
PUBLIC = [
    "participants-by-region",
    "participants-by-month",
    "participants-by-okved",
    "consortia",
    "grants-by-measure-year",
    "pilots-by-category-year",
    "contests",
    "kpi-investments-contracts",
]
PROJECT = {"title": "Отечественный силовой модуль", "description": "От кристалла до инвертора"}
CRITERIA = [
    {"code": "tech", "name": "Техническая зрелость", "weight": "3"},
    {"code": "econ", "name": "Экономический эффект", "weight": "1"},
]


def at(moment: str):
    return time_machine.travel(moment, tick=False)


def rows(code: str, **filters) -> list[dict]:
    return datasets.get(code).rows(Filters(**filters))


def participant_in(region: str = "77", *, okved: str = "26", since: dt.date | None = None):
    """A participant organisation of the region with its main OKVED class; (organisation, owner)."""
    owner = factories.person()
    organization = factories.organization(owner=owner, region_code=region, okved_main=okved)
    factories.participant(organization, since=since)
    return organization, owner


@pytest.fixture
def coordinator(db):
    return factories.staff("coordinator")


# ---- participants ---------------------------------------------------------------------------------


def test_a_new_participant_moves_its_regions_count_by_exactly_one():
    made = [participant_in(region)[0] for region in ("77", "77", "50")]
    expected = Counter(o.region_id for o in made)
    before = rows("participants-by-region")
    assert before == [
        {"region_code": "77", "region": "г. Москва", "count": expected["77"]},
        {"region_code": "50", "region": "Московская область", "count": expected["50"]},
    ]
    participant_in("50")  # seen at once: admitting writes an audit event, the generation moves
    after = {r["region_code"]: r["count"] for r in rows("participants-by-region")}
    assert after == {"77": 2, "50": 2}
    factories.organization(owner=factories.person(), region_code="50")  # not a participant
    assert {r["region_code"]: r["count"] for r in rows("participants-by-region")} == after


def test_participants_by_region_with_a_year_and_a_region():
    participant_in("77", since=dt.date(2024, 5, 1))
    participant_in("77", since=dt.date(2025, 12, 31))
    participant_in("50", since=dt.date(2025, 1, 1))
    assert {r["region_code"]: r["count"] for r in rows("participants-by-region", year=2025)} == {
        "77": 1,
        "50": 1,
    }
    assert rows("participants-by-region", year=2024, region="50") == []
    assert [r["count"] for r in rows("participants-by-region", region="77")] == [2]
    with translation.override("en"):
        assert [r["region"] for r in rows("participants-by-region", region="77")] == ["Moscow"]


def test_participants_by_month_count_each_month_and_the_running_total():
    with at("2025-04-10 12:00 +03:00"):
        participant_in("50", since=dt.date(2024, 11, 5))
        participant_in("77", since=dt.date(2025, 1, 15))
        participant_in("77", since=dt.date(2025, 1, 31))
        participant_in("77", since=dt.date(2025, 3, 2))
        table = rows("participants-by-month")
        assert [(r["month"], r["joined"], r["total"]) for r in table] == [
            (dt.date(2024, 11, 1), 1, 1),
            (dt.date(2024, 12, 1), 0, 1),  # a month with no one admitted is on the line
            (dt.date(2025, 1, 1), 2, 3),
            (dt.date(2025, 2, 1), 0, 3),
            (dt.date(2025, 3, 1), 1, 4),
            (dt.date(2025, 4, 1), 0, 4),  # up to this month
        ]
        # a year's months only, the total still counted from the beginning
        assert [
            (r["month"].month, r["joined"], r["total"]) for r in rows("participants-by-month", year=2025)
        ] == [
            (1, 2, 3),
            (2, 0, 3),
            (3, 1, 4),
            (4, 0, 4),
        ]
        assert [
            (r["month"], r["joined"], r["total"]) for r in rows("participants-by-month", region="77")
        ] == [
            (dt.date(2025, 1, 1), 2, 2),
            (dt.date(2025, 2, 1), 0, 2),
            (dt.date(2025, 3, 1), 1, 3),
            (dt.date(2025, 4, 1), 0, 3),
        ]
        assert rows("participants-by-month", region="78") == []
        assert rows("participants-by-month", year=2023) == []
        participant_in("78", since=dt.date(2025, 4, 1))
        assert rows("participants-by-month")[-1] == {"month": dt.date(2025, 4, 1), "joined": 1, "total": 5}


def test_participants_by_okved_class():
    made = [
        participant_in("77", okved="26", since=dt.date(2024, 3, 1))[0],
        participant_in("77", okved="26", since=dt.date(2025, 3, 1))[0],
        participant_in("50", okved="62", since=dt.date(2025, 3, 1))[0],
    ]
    counts = Counter(o.okved_main_id for o in made)
    table = rows("participants-by-okved")
    assert [(r["okved_code"], r["count"]) for r in table] == [("26", counts["26"]), ("62", counts["62"])]
    assert table[0]["okved"] == "Производство компьютеров, электронных и оптических изделий"
    with translation.override("en"):
        assert rows("participants-by-okved")[0]["okved"] == (
            "Manufacture of computer, electronic and optical products"
        )
    assert {r["okved_code"]: r["count"] for r in rows("participants-by-okved", year=2025)} == {
        "26": 1,
        "62": 1,
    }
    assert {r["okved_code"]: r["count"] for r in rows("participants-by-okved", region="50")} == {"62": 1}
    participant_in("16", okved="62")
    assert {r["okved_code"]: r["count"] for r in rows("participants-by-okved")} == {"26": 2, "62": 2}


# ---- intersectoral clusters -----------------------------------------------------------------------


def approved_consortium(name, coordinator_pair, members, *, staff, partners=(), approve=True):
    """A consortium made as people make it: created by the coordinator organisation's owner, each
    member and partner invited and accepting, submitted, approved on the review desk."""
    coordinator_org, coordinator_owner = coordinator_pair
    consortium = consortia.create_consortium(
        actor=coordinator_owner,
        coordinator=coordinator_org,
        name=name,
        description="Полный цикл: от проектирования микросхем до серийного выпуска модулей.",
        areas=["26", "микроэлектроника"],
        projects=[PROJECT],
    )
    for role, pairs in (("member", members), ("partner", partners)):
        for organization, owner in pairs:
            invitation = consortia.invite(
                actor=coordinator_owner, consortium=consortium, organization=organization, role=role
            )
            consortia.accept_invitation(actor=owner, invitation_id=invitation.pk)
    if approve:
        consortia.submit_consortium(actor=coordinator_owner, consortium=consortium)
        reviews.decide(consortium.case, "approve", actor=staff)
    return consortium


def test_consortia_show_the_approved_ones_with_their_sizes(coordinator):
    lead = participant_in("77")
    members = [participant_in("77") for _ in range(29)]
    partner_owner = factories.person()
    partner = (factories.organization(owner=partner_owner, short_name="АО «Партнёр»"), partner_owner)
    assert rows("consortia") == []
    with at("2025-12-31 23:30 +03:00"):  # the last half hour of the year, Moscow time
        approved = approved_consortium(
            "Кластер микроэлектроники", lead, members, staff=coordinator, partners=[partner]
        )
    approved_consortium("Ещё не подан", lead, members[:3], staff=coordinator, approve=False)
    assert rows("consortia") == [
        {
            "id": approved.pk,
            "name": "Кластер микроэлектроники",
            "members": 30,  # the coordinator and 29 members; the partner does not count
            "partners": 1,
            "projects": 1,
            "areas": "26, микроэлектроника",
            "approved_on": dt.date(2025, 12, 31),
        }
    ]
    consortia.add_project(actor=lead[1], consortium=approved, title="Второй проект")
    consortia.leave(actor=members[0][1], consortium=approved, organization=members[0][0])
    (row,) = rows("consortia")
    assert (row["members"], row["projects"]) == (29, 2)
    assert [r["id"] for r in rows("consortia", year=2025)] == [approved.pk]
    assert rows("consortia", year=2026) == []


# ---- grants ---------------------------------------------------------------------------------------


def equipment(amount: str) -> list[dict]:
    return [{"category": "purchase", "amount": amount, "origin": "domestic", "date": "2024-03-01"}]


def grant(pair, coordinator, items, *, measure="equipment-cofinancing", approve=True):
    organization, owner = pair
    application = measures.apply(
        actor=owner, measure=Measure.objects.get(code=measure), organization=organization, raw_items=items
    )
    if approve:
        reviews.decide(application.case, "approve", actor=coordinator)
        application.refresh_from_db()
    return application


def grant_rows(**filters) -> dict:
    return {
        (r["measure_code"], r["year"]): (r["count"], r["amount"])
        for r in rows("grants-by-measure-year", **filters)
    }


def test_an_approved_grant_moves_count_and_sum_exactly(coordinator):
    moscow, oblast = participant_in("77"), participant_in("50")
    with at("2025-06-01 12:00 +03:00"):
        old = grant(moscow, coordinator, equipment("1000000.00"))
    assert (old.approved_year, old.approved_amount) == (2025, D("500000.00"))  # 50 % of domestic
    year = timezone.localdate().year
    assert grant_rows() == {("equipment-cofinancing", 2025): (1, D("500000.00"))}
    first = grant(moscow, coordinator, equipment("1234567.02"))
    assert first.approved_amount == D("617283.51")
    assert grant_rows() == {
        ("equipment-cofinancing", 2025): (1, D("500000.00")),
        ("equipment-cofinancing", year): (1, D("617283.51")),
    }
    second = grant(oblast, coordinator, equipment("200000.00"))
    grant(oblast, coordinator, equipment("300000.00"), approve=False)  # submitted, not granted
    assert grant_rows()[("equipment-cofinancing", year)] == (2, D("617283.51") + second.approved_amount)
    assert grant_rows() == {
        ("equipment-cofinancing", 2025): (1, D("500000.00")),
        ("equipment-cofinancing", year): (2, D("717283.51")),
    }
    (row,) = rows("grants-by-measure-year", year=2025)
    assert row["measure"] == "Софинансирование покупки оборудования, лизинга и процентов по кредитам"
    with translation.override("en"):
        assert rows("grants-by-measure-year", year=2025)[0]["measure"] == (
            "Co-financing of equipment purchase, leasing and loan interest"
        )


def test_grants_by_region_measure_and_year_and_a_terminated_one_no_longer_counts(coordinator):
    moscow, oblast = participant_in("77"), participant_in("50")
    year = timezone.localdate().year
    a = grant(moscow, coordinator, equipment("1000000.00"))
    b = grant(oblast, coordinator, equipment("600000.00"))
    patent = grant(
        oblast,
        coordinator,
        [{"category": "invention", "amount": "50000.00", "jurisdiction": "ru"}],
        measure="patent-compensation",
    )
    assert patent.approved_amount > 0
    assert grant_rows(region="77") == {("equipment-cofinancing", year): (1, a.approved_amount)}
    assert grant_rows(region="50") == {
        ("patent-compensation", year): (1, patent.approved_amount),
        ("equipment-cofinancing", year): (1, b.approved_amount),
    }
    assert grant_rows(measure="patent-compensation") == {
        ("patent-compensation", year): (1, patent.approved_amount)
    }
    assert grant_rows(measure="patent-compensation", region="77") == {}
    assert grant_rows(year=year - 1) == {}
    # the catalogue's order of the measures: patents (2) before equipment (3)
    assert [r["measure_code"] for r in rows("grants-by-measure-year")] == [
        "patent-compensation",
        "equipment-cofinancing",
    ]
    measures.sign_agreement(actor=oblast[1], application=b)  # still holding its grant
    assert grant_rows(region="50")[("equipment-cofinancing", year)] == (1, b.approved_amount)
    reviews.transition(b.case, "terminated", actor=coordinator, comment="Нарушены сроки.")
    assert ("equipment-cofinancing", year) not in grant_rows(region="50")
    assert grant_rows()[("equipment-cofinancing", year)] == (1, a.approved_amount)


# ---- pilots ---------------------------------------------------------------------------------------


def site_of(category: str, coordinator):
    owner = factories.person(full_name="Анна Площадкина")
    return pilots.create_site(
        actor=coordinator,
        organization=factories.organization(owner=owner, short_name=f"Площадка {category}"),
        name=f"Площадка {category}",
        category=category,
        address="Москва, ул. Лесная, 1",
        district="Тверской",
        testable="Сервисы",
        capacity=20,
        contact_email="pilot@example.org",
    )


def pilot_rows(**filters) -> dict:
    return {
        (r["category_code"], r["year"]): tuple(
            r[k] for k in ("requested", "accepted", "declined", "completed", "recommended")
        )
        for r in rows("pilots-by-category-year", **filters)
    }


def test_pilots_by_site_category_year_and_outcome(coordinator):
    healthcare, culture = site_of("healthcare", coordinator), site_of("culture", coordinator)
    company, other = participant_in("77")[0], participant_in("50")[0]
    year = timezone.localdate().year
    with at(f"{year - 1}-06-01 12:00 +03:00"):
        factories.pilot(company, status="declined", site=healthcare)  # requested last year
    made = {
        status: factories.pilot(company, status=status, site=healthcare, product=status)
        for status in ("requested", "accepted", "declined", "running", "completed", "cancelled")
    }
    factories.pilot(other, status="completed", site=culture)
    # 6 requests this year at the healthcare site: accepted, running and completed ones said yes
    assert pilot_rows() == {
        ("culture", year): (1, 1, 0, 1, 1),
        ("healthcare", year - 1): (1, 0, 1, 0, 0),
        ("healthcare", year): (6, 3, 1, 1, 1),
    }
    # a corrected protocol that no longer recommends: the latest version counts
    representative = made["completed"].site.organization.people.get(role="owner").person
    pilots.submit_protocol(
        actor=representative,
        pilot=made["completed"],
        results=[
            {"criterion": "Время ожидания", "value": "20"},
            {"criterion": "Доля распознаваний", "value": "90"},
        ],
        feedback=[],
        conclusion="needs_work",
        comment="Исправлено.",
    )
    assert pilot_rows()[("healthcare", year)] == (6, 3, 1, 1, 0)
    assert pilot_rows(year=year - 1) == {("healthcare", year - 1): (1, 0, 1, 0, 0)}
    assert pilot_rows(region="50") == {("culture", year): (1, 1, 0, 1, 1)}
    assert rows("pilots-by-category-year", region="50")[0]["category"] == "Культура"
    with translation.override("en"):
        assert rows("pilots-by-category-year", region="50")[0]["category"] == "Culture"


# ---- contests -------------------------------------------------------------------------------------


def contest_with(coordinator, expert, companies, *, title, deadline: str, winners=2, scores=()):
    """A published contest with a solution of each company, scored by `expert` (tech points in
    `scores`, in the companies' order) while it is open."""
    contest = contests.create_contest(
        actor=coordinator,
        title=title,
        organiser="Департамент транспорта",
        problem="Пассажиры не знают, когда придёт автобус.",
        criteria=CRITERIA,
        deadline=deadline,
        winners=winners,
    )
    contest = contests.publish(actor=coordinator, contest=contest)
    solutions = [
        contests.submit_solution(
            actor=owner,
            contest=contest,
            organization=organization,
            title=f"Решение {n}",
            description="Табло.",
        )
        for n, (organization, owner) in enumerate(companies)
    ]
    if scores:
        contests.add_expert(actor=coordinator, contest=contest, expert=expert)
        contests.declare(actor=expert, contest=contest, conflicts=[])
        contests.auto_assign(actor=coordinator, contest=contest, experts_per_solution=1)
        for solution, points in zip(solutions, scores, strict=True):
            contests.score(actor=expert, solution=solution, scores={"tech": points, "econ": 5})
    return contest


def test_contests_with_solutions_and_winners_once_published(coordinator):
    expert = factories.staff("expert", full_name="Эксперт")
    companies = [participant_in("77") for _ in range(3)]
    with at("2026-06-01 12:00 +03:00"):
        draft = contests.create_contest(
            actor=coordinator,
            title="Черновик",
            organiser="—",
            problem="—",
            criteria=CRITERIA,
            deadline="2026-12-01T12:00",
            winners=1,
        )
        done = contest_with(
            coordinator,
            expert,
            companies,
            title="Умная остановка",
            deadline="2026-12-31T23:30",
            scores=(9, 7, 5),
        )
        late = contest_with(
            coordinator, expert, companies[:1], title="Новогодний", deadline="2027-01-01T00:30"
        )
        table = {r["id"]: r for r in rows("contests")}
        assert draft.pk not in table
        assert table[done.pk] == {
            "id": done.pk,
            "title": "Умная остановка",
            "organiser": "Департамент транспорта",
            "status": "open",
            "deadline": dt.date(2026, 12, 31),  # Moscow time
            "solutions": 3,
            "winners": 0,  # not before the results are published
        }
        assert (table[late.pk]["deadline"], table[late.pk]["solutions"]) == (dt.date(2027, 1, 1), 1)
        assert [r["id"] for r in rows("contests")] == [late.pk, done.pk]  # the latest deadline first
        assert [r["id"] for r in rows("contests", year=2027)] == [late.pk]
        assert [r["id"] for r in rows("contests", year=2026)] == [done.pk]
    with at("2026-12-31 23:45 +03:00"):
        # a deadline passing is no change anyone made: the result kept before it lasts its TTL
        # (60 seconds), or until the hourly task moves the contest to scoring
        datasets.KEPT.clear()
        assert {r["id"]: r["status"] for r in rows("contests")} == {late.pk: "open", done.pk: "scoring"}
        contests.publish_results(actor=coordinator, contest=done)
        table = {r["id"]: r for r in rows("contests")}
        assert (table[done.pk]["status"], table[done.pk]["solutions"], table[done.pk]["winners"]) == (
            "results_published",
            3,
            2,
        )
        contests.cancel(actor=coordinator, contest=late, comment="Перенесён.")
        assert {r["id"]: r["status"] for r in rows("contests")}[late.pk] == "cancelled"


# ---- KPI: investments and contracts ---------------------------------------------------------------


def kpi_report(pair, coordinator, *, investments=None, contracts=None, period="2025", decision="accept"):
    organization, owner = pair
    values = [
        {"indicator": code, "value": value}
        for code, value in (("investments", investments), ("contracts", contracts))
        if value is not None
    ]
    report = kpi.submit_report(actor=owner, organization=organization, period=period, values=values)
    if decision:
        report = kpi.decide_report(
            actor=coordinator,
            report=report,
            decision=decision,
            comment="" if decision == "accept" else "Исправьте.",
        )
    return report


def kpi_rows(**filters) -> dict:
    return {
        (r["year"], r["indicator"]): (r["organizations"], r["total"], r["withheld"])
        for r in rows("kpi-investments-contracts", **filters)
    }


def test_kpi_sums_are_withheld_below_3_organisations_and_exact_from_3(coordinator, api):
    a, b, c = participant_in("77"), participant_in("77"), participant_in("50")
    kpi_report(a, coordinator, investments="1000000.10", contracts="500000.00")
    kpi_report(b, coordinator, investments="2000000.20")
    kpi_report(c, coordinator, investments="4000000.40", decision=None)  # submitted, not accepted yet
    assert kpi_rows() == {
        (2025, "contracts"): (1, None, True),
        (2025, "investments"): (2, None, True),
    }
    for fmt in ("json", "csv"):
        body = api.get("/datasets/kpi-investments-contracts", {"format": fmt}).content.decode()
        assert "3000000.3" not in body  # the sum of the 2 organisations' values
    kpi.decide_report(actor=coordinator, report=c[0].kpi_reports.get(), decision="accept")
    assert kpi_rows() == {
        (2025, "contracts"): (1, None, True),
        (2025, "investments"): (3, D("7000000.70"), False),
    }
    (row,) = [r for r in rows("kpi-investments-contracts") if r["indicator"] == "investments"]
    assert row["indicator_name"] == "Привлечённые инвестиции"
    with translation.override("en"):
        names = {r["indicator"]: r["indicator_name"] for r in rows("kpi-investments-contracts")}
        assert names == {"investments": "Investments attracted", "contracts": "Contracts concluded"}
    # a region that leaves 2 of the 3 is withheld too
    assert kpi_rows(region="77") == {
        (2025, "contracts"): (1, None, True),
        (2025, "investments"): (2, None, True),
    }
    assert kpi_rows(year=2024) == {}


def test_kpi_sums_of_regions_never_subtract_down_to_one_organisation(coordinator):
    """3 in Moscow, 3 in Saint Petersburg, 1 in the Moscow region: the whole less the two cities'
    sums was the one organisation's value, though its own region was withheld."""
    for region, value in (("77", "100.00"),) * 3 + (("78", "10.00"),) * 3 + (("50", "5000.00"),):
        kpi_report(participant_in(region), coordinator, investments=value)
    assert kpi_rows()[(2025, "investments")] == (7, D("5330.00"), False)
    assert kpi_rows(region="50")[(2025, "investments")] == (1, None, True)
    # the smallest region shown otherwise is withheld with it: the whole less the rest is 4's sum
    assert kpi_rows(region="77")[(2025, "investments")] == (3, None, True)
    assert kpi_rows(region="78")[(2025, "investments")] == (3, D("30.00"), False)


def test_kpi_sums_of_a_region_and_a_measure_never_subtract_down_to_one_organisation(coordinator):
    """A region's sum less that of its organisations holding a grant was the one left out."""
    pairs = [participant_in("77") for _ in range(4)] + [participant_in("78") for _ in range(3)]
    for pair in pairs:
        kpi_report(pair, coordinator, investments="100.00")
    for pair in pairs[:3] + pairs[4:]:
        grant(pair, coordinator, equipment("1000000.00"))
    assert kpi_rows(region="77")[(2025, "investments")] == (4, D("400.00"), False)
    # 3 of Moscow's 4 hold the grant: the 4th's value is Moscow's sum less theirs
    assert kpi_rows(region="77", measure="equipment-cofinancing")[(2025, "investments")] == (3, None, True)
    assert kpi_rows(region="78", measure="equipment-cofinancing")[(2025, "investments")] == (
        3,
        D("300.00"),
        False,
    )


def test_kpi_sums_take_the_latest_accepted_version_and_honour_the_measure(coordinator):
    pairs = [participant_in("77") for _ in range(4)]
    for pair, value in zip(pairs[:3], ("100.00", "200.00", "300.00"), strict=True):
        kpi_report(pair, coordinator, investments=value)
    returned = kpi_report(pairs[3], coordinator, investments="999999.00", decision="return")
    assert returned.status == "returned"  # a returned version never counts
    assert kpi_rows()[(2025, "investments")] == (3, D("600.00"), False)
    kpi_report(pairs[3], coordinator, investments="400.00")  # its corrected version 2, accepted
    assert kpi_rows()[(2025, "investments")] == (4, D("1000.00"), False)
    kpi_report(pairs[0], coordinator, investments="7.00", period="2024")
    assert kpi_rows(year=2024) == {(2024, "investments"): (1, None, True)}
    # the organisations holding a grant of the measure: 2 of them, withheld; 3 of the 4 withheld
    # too (the whole minus their sum gives the 4th's); all 4 shown
    for pair in pairs[:2]:
        grant(pair, coordinator, equipment("1000000.00"))
    assert kpi_rows(measure="equipment-cofinancing") == {
        (2024, "investments"): (1, None, True),
        (2025, "investments"): (2, None, True),
    }
    grant(pairs[3], coordinator, equipment("1000000.00"))
    # 3 of the 4: shown, the 4th's value would be the whole minus this sum; withheld
    assert kpi_rows(measure="equipment-cofinancing", year=2025) == {(2025, "investments"): (3, None, True)}
    grant(pairs[2], coordinator, equipment("1000000.00"))
    assert kpi_rows(measure="equipment-cofinancing", year=2025) == {
        (2025, "investments"): (4, D("1000.00"), False)
    }
    assert kpi_rows(measure="patent-compensation") == {}


# ---- the results are kept, and refreshed by any change --------------------------------------------


def test_a_kept_result_costs_one_query_and_a_change_is_seen_at_once():
    participant_in("77")
    dataset = datasets.get("participants-by-region")
    assert dataset.rows(Filters())[0]["count"] == 1
    with CaptureQueriesContext(connection) as queries:
        assert dataset.rows(Filters())[0]["count"] == 1
    assert len(queries) == 1  # the generation only
    participant_in("77")
    assert dataset.rows(Filters())[0]["count"] == 2


# ---- downloads through the API --------------------------------------------------------------------


@pytest.fixture
def world(coordinator):
    """Data in every public dataset: participants in two regions, an approved consortium,
    grants, pilots, a contest with solutions, KPI sums shown (investments) and withheld
    (contracts)."""
    lead = participant_in("77")
    members = [participant_in("77" if n % 2 else "50", okved="62" if n % 3 else "26") for n in range(29)]
    approved_consortium("Кластер «Зеленоград»", lead, members, staff=coordinator)
    grant(members[0], coordinator, equipment("1000000.00"))
    grant(members[1], coordinator, equipment("1234567.02"))
    factories.pilot(members[2][0], status="completed")
    factories.pilot(members[3][0], status="requested")
    contest_with(
        coordinator,
        None,
        members[4:6],
        title='=HYPERLINK("x"), «кавычки»',  # a formula-looking title stays a text in every format
        deadline=(timezone.localtime() + dt.timedelta(days=10)).replace(tzinfo=None).isoformat(),
    )
    for pair, value in zip(members[6:9], ("1000000.10", "2000000.20", "3000000.30"), strict=True):
        kpi_report(pair, coordinator, investments=value)
    kpi_report(members[9], coordinator, contracts="42.00")
    return members


def typed(value, kind: str, source: str):
    """A cell of the JSON, CSV or XLSX as one comparable value of the field's type."""
    if value is None or (source == "csv" and value == ""):
        return None
    if kind == datasets.INTEGER:
        return int(value)
    if kind == datasets.MONEY:
        return D(str(value)).quantize(D("0.01"))
    if kind == datasets.DATE:
        return value.date() if isinstance(value, dt.datetime) else dt.date.fromisoformat(str(value))
    if kind == datasets.BOOLEAN:
        return value if isinstance(value, bool) else {"1": True, "0": False}[value]
    return str(value)


def test_every_dataset_downloads_the_same_rows_as_json_csv_and_xlsx(api, world):
    for code in PUBLIC:
        dataset = datasets.get(code)
        names = list(dataset.names)
        kinds = [f.type for f in dataset.fields]
        expected = [
            tuple(typed(r[n], k, "rows") for n, k in zip(names, kinds, strict=True)) for r in dataset.rows()
        ]
        assert expected, code

        answer = api.get(f"/datasets/{code}")
        assert answer.status_code == 200, (code, answer.content)
        body = answer.json()
        assert [f["name"] for f in body["fields"]] == names
        from_json = [
            tuple(typed(r[n], k, "json") for n, k in zip(names, kinds, strict=True)) for r in body["rows"]
        ]

        answer = api.get(f"/datasets/{code}", {"format": "csv"})
        assert answer["Content-Type"] == "text/csv; charset=utf-8"
        assert answer["Content-Disposition"] == f'attachment; filename="{code}.csv"'
        header, *lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8"))))
        assert header == names
        from_csv = [tuple(typed(v, k, "csv") for v, k in zip(line, kinds, strict=True)) for line in lines]

        answer = api.get(f"/datasets/{code}", {"format": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
        header, *cells = list(sheet.iter_rows(values_only=True))
        assert list(header) == names
        from_xlsx = [tuple(typed(v, k, "xlsx") for v, k in zip(line, kinds, strict=True)) for line in cells]

        assert from_json == from_csv == from_xlsx == expected, code
        assert charts.chart_data(dataset, dataset.rows())["series"], code

    # the typed cells of the XLSX: money a number with two places, a date a date, a text a text
    sheet = openpyxl.load_workbook(
        io.BytesIO(api.get("/datasets/grants-by-measure-year", {"format": "xlsx"}).content)
    ).active
    amount = sheet.cell(row=2, column=5)
    assert isinstance(amount.value, float | int) and amount.number_format == "#,##0.00"
    # a year and a count read as they are (a grouping format showed 2026 as "2,026.")
    year, count = sheet.cell(row=2, column=3), sheet.cell(row=2, column=4)
    assert (sheet.cell(row=1, column=3).value, sheet.cell(row=1, column=4).value) == ("year", "count")
    assert year.number_format == count.number_format == "General"
    contest = openpyxl.load_workbook(
        io.BytesIO(api.get("/datasets/contests", {"format": "xlsx"}).content)
    ).active
    assert contest.cell(row=2, column=2).data_type == "s"
    assert isinstance(contest.cell(row=2, column=5).value, dt.datetime)
    # the withheld sum is an empty cell, and `withheld` a boolean
    kpi_table = {r["indicator"]: r for r in api.get("/datasets/kpi-investments-contracts").json()["rows"]}
    assert kpi_table["contracts"] == {
        "year": 2025,
        "indicator": "contracts",
        "indicator_name": "Заключённые контракты",
        "organizations": 1,
        "total": None,
        "withheld": True,
    }
    investments = kpi_table["investments"]
    assert (D(str(investments["total"])), investments["withheld"]) == (D("6000000.60"), False)
    # and the dashboard draws every one of them
    page = Client().get("/analytics/")
    assert page.status_code == 200
    assert all(f'id="chart-{code}"' in page.content.decode() for code in PUBLIC)


def test_each_descriptor_names_exactly_the_fields_and_the_csv_validates_against_it(api, world):
    for code in PUBLIC:
        dataset = datasets.get(code)
        descriptor = api.get(f"/datasets/{code}/datapackage.json")
        assert descriptor.status_code == 200, code
        package = descriptor.json()
        report = Package.validate_descriptor(package)
        assert report.valid, (code, report.flatten(["type", "note"]))
        (resource,) = package["resources"]
        schema = resource["schema"]
        assert [f["name"] for f in schema["fields"]] == list(dataset.names)
        assert [f["type"] for f in schema["fields"]] == [
            "number" if f.type == datasets.MONEY else f.type for f in dataset.fields
        ]
        assert schema["primaryKey"] == list(dataset.primary_key)
        assert resource["path"].endswith(f"/api/v1/datasets/{code}?format=csv")
        # the passport: the update frequency beside the owner, the licence and the date
        assert package["frequency"] == "Онлайн: рассчитывается по данным платформы при каждом запросе"
        data = api.get(f"/datasets/{code}", {"format": "csv"}).content
        validation = Resource(data=data, format="csv", schema=Schema.from_descriptor(schema)).validate()
        assert validation.valid, (code, validation.flatten(["rowNumber", "fieldName", "type", "note"]))


def test_filters_reach_the_downloads(api, coordinator):
    participant_in("77", since=dt.date(2024, 5, 1))
    participant_in("50", since=dt.date(2025, 5, 1))
    answer = api.get("/datasets/participants-by-region", {"format": "csv", "year": "2025", "bom": "true"})
    assert answer.content.startswith("\ufeff".encode())
    assert answer["Content-Disposition"] == 'attachment; filename="participants-by-region_year-2025.csv"'
    assert list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")))) == [
        ["region_code", "region", "count"],
        ["50", "Московская область", "1"],
    ]
    assert api.get("/datasets/participants-by-region", {"region": "77"}).json()["rows"] == [
        {"region_code": "77", "region": "г. Москва", "count": 1}
    ]


# ---- who reads, and bad requests ------------------------------------------------------------------


def test_anyone_lists_and_reads_the_public_datasets(api):
    listed = api.get("/datasets")
    assert listed.status_code == 200
    codes = [d["code"] for d in listed.json()]
    assert set(PUBLIC) <= set(codes)
    assert all(d["formats"] == ["csv", "xlsx", "json"] for d in listed.json())
    # each with its passport: owner, update frequency, licence
    first = listed.json()[0]
    assert first["frequency"] == "Онлайн: рассчитывается по данным платформы при каждом запросе"
    assert first["licence"] == "CC-BY-4.0" and first["owner"] and first["description"]
    for code in PUBLIC:
        for fmt in ("json", "csv", "xlsx"):
            assert api.get(f"/datasets/{code}", {"format": fmt}).status_code == 200, (code, fmt)
        assert api.get(f"/datasets/{code}", {"format": "json"}).json()["rows"] == []


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/datasets/nope", {}, 404, None),
        ("/datasets/nope/datapackage.json", {}, 404, None),
        ("/datasets/participants-by-region", {"format": "pdf"}, 422, None),
        ("/datasets/participants-by-region", {"year": "abc"}, 422, "year"),
        ("/datasets/participants-by-region", {"year": "1999"}, 422, "year"),
        ("/datasets/participants-by-region", {"year": "２０２５"}, 422, "year"),
        ("/datasets/participants-by-region", {"region": "00"}, 422, "region"),
        ("/datasets/participants-by-region", {"region": "777"}, 422, None),
        ("/datasets/grants-by-measure-year", {"measure": "nope"}, 422, "measure"),
    ],
)
def test_bad_requests_are_a_clear_4xx(api, path, params, status, field):
    answer = api.get(path, params)
    assert answer.status_code == status, answer.content
    body = answer.json()
    assert body["code"] == ("not_found" if status == 404 else "invalid")
    if field:
        assert body["details"]["field"] == field


# ---- the queries do not grow with the data --------------------------------------------------------


def test_each_dataset_makes_the_same_queries_for_one_organisations_data_and_three(coordinator):
    expert = factories.staff("expert", full_name="Эксперт")
    pool = [participant_in("77") for _ in range(29)]
    deadline = (timezone.localtime() + dt.timedelta(days=10)).replace(tzinfo=None).isoformat()

    def add(n: int) -> None:
        """n more organisations, each with data in every dataset."""
        for _ in range(n):
            pair = participant_in("50", okved="72")
            approved_consortium(f"Кластер {pair[0].pk}", pair, pool, staff=coordinator)
            grant(pair, coordinator, equipment("1000000.00"))
            factories.pilot(pair[0], status="completed")
            contest_with(coordinator, expert, [pair], title=f"Конкурс {pair[0].pk}", deadline=deadline)
            kpi_report(pair, coordinator, investments="10.00", contracts="20.00")

    def counted() -> dict[str, int]:
        counts = {}
        for code in PUBLIC:
            for filters in (Filters(), Filters(year=2025, region="50", measure="equipment-cofinancing")):
                datasets.KEPT.clear()
                with CaptureQueriesContext(connection) as queries:
                    assert datasets.get(code).rows(filters) is not None
                counts[(code, filters.key())] = len(queries)
        return counts

    add(1)
    one = counted()
    add(2)
    three = counted()
    assert one == three
    # the generation, then the dataset's one query; the KPI sums filtered by region and measure
    # read the whole group, the region's and the measure's regions too (a filter must not give
    # away the organisations it leaves out)
    assert {key: n for key, n in one.items() if n != 2} == {
        ("kpi-investments-contracts", (2025, "50", "equipment-cofinancing")): 5
    }
    assert {r["organizations"] for r in rows("kpi-investments-contracts")} == {3}
