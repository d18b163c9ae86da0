"""The searches whose words found little: counted from the search page and the API, kept without
saying who searched, shown to coordinators in the back office, where a row becomes a synonym group
that the next search uses; pruned after a year and bounded in size."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from innocluster.core.models import AuditEvent
from innocluster.partners import search
from innocluster.partners.models import UnmetSearch
from innocluster.partners.search import log as search_log
from innocluster.partners.tasks import prune_search_log
from tests import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/organizations/search"


@pytest.fixture(autouse=True)
def _nothing_waiting():
    """Counts of other tests' searches may wait in this process: written here, then cleared."""
    search_log.flush()
    UnmetSearch.objects.all().delete()


@pytest.fixture
def corpus():
    for name, description in [
        ("ООО «Шов»", "Выполняем сварочные работы на объектах заказчика."),
        ("ООО «Стык»", "Сварочные работы и монтаж металлоконструкций."),
        ("ООО «Гальван»", "Гальваника: цинкование и никелирование деталей."),
        ("ООО «Каравай»", "Печём хлеб."),
    ]:
        factories.organization(short_name=name, full_name=name, description_ru=description)
    search.index_all()


def rows() -> dict[str, tuple]:
    """The table once the process has written its waiting counts (every FLUSH_EVERY seconds)."""
    search_log.flush()
    return {
        r.query: (r.searches, r.by_words, r.first_seen, r.last_seen, r.handled)
        for r in UnmetSearch.objects.all()
    }


class TestCounting:
    def test_a_query_whose_words_find_nothing_is_counted_each_time_under_one_spelling(self, corpus):
        today = timezone.localdate()
        assert Client().get(API, {"q": "Хромирование ЦОД"}).status_code == 200
        assert rows() == {"хромирование цод": (1, 0, today, today, False)}
        Client().get(API, {"q": "  ХРОМИРОВАНИЕ, цод! "})
        assert rows() == {"хромирование цод": (2, 0, today, today, False)}

    def test_a_query_whose_words_find_fewer_than_three_profiles_is_counted_with_that_number(self, corpus):
        answer = Client().get(API, {"q": "сварочные работы"}).json()
        assert sorted(h["short_name"] for h in answer["results"][:2]) == ["ООО «Стык»", "ООО «Шов»"]
        assert rows()["сварочные работы"][:2] == (1, 2)

    def test_a_query_whose_words_find_three_profiles_is_not_counted(self, corpus):
        factories.organization(short_name="ООО «Шов-3»", description_ru="Сварочные работы любой сложности.")
        search.index_all()
        Client().get(API, {"q": "сварочные работы"})
        assert rows() == {}

    def test_later_pages_filtered_searches_and_a_listing_by_filters_alone_are_not_counted(self, corpus):
        Client().get(API, {"q": "хромирование", "offset": 20})
        Client().get(API, {"q": "", "region_code": "77"})
        Client().get(API, {"q": "хромирование", "region_code": "50"})  # the region may be why
        Client().get(API, {"q": "хромирование", "in_register": "false"})
        Client().get("/partners/", {"q": "хромирование", "page": 2})
        Client().get("/partners/", {"q": "хромирование", "sme": "micro"})
        assert rows() == {}

    def test_the_search_page_counts_its_first_page(self, corpus):
        assert Client().get("/partners/", {"q": "аренда серверов"}).status_code == 200
        assert rows()["аренда серверов"][:2] == (1, 0)

    def test_counts_wait_in_the_process_and_the_first_search_after_the_interval_writes_them(
        self, corpus, monkeypatch
    ):
        monkeypatch.setattr(search_log, "FLUSH_EVERY", 3600)
        Client().get(API, {"q": "хромирование"})
        Client().get(API, {"q": "хромирование"})
        assert not UnmetSearch.objects.exists()  # both wait
        monkeypatch.setattr(search_log, "FLUSH_EVERY", 0)
        Client().get(API, {"q": "хромирование"})
        assert UnmetSearch.objects.get().searches == 3  # the third search wrote the three
        monkeypatch.setattr(search_log, "FLUSH_EVERY", 3600)
        Client().get(API, {"q": "хромирование"})
        monkeypatch.setattr(search_log, "FLUSH_EVERY", 0)
        Client().get(API, {"q": "", "region_code": "77"})  # any search writes what waits, not only a weak one
        assert UnmetSearch.objects.get().searches == 4

    def test_what_the_page_searched_while_the_query_was_being_typed_is_not_counted(self, corpus, monkeypatch):
        monkeypatch.setattr(search_log, "FLUSH_EVERY", 3600)
        for typed in ("ар", "аренда се", "аренда серверов"):  # the page searches at each pause
            Client().get("/partners/", {"q": typed}, headers={"HX-Request": "true"})
        Client().get(API, {"q": "аренда"})  # another search, not a beginning of one waiting
        assert rows() == {
            "аренда серверов": (1, 0, timezone.localdate(), timezone.localdate(), False),
            "аренда": (1, 0, timezone.localdate(), timezone.localdate(), False),
        }

    def test_nothing_says_who_searched(self, corpus):
        person = factories.person()
        client = Client()
        factories.sign_in(client, person)
        client.get(API, {"q": "хромирование"})
        assert [f.name for f in UnmetSearch._meta.get_fields()] == [
            "id",
            "query",
            "searches",
            "by_words",
            "first_seen",
            "last_seen",
            "handled",
        ]
        assert not AuditEvent.objects.filter(actor=person).exists()


