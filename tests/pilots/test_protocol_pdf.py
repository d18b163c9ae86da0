"""The protocol of a pilot as a PDF (SPEC C6): in Russian, in the agreements' look, with the
criteria's measured values, the feedback's exact count, average and distribution, and a note on a
version that a later one replaced; whoever may not see the pilot gets a 404."""

import io
import re

import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader

from innocluster.core.models import AuditEvent
from innocluster.pilots import services
from innocluster.pilots.enums import FeedbackSource
from innocluster.pilots.models import Feedback
from innocluster.pilots.pdf import measure_ru
from tests import factories
from tests.pilots.conftest import CRITERIA

MOSCOW_NOON = "2027-03-10 12:00:00+03:00"


def text_of(pdf: bytes) -> str:
    """The PDF's text with every run of white space made one plain space: a table's cells and
    wrapped lines come out on lines of their own, grouped digits with narrow no-break spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        factories.sign_in(client, user)
    return client


@pytest.fixture
def completed(ask, site, site_owner):
    """A completed pilot: one public rating before the protocol, three entered with it."""
    with time_machine.travel(MOSCOW_NOON, tick=False):
        pilot = services.decide(actor=site_owner, pilot=ask(site), decision="accept")
        Feedback.objects.create(pilot=pilot, rating=3, comment="Бывает долго", source=FeedbackSource.PUBLIC)
        services.submit_protocol(
            actor=site_owner,
            pilot=pilot,
            results=[
                {"criterion": "Время ожидания", "value": "12.5"},  # lower is better, target 15: met
                {"criterion": "Доля успешных распознаваний", "value": "95.4"},  # higher, 95.5: not met
            ],
            feedback=[{"rating": 5, "comment": "Удобно"}, {"rating": 4}, {"rating": 4}],
            conclusion="needs_work",
            comment="Доработать распознавание <акцента> & шума.",
        )
    pilot.refresh_from_db()
    return pilot


def get_pdf(user, pilot, version=1):
    return client_of(user).get(f"/pilots/{pilot.pk}/protocol/{version}.pdf")


@pytest.mark.django_db
class TestProtocolPdf:
    def test_the_pdf_opens_and_shows_the_pilot_criteria_feedback_and_conclusion(
        self, completed, owner, company, site_owner
    ):
        response = get_pdf(owner, completed)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert (
            response["Content-Disposition"] == f'attachment; filename="pilot-{completed.pk}-protocol-v1.pdf"'
        )
        text = text_of(response.content)
        assert f"Протокол пилотного тестирования № {completed.pk}, версия 1" in text
        assert "Продукт: Помощник" in text
        assert f"Компания: {company.short_name}, ИНН {company.inn}" in text
        assert "Площадка: Поликлиника № 1, Москва, ул. Лесная, 1" in text
        assert "Период: с 1 марта 2027 по 31 мая 2027" in text
        # the criteria: name, unit, direction, target, measured value, met or not
        assert "Время ожидания мин чем меньше, тем лучше 15 12,5 достигнут" in text
        assert "Доля успешных распознаваний % чем больше, тем лучше 95,5 95,4 не достигнут" in text
        # four ratings: 3 (public, before the protocol), 5, 4, 4 → 16 / 4 = 4.00
        assert "Число отзывов: 4" in text
        assert "Средняя оценка: 4,00" in text
        assert "Оценка 1 2 3 4 5" in text
        assert "Отзывов 0 0 1 2 1" in text
        assert "Заключение: требует доработки" in text
        assert "Комментарий: Доработать распознавание <акцента> & шума." in text  # escaped, not markup
        assert "Протокол представлен 10 марта 2027, 12:00, Анна Площадкина (Поликлиника № 1)" in text
        assert "заменена" not in text and "исправляет" not in text

    def test_the_distribution_counts_each_rating(self, ask, site, site_owner, owner):
        pilot = services.decide(
            actor=site_owner, pilot=ask(site, "2026-01-01", "2026-02-01"), decision="accept"
        )
        services.submit_protocol(
            actor=site_owner,
            pilot=pilot,
            results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
            feedback=[
                {"rating": 5},
                {"rating": 4},
                {"rating": 4},
                {"rating": 1},
                {"rating": 5},
                {"rating": 5},
            ],
            conclusion="recommended",
        )
        text = text_of(get_pdf(owner, pilot).content)
        # 24 / 6 = 4.0; and exactly at the targets both criteria are met
        assert "Число отзывов: 6" in text
        assert "Средняя оценка: 4,00" in text
        assert "Отзывов 1 0 0 2 3" in text
        assert text.count("не достигнут") == 0 and text.count("достигнут") == 2
        assert "Заключение: рекомендовано" in text

    def test_the_average_rounds_to_two_places(self, ask, site, site_owner, owner):
        pilot = services.decide(
            actor=site_owner, pilot=ask(site, "2026-01-01", "2026-02-01"), decision="accept"
        )
        services.submit_protocol(
            actor=site_owner,
            pilot=pilot,
            results=[{"criterion": c["name"], "value": c["target"]} for c in CRITERIA],
            feedback=[{"rating": 4}, {"rating": 4}, {"rating": 5}],
            conclusion="recommended",
        )
        text = text_of(get_pdf(owner, pilot).content)
        assert "Средняя оценка: 4,33" in text  # 13 / 3 = 4.333…

    def test_a_superseded_version_says_so_and_a_correction_names_what_it_corrects(
        self, completed, site_owner, owner
    ):
        with time_machine.travel("2027-06-05 12:00:00+03:00"):
            for value in ("14", "13"):
                services.submit_protocol(
                    actor=site_owner,
                    pilot=completed,
                    results=[
                        {"criterion": "Время ожидания", "value": value},
                        {"criterion": "Доля успешных распознаваний", "value": "96"},
                    ],
                    feedback=[],
                    conclusion="recommended",
                )
        first = text_of(get_pdf(owner, completed, 1).content)
        second = text_of(get_pdf(owner, completed, 2).content)
        third = text_of(get_pdf(owner, completed, 3).content)
        assert "Эта версия заменена версией 3." in first
        assert "исправляет" not in first
        assert "Эта версия заменена версией 3." in second
        assert "Исправление: эта версия исправляет версию 1." in second
        assert "заменена" not in third
        assert "Исправление: эта версия исправляет версию 2." in third
        assert "Время ожидания мин чем меньше, тем лучше 15 13 достигнут" in third
        assert "Заключение: рекомендовано" in third
        # a correction without feedback keeps the ratings of the first version (5, 4, 4) and the
        # public one left before it (3): it adds entries, it never drops them
        assert "Число отзывов: 4" in third and "Средняя оценка: 4,00" in third

    def test_the_company_the_site_and_the_desk_read_it_strangers_and_experts_get_404(
        self, completed, owner, site_owner, stranger
    ):
        reviewer, coordinator, expert = (factories.staff(r) for r in ("reviewer", "coordinator", "expert"))
        for reader in (owner, site_owner, reviewer, coordinator):
            assert get_pdf(reader, completed).status_code == 200
        for outsider in (stranger, expert):
            assert get_pdf(outsider, completed).status_code == 404
        signed_out = get_pdf(None, completed)  # as on the pilot's page: sign in first
        assert (signed_out.status_code, signed_out["Location"].split("?")[0]) == (302, "/accounts/sign-in/")
        # a version that does not exist, and a pilot that does not exist, are 404 for everyone
        assert get_pdf(owner, completed, 2).status_code == 404
        assert get_pdf(owner, completed, 0).status_code == 404
        assert client_of(owner).get(f"/pilots/{completed.pk + 1000}/protocol/1.pdf").status_code == 404

    def test_a_pilot_without_a_protocol_has_no_pdf(self, ask, site, owner):
        assert get_pdf(owner, ask(site)).status_code == 404

    def test_a_staff_read_is_logged_and_the_sides_reads_are_not(self, completed, owner, site_owner):
        coordinator = factories.staff("coordinator")
        get_pdf(owner, completed)
        get_pdf(site_owner, completed)
        assert not AuditEvent.objects.filter(action="personal_data.read").exists()
        get_pdf(coordinator, completed)
        event = AuditEvent.objects.get(action="personal_data.read")
        assert (event.actor, event.object_type, event.object_id) == (
            coordinator,
            "pilots.pilot",
            str(completed.pk),
        )
        assert event.comment == "protocol version 1 of the pilot (PDF)"


def test_measured_values_print_as_typed_in_russian():
    from decimal import Decimal

    assert measure_ru(Decimal("95.5000")) == "95,5"
    assert measure_ru(Decimal("15.0000")) == "15"
    assert measure_ru(Decimal("1200")).replace("\u202f", " ") == "1 200"
    assert measure_ru(Decimal("0.0001")) == "0,0001"
