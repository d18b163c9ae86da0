"""Audit actions are a declared set with human labels: every action the code records has one, in
Russian and in English, and history reads as sentences, never as codes."""

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import translation

from innocluster.contests.services import STATUS_AUDIT as CONTEST_AUDIT
from innocluster.core.audit_actions import action_label, all_audit_actions, describe_event, object_label
from innocluster.measures.services.payments import PAYMENT_AUDIT, REPORT_AUDIT
from innocluster.partners.models import AccessStatus
from innocluster.pilots.services import TRANSITION_AUDIT as PILOT_AUDIT

ROOT = Path(__file__).resolve().parents[2] / "innocluster"


def _recorded_actions() -> tuple[set[str], set[str]]:
    """The literal actions passed as `action=` to a call, and the prefixes of f-string ones."""
    literal, prefixes = set(), set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                values = [keyword.value]
                if isinstance(keyword.value, ast.IfExp):  # "….accepted" if accept else "….declined"
                    values = [keyword.value.body, keyword.value.orelse]
                for value in values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        if re.fullmatch(r"[a-z_]+\.[a-z_]+", value.value):
                            literal.add(value.value)
                    elif isinstance(value, ast.JoinedStr) and isinstance(value.values[0], ast.Constant):
                        prefixes.add(value.values[0].value)
    return literal, prefixes


def test_every_action_the_code_records_has_a_label():
    literal, prefixes = _recorded_actions()
    assert len(literal) >= 45  # the grep sees the record() calls
    known = all_audit_actions()
    assert sorted(literal - set(known)) == []
    assert prefixes == {"partners.file_access_"}
    for status in (AccessStatus.APPROVED, AccessStatus.DECLINED):
        assert f"partners.file_access_{status}" in known
    assert set(PAYMENT_AUDIT.values()) | set(REPORT_AUDIT.values()) | set(PILOT_AUDIT.values()) | set(
        CONTEST_AUDIT.values()
    ) <= set(known)
    # and no label for an action nothing records (a renamed action leaves no stale entry)
    computed = {f"partners.file_access_{s}" for s in (AccessStatus.APPROVED, AccessStatus.DECLINED)}
    computed |= (
        set(PAYMENT_AUDIT.values())
        | set(REPORT_AUDIT.values())
        | set(PILOT_AUDIT.values())
        | set(CONTEST_AUDIT.values())
    )
    assert sorted(set(known) - literal - computed) == []


def test_every_label_is_translated():
    with translation.override("ru"):
        russian = {code: str(label) for code, label in all_audit_actions().items()}
    with translation.override("en"):
        english = {code: str(label) for code, label in all_audit_actions().items()}
    untranslated = [code for code in russian if not re.search("[а-яё]", russian[code], re.I)]
    assert untranslated == []
    assert all(english[code] and not re.search("[а-яё]", english[code], re.I) for code in english)


def _event(action, to_state="", from_state="", comment=""):
    return SimpleNamespace(action=action, to_state=to_state, from_state=from_state, comment=comment)


@pytest.mark.parametrize(
    ("event", "ru", "en"),
    [
        (_event("review.created", to_state="draft"), "Заявка создана", "Application created"),
        (
            _event("review.transition", from_state="submitted", to_state="in_review"),
            "Статус изменён: На рассмотрении",
            "Status changed: In review",
        ),
        (
            _event("review.transition", from_state="in_review", to_state="returned"),
            "Статус изменён: Возвращена на доработку",
            "Status changed: Returned for revision",
        ),
        (
            _event("personal_data.read", comment="review desk"),
            "Просмотр персональных данных: причина — «заявка открыта в рабочем месте рассмотрения»",
            "Personal data viewed: reason — «the application opened on the review desk»",
        ),
        (
            _event("personal_data.read", comment="pilot page"),
            "Просмотр персональных данных: причина — «открыта страница пилотного тестирования»",
            "Personal data viewed: reason — «the pilot's page opened»",
        ),
        (
            _event("personal_data.read", comment="account administration"),
            "Просмотр персональных данных: причина — «учётная запись открыта в администрировании»",
            "Personal data viewed: reason — «the account opened in the administration»",
        ),
        (
            _event("personal_data.read", comment="проверка сведений о выручке"),
            "Просмотр персональных данных: причина — «проверка сведений о выручке»",
            "Personal data viewed: reason — «проверка сведений о выручке»",
        ),
        (
            _event("measure.report_rejected", from_state="submitted", to_state="rejected"),
            "Отчёт о затратах отклонён: Отклонён",
            "Cost report rejected: Rejected",
        ),
        (_event("made.up"), "Событие", "Event"),
    ],
)
def test_history_reads_as_sentences(event, ru, en):
    with translation.override("ru"):
        assert describe_event(event) == ru
    with translation.override("en"):
        assert describe_event(event) == en


