"""Every rule of every measure at its edge, through the one pure function (the numbers from the
migration, i.e. SPEC C5)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from innocluster.measures.models import Measure
from innocluster.measures.quote import Applicant, Item, compute_quote, planned_schedule, validate_rules

D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def rules(db):
    def get(code):
        return Measure.objects.get(code=code).versions.order_by("-effective_from").first().rules

    return get


PARTICIPANT_SME = Applicant(kind="organization", participant=True, sme_category="small")


class TestPilotTesting:
    def test_full_rate_and_cap_exactly_at_limit(self, rules):
        q = compute_quote(
            rules("pilot-testing"), [Item("logistics", D("1500000.00")), Item("labor", D("500000.00"))]
        )
        assert (q.eligible, q.amount) == (True, D("2000000.00"))
        assert q.caps[0].name == "per_application" and not q.caps[0].applied

    def test_one_kopeck_over_the_cap(self, rules):
        q = compute_quote(
            rules("pilot-testing"), [Item("logistics", D("1500000.00")), Item("labor", D("500000.01"))]
        )
        assert q.amount == D("2000000.00") and q.caps[0].applied
        assert q.uncapped == D("2000000.01")

    def test_other_categories_are_excluded_with_a_reason(self, rules):
        q = compute_quote(
            rules("pilot-testing"), [Item("marketing", D("100.00")), Item("insurance", D("10.00"))]
        )
        assert q.amount == D("10.00")
        assert q.items[0].compensable == 0 and "marketing" in q.items[0].note
        assert not q.items[0].eligible

    def test_only_participants(self, rules):
        q = compute_quote(
            rules("pilot-testing"),
            [Item("logistics", D("10.00"))],
            applicant=Applicant("organization", False, "small"),
        )
        assert not q.eligible and q.amount == 0
        assert q.reasons == ["The organisation is not a participant of the cluster."]


class TestPatentCompensation:
    @pytest.mark.parametrize(
        ("jurisdiction", "amount", "expected"),
        [
            ("ru", "75000.00", "75000.00"),
            ("ru", "75000.01", "75000.00"),
            ("ru", "74999.99", "74999.99"),
            ("foreign", "2000000.00", "2000000.00"),
            ("foreign", "2000000.01", "2000000.00"),
        ],
    )
    def test_cap_per_item_by_jurisdiction(self, rules, jurisdiction, amount, expected):
        q = compute_quote(
            rules("patent-compensation"), [Item("invention", D(amount), jurisdiction=jurisdiction)]
        )
        assert q.items[0].compensable == D(expected)
        assert bool(q.items[0].note) == (D(amount) > D(expected))

    def test_the_cap_note_is_a_sentence_with_money_and_labels(self, rules):
        items = [Item("invention", D("80000"), jurisdiction="ru")]
        note = compute_quote(rules("patent-compensation"), items).items[0].note
        assert note == "Capped at 75,000.00\u00a0₽, the limit for “Invention” (jurisdiction: Russia)."
        with translation.override("ru"):
            note = compute_quote(rules("patent-compensation"), items).items[0].note
        assert note == (
            "Ограничено лимитом 75\u202f000,00\u00a0₽ для категории «Изобретение» (юрисдикция: Россия)."
        )

    def test_several_items_sum_after_their_caps(self, rules):
        items = [
            Item("utility_model", D("100000"), jurisdiction="ru"),
            Item("industrial_design", D("3000000"), jurisdiction="foreign"),
        ]
        assert compute_quote(rules("patent-compensation"), items).amount == D("2075000.00")

    def test_jurisdiction_must_be_known(self, rules):
        q = compute_quote(rules("patent-compensation"), [Item("invention", D("10"), jurisdiction="mars")])
        assert q.amount == 0 and q.items[0].note == "Choose “Jurisdiction”: Russia or abroad."

    def test_items_are_inventions_utility_models_or_industrial_designs_since_2026(self, rules):
        q = compute_quote(
            rules("patent-compensation"),
            [
                Item(c, D("1000"), jurisdiction="ru")
                for c in ("invention", "utility_model", "industrial_design")
            ],
        )
        assert q.amount == D("3000.00")
        assert not compute_quote(
            rules("patent-compensation"), [Item("patent", D("1"), jurisdiction="ru")]
        ).eligible

    def test_the_rules_of_2022_stay_a_version_of_their_own(self, db):
        versions = Measure.objects.get(code="patent-compensation").versions.order_by("effective_from")
        assert [v.effective_from.isoformat() for v in versions] == ["2022-01-01", "2026-01-01"]
        assert list(versions[0].rules[1]["rates"]) == ["patent"]
        assert list(versions[1].rules[1]["rates"]) == ["invention", "utility_model", "industrial_design"]


class TestEquipmentCofinancing:
    def test_rates_by_origin_and_half_up_rounding(self, rules):
        items = [
            Item("purchase", D("0.01"), origin="domestic", date=dt.date(2023, 1, 1)),  # 0.005 → 0.01
            Item("leasing", D("0.03"), origin="imported", date=dt.date(2023, 1, 1)),  # 0.0105 → 0.01
            Item(
                "loan_interest", D("1000.01"), origin="domestic", date=dt.date(2023, 1, 1)
            ),  # 500.005 → 500.01
        ]
        q = compute_quote(rules("equipment-cofinancing"), items, applicant=PARTICIPANT_SME)
        assert [i.compensable for i in q.items] == [D("0.01"), D("0.01"), D("500.01")]
        assert [i.rate for i in q.items] == [D("0.50"), D("0.35"), D("0.50")]

    def test_date_floor(self, rules):
        on_floor = Item("purchase", D("100"), origin="domestic", date=dt.date(2022, 1, 1))
        day_before = Item("purchase", D("100"), origin="domestic", date=dt.date(2021, 12, 31))
        q = compute_quote(rules("equipment-cofinancing"), [on_floor, day_before], applicant=PARTICIPANT_SME)
        assert [i.compensable for i in q.items] == [D("50.00"), D("0.00")]
        assert q.items[1].note == "Costs dated before 1 January 2022 are not eligible."

    def test_annual_cap_counts_what_was_already_used(self, rules):
        item = Item("purchase", D("10000000.00"), origin="domestic", date=dt.date(2024, 3, 1))
        q = compute_quote(
            rules("equipment-cofinancing"), [item], applicant=PARTICIPANT_SME, already_used=D("26000000.00")
        )
        assert q.amount == D("4000000.00")
        cap = q.caps[0]
        assert (cap.name, cap.remaining_before, cap.applied, cap.counted) == (
            "per_organization_per_year",
            D("4000000.00"),
            True,
            True,
        )

    def test_exactly_at_the_annual_cap_and_one_kopeck_over(self, rules):
        item = Item("purchase", D("8000000.00"), origin="domestic", date=dt.date(2024, 3, 1))
        at = compute_quote(
            rules("equipment-cofinancing"), [item], applicant=PARTICIPANT_SME, already_used=D("26000000.00")
        )
        assert at.amount == D("4000000.00") and not at.caps[0].applied
        over = Item("purchase", D("8000000.02"), origin="domestic", date=dt.date(2024, 3, 1))
        q = compute_quote(
            rules("equipment-cofinancing"), [over], applicant=PARTICIPANT_SME, already_used=D("26000000.00")
        )
        assert q.amount == D("4000000.00") and q.caps[0].applied

    def test_nothing_remains(self, rules):
        item = Item("purchase", D("100"), origin="domestic", date=dt.date(2024, 3, 1))
        q = compute_quote(
            rules("equipment-cofinancing"), [item], applicant=PARTICIPANT_SME, already_used=D("30000000.00")
        )
        assert not q.eligible and q.amount == 0
        assert q.reasons == ["Nothing remains of the annual limit this year."]

    def test_large_enterprises_are_not_eligible(self, rules):
        item = Item("purchase", D("100"), origin="domestic", date=dt.date(2024, 3, 1))
        q = compute_quote(
            rules("equipment-cofinancing"), [item], applicant=Applicant("organization", True, "large")
        )
        assert not q.eligible and "micro, small, medium" in q.reasons[0]


class TestAngelRefund:
    def test_half_of_an_investment_in_a_registered_company(self, rules):
        registered = {("7707083893", dt.date(2024, 5, 1))}
        q = compute_quote(
            rules("angel-refund"),
            [Item("investment", D("3000000.01"), investee_inn="7707083893", date=dt.date(2024, 5, 1))],
            applicant=Applicant(kind="person"),
            in_register=lambda inn, on: (inn, on) in registered,
        )
        assert q.amount == D("1500000.01")  # 1500000.005 → half-up

    def test_investee_not_in_the_register_on_that_date(self, rules):
        q = compute_quote(
            rules("angel-refund"),
            [Item("investment", D("100"), investee_inn="7707083893", date=dt.date(2024, 5, 1))],
            in_register=lambda inn, on: on >= dt.date(2024, 5, 2),
        )
        assert not q.eligible and "on 1 May 2024." in q.items[0].note

    def test_per_person_annual_cap(self, rules):
        q = compute_quote(
            rules("angel-refund"),
            [Item("investment", D("30000000"), investee_inn="7707083893", date=dt.date(2024, 5, 1))],
            already_used=D("9000000.00"),
            in_register=lambda inn, on: True,
        )
        assert q.amount == D("1000000.00") and q.caps[0].name == "per_person_per_year"

    def test_organisations_do_not_apply(self, rules):
        q = compute_quote(
            rules("angel-refund"),
            [Item("investment", D("100"), investee_inn="7707083893", date=dt.date(2024, 5, 1))],
            applicant=PARTICIPANT_SME,
            in_register=lambda inn, on: True,
        )
        assert not q.eligible


class TestImportSubstitution:
    def test_rates_cap_and_schedule(self, rules):
        items = [Item("equipment", D("120000000.00")), Item("salaries", D("40000000.00"))]
        q = compute_quote(rules("import-substitution"), items)
        assert [i.compensable for i in q.items] == [D("60000000.00"), D("10000000.00")]
        assert q.amount == D("70000000.00")
        assert q.schedule == [
            ("advance", D("17500000.00")),
            ("annual", D("17500000.00")),
            ("annual", D("17500000.00")),
            ("annual", D("17500000.00")),
        ]

    def test_cap_exactly_and_one_kopeck_over(self, rules):
        at = compute_quote(rules("import-substitution"), [Item("equipment", D("200000000.00"))])
        assert at.amount == D("100000000.00") and not at.caps[0].applied
        over = compute_quote(rules("import-substitution"), [Item("equipment", D("200000000.02"))])
        assert over.amount == D("100000000.00") and over.caps[0].applied


def test_validate_rules_refuses_bad_data():
    assert validate_rules([{"kind": "item_rate", "rates": {"x": "1.5"}}])  # a rate above 100%
    assert validate_rules([{"kind": "annual_cap", "per": "planet", "limit": "1"}])
    assert validate_rules([{"kind": "teleport"}])
    assert validate_rules([]) and validate_rules("x")
    assert validate_rules([{"kind": "application_cap", "limit": "10.00"}]) == []


money = st.decimals(min_value=D("0.01"), max_value=D("500000000"), places=2)
categories = st.sampled_from(
    ["real_estate", "utility_connection", "ip_rights", "equipment", "software", "salaries", "other"]
)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None)
@given(items=st.lists(st.tuples(categories, money), min_size=1, max_size=8), used=st.one_of(st.none(), money))
def test_a_quote_never_exceeds_any_cap(items, used):
    for code in ("import-substitution", "equipment-cofinancing", "pilot-testing"):
        rules = Measure.objects.get(code=code).versions.first().rules
        as_items = [
            Item(
                c if code == "import-substitution" else "purchase",
                a,
                origin="imported",
                date=dt.date(2024, 1, 2),
            )
            for c, a in items
        ]
        q = compute_quote(rules, as_items, applicant=PARTICIPANT_SME, already_used=used)
        for cap in q.caps:
            assert q.amount <= cap.remaining_before <= cap.limit
        assert q.amount <= q.uncapped
        assert q.amount == q.amount.quantize(D("0.01"))


@pytest.mark.django_db
@settings(max_examples=100, deadline=None)
@given(items=st.lists(money, min_size=1, max_size=6), extra=money)
def test_adding_an_item_never_lowers_an_uncapped_amount(items, extra):
    rules = [{"kind": "item_rate", "rates": {"equipment": "0.50"}}]  # no caps at all
    before = compute_quote(rules, [Item("equipment", a) for a in items]).amount
    after = compute_quote(rules, [Item("equipment", a) for a in [*items, extra]]).amount
    assert after >= before


@settings(max_examples=300)
@given(amount=st.decimals(min_value=D("0.01"), max_value=D("100000000"), places=2))
def test_the_schedule_sums_to_the_grant(amount):
    schedule = planned_schedule([{"kind": "payment_schedule", "advance_share": "0.25", "years": 3}], amount)
    assert sum(part for _, part in schedule) == amount
    assert [kind for kind, _ in schedule] == ["advance", "annual", "annual", "annual"]
    assert all(part >= 0 for _, part in schedule)