class TestBackOffice:
    LIST = "/admin/partners/unmetsearch/"

    def test_a_coordinator_turns_a_query_into_a_synonym_group_that_the_next_search_uses(self, corpus):
        for _ in range(3):
            Client().get(API, {"q": "хромирование"})
        Client().get(API, {"q": "электрохимическое покрытие"})
        search_log.flush()
        assert "ООО «Гальван»" not in [
            h.short_name for h in search.search("хромирование", meaning=False).hits
        ]
        coordinator = factories.staff("coordinator")
        client = Client()
        factories.sign_in(client, coordinator)
        page = client.get(self.LIST).content.decode()
        assert page.index("хромирование") < page.index("электрохимическое покрытие")  # most searched first
        ids = list(UnmetSearch.objects.order_by("query").values_list("pk", flat=True))

        answer = client.post(self.LIST, {"action": "start_synonym_group", "_selected_action": ids})
        assert answer.status_code == 302
        address = urlsplit(answer["Location"])
        assert address.path == "/admin/partners/synonym/add/"
        assert parse_qs(address.query) == {"terms": ["хромирование, электрохимическое покрытие"]}
        assert "хромирование, электрохимическое покрытие" in client.get(answer["Location"]).content.decode()

        client.post(
            "/admin/partners/synonym/add/",
            {"terms": "гальваника, хромирование, электрохимическое покрытие", "note": "", "is_active": "on"},
        )
        assert [h.short_name for h in search.search("хромирование", meaning=False).hits] == ["ООО «Гальван»"]

        client.post(self.LIST, {"action": "mark_handled", "_selected_action": ids})
        assert set(UnmetSearch.objects.values_list("handled", flat=True)) == {True}
        events = AuditEvent.objects.filter(action="partners.unmet_search_handled")
        assert sorted(e.data["query"] for e in events) == ["хромирование", "электрохимическое покрытие"]
        assert {e.actor_id for e in events} == {coordinator.pk}

    def test_a_coordinator_deletes_a_made_up_query_and_it_is_audited(self, corpus):
        Client().get(API, {"q": "qwerty xyzzy"})
        search_log.flush()
        row = UnmetSearch.objects.get()
        client = Client()
        factories.sign_in(client, factories.staff("coordinator"))
        assert client.post(f"{self.LIST}{row.pk}/delete/", {"post": "yes"}).status_code == 302
        assert not UnmetSearch.objects.exists()
        assert AuditEvent.objects.get(action="partners.unmet_search_deleted").data == {
            "query": "qwerty xyzzy"
        }

    def test_no_one_adds_a_row_by_hand(self, corpus):
        client = Client()
        factories.sign_in(client, factories.staff("coordinator"))
        assert client.get(f"{self.LIST}add/").status_code == 403

    def test_a_reviewer_cannot_read_them_and_a_member_is_sent_to_sign_in(self, corpus):
        Client().get(API, {"q": "хромирование"})
        search_log.flush()
        reviewer = Client()
        factories.sign_in(reviewer, factories.staff("reviewer"))
        assert reviewer.get(self.LIST).status_code == 403
        member = Client()
        factories.sign_in(member, factories.person())
        answer = member.get(self.LIST)
        assert answer.status_code == 302 and "/login/" in answer["Location"]
        administrator = Client()
        factories.sign_in(administrator, factories.staff("administrator"))
        page = administrator.get(self.LIST).content.decode()
        assert "хромирование" in page
        assert "/admin/partners/synonym/add/" not in page  # no link that would answer 403
        administrator.post(
            self.LIST, {"action": "mark_handled", "_selected_action": [UnmetSearch.objects.get().pk]}
        )
        assert not UnmetSearch.objects.get().handled  # reading them is all an administrator may do


class TestPruning:
    def test_a_query_unseen_for_a_year_is_forgotten(self, corpus):
        today = dt.date(2026, 12, 7)
        for query, last_seen in [("год назад", dt.date(2025, 12, 7)), ("год и день", dt.date(2025, 12, 6))]:
            UnmetSearch.objects.create(query=query, first_seen=last_seen, last_seen=last_seen)
        assert search_log.prune(today) == 1
        assert list(UnmetSearch.objects.values_list("query", flat=True)) == ["год назад"]

    def test_past_the_bound_the_least_searched_go_first(self, corpus, monkeypatch):
        today = timezone.localdate()
        for query, searches, last_seen in [
            ("частый", 9, today - dt.timedelta(days=30)),
            ("вчерашний", 1, today - dt.timedelta(days=1)),
            ("давний", 1, today - dt.timedelta(days=100)),
        ]:
            UnmetSearch.objects.create(
                query=query, searches=searches, first_seen=last_seen, last_seen=last_seen
            )
        monkeypatch.setattr(search_log, "KEEP_AT_MOST", 2)
        assert prune_search_log.call() == 1
        assert sorted(UnmetSearch.objects.values_list("query", flat=True)) == ["вчерашний", "частый"]