def test_objects_are_named_by_their_noun_and_number():
    with translation.override("ru"):
        assert object_label("reviews.reviewcase", 376) == "заявка №376"
        assert object_label("organizations.organization", "5") == "организация №5"
        assert object_label("platform", "") == "платформа"
        assert object_label("no.such", 1) == "объект №1"
    with translation.override("en"):
        assert object_label("reviews.reviewcase", 376) == "application No. 376"


def test_an_unknown_code_never_shows():
    with translation.override("ru"):
        assert action_label("review.nonexistent") == "Событие"


@pytest.mark.django_db
def test_the_back_office_names_a_measure_application_by_its_cases_number(organization, owner):
    from django.test import Client

    from innocluster.measures import services as measures
    from innocluster.measures.models import Measure
    from innocluster.reviews import services as reviews
    from tests import factories

    factories.participant(organization)
    for _ in range(2):  # other cases first: the case's number is not the application's key
        reviews.create_case(kind="membership", organization=None, applicant=owner, title="—")
    application = measures.apply(
        actor=owner,
        measure=Measure.objects.get(code="pilot-testing"),
        organization=organization,
        raw_items=[{"category": "labor", "amount": "1000"}],
        pilot_id=factories.pilot(organization).pk,
    )
    coordinator = factories.staff("coordinator")
    reviews.decide(application.case, "approve", actor=coordinator)  # "measure.granted" on the application
    assert application.case_id != application.pk
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    factories.sign_in(client, coordinator)
    page = client.get("/staff/").content.decode().replace("\xa0", " ")
    with translation.override("ru"):
        granted = action_label("measure.granted")
    [named] = re.findall(rf">{re.escape(granted)}</td><td[^>]*>([^<]+)</td>", page)
    assert named == f"заявка №{application.case_id}"


@pytest.mark.django_db
def test_the_admins_audit_log_reads_in_words(organization, owner):
    from django.test import Client

    from innocluster.accounts.models import User
    from tests import factories

    factories.membership_application(organization=organization, actor=owner)
    admin = User.objects.create_superuser(
        email="root@example.org", password="Long-enough-42", full_name="Root"
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    factories.sign_in(client, admin)
    page = client.get("/admin/core/auditevent/").content.decode()
    assert "Статус изменён: Подана" in page and "Заявка создана" in page
    assert "review.transition" not in page.split("<tbody", 1)[1]
    filtered = client.get("/admin/core/auditevent/", {"action": "review.created"}).content.decode()
    assert "Заявка создана" in filtered and "Статус изменён" not in filtered.split("<tbody", 1)[1]
    # an event's own page in words too (it showed "review.transition", "submitted")
    from innocluster.core.models import AuditEvent

    event = AuditEvent.objects.get(action="review.transition", to_state="submitted")
    detail = client.get(f"/admin/core/auditevent/{event.pk}/change/").content.decode()
    assert "Статус изменён: Подана" in detail and "Черновик → Подана" in detail
    assert "review.transition" not in detail and ">submitted<" not in detail
    # found by who acted
    assert (
        "Статус изменён: Подана" in client.get("/admin/core/auditevent/", {"q": owner.email}).content.decode()
    )


@pytest.mark.django_db
def test_an_event_names_its_time_in_the_clusters_zone():
    """The back office's list said 21:35 and the event's own page 18:35 (UTC), with no zone."""
    import datetime as dt

    import time_machine

    from innocluster.core.models import AuditEvent

    with time_machine.travel(dt.datetime(2026, 12, 7, 18, 35, tzinfo=dt.UTC), tick=False):
        event = AuditEvent.objects.create(
            action="kpi.indicator_created", object_type="kpi.indicator", object_id="7"
        )
    with translation.override("ru"):
        assert str(event) == "2026-12-07 21:35 MSK Создан показатель КПЭ — показатель №7"
