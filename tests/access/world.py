"""One small cluster with an object behind every route, and a person in every role, for the
access matrix. Built through the platform's services where a rule is involved."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from innocluster.accounts import services as accounts
from innocluster.consortia import services as consortia
from innocluster.consortia.models import JoinRequest
from innocluster.contests import services as contests
from innocluster.kpi import services as kpi
from innocluster.measures import services as measures
from innocluster.measures.models import Measure
from innocluster.organizations import services as organizations
from innocluster.organizations.models import OrganizationPerson
from innocluster.partners import services as orders
from innocluster.partners.models import FileAccessRequest, OrderQuote
from innocluster.pilots import feedback as pilot_feedback
from innocluster.pilots import services as pilots
from innocluster.registry import services as registry
from innocluster.reviews import services as reviews
from tests import factories, samples

ROLES = (
    "anonymous",
    "member",
    "manager",
    "owner",
    "other_owner",
    "reviewer",
    "expert",
    "coordinator",
    "administrator",
)


@dataclass
class World:
    people: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


def build() -> World:
    world = World()
    owner = factories.person(email="owner@world.example.org", full_name="Ольга Владелец")
    organization = factories.organization(owner=owner)
    factories.participant(organization)
    manager, member = factories.person(), factories.person()
    OrganizationPerson.objects.create(organization=organization, person=manager, role="manager")
    OrganizationPerson.objects.create(organization=organization, person=member, role="member")
    other_owner = factories.person(full_name="Сергей Чужой")
    other = factories.organization(owner=other_owner, short_name="ООО «Чужие»", okved_main="25")
    factories.participant(other)
    staff = {role: factories.staff(role) for role in ("reviewer", "expert", "coordinator", "administrator")}
    world.people = {
        "anonymous": None,
        "member": member,
        "manager": manager,
        "owner": owner,
        "other_owner": other_owner,
        **staff,
    }
    coordinator = staff["coordinator"]

    # an organisation of the same people, not yet a participant, with its membership application
    joining = factories.organization(owner=owner, short_name="ООО «Новички»")
    OrganizationPerson.objects.create(organization=joining, person=manager, role="manager")
    OrganizationPerson.objects.create(organization=joining, person=member, role="member")
    membership_application = factories.membership_application(organization=joining, actor=owner)

    # a registry application under review, and a register entry of the other organisation
    registry_application = registry.apply_for_registry(
        actor=owner, organization=organization, data=dict(factories.REGISTRY_FORM)
    )
    entry = registry.include(
        organization=other, category="startup", on=dt.date(2024, 1, 10), actor=coordinator
    )

    # measure applications: a draft with a document; an import-substitution grant being paid
    draft = measures.apply(
        actor=owner,
        measure=Measure.objects.get(code="patent-compensation"),
        organization=organization,
        raw_items=[{"category": "invention", "amount": "50000", "jurisdiction": "ru"}],
        draft=True,
    )
    document = measures.add_document(
        actor=owner, application=draft, upload=SimpleUploadedFile("смета.pdf", samples.pdf())
    )
    granted = measures.apply(
        actor=owner,
        measure=Measure.objects.get(code="import-substitution"),
        organization=organization,
        raw_items=[{"category": "equipment", "amount": "800000"}],
    )
    reviews.decide(granted.case, "approve", actor=coordinator)
    measures.sign_agreement(actor=owner, application=granted)
    payment = granted.payments.get()
    measures.record_payment(actor=coordinator, payment=payment)
    report = measures.submit_cost_report(
        actor=owner, application=granted, raw_items=[{"category": "equipment", "amount": "100000"}]
    )

    # a forming consortium with a project, a chain role, an invitation and a join request
    consortium = consortia.create_consortium(
        actor=owner,
        coordinator=organization,
        name="Силовая электроника",
        description="Микросхемы и модули.",
        areas=["26"],
        projects=[{"title": "Модуль IGBT", "description": ""}],
    )
    project = consortium.projects.get()
    role = consortia.add_role(actor=owner, project=project, kind="developer")
    invitation = consortia.invite(actor=owner, consortium=consortium, organization=other, role="member")
    join_request = JoinRequest.objects.create(
        consortium=consortium, organization=other, requested_by=other_owner
    )

    # a production order with a restricted drawing, a quote and a request to see the drawing
    order = orders.post_order(
        actor=owner,
        customer=organization,
        data={
            "title": "Корпус",
            "process": "milling",
            "quantity": 5,
            "deadline": timezone.localdate() + dt.timedelta(days=20),
        },
    )
    drawing = orders.add_file(
        actor=owner, order=order, upload=SimpleUploadedFile("деталь.pdf", samples.pdf())
    )
    order.invited.clear()
    quote = OrderQuote.objects.create(
        order=order, manufacturer=other, created_by=other_owner, price="1000.00", lead_time_days=5
    )
    access = FileAccessRequest.objects.create(file=drawing, organization=other, requested_by=other_owner)

    # a test site of the other organisation; a pilot of ours waiting for its answer, one accepted
    site = pilots.create_site(
        actor=coordinator,
        organization=other,
        name="Поликлиника № 1",
        category="healthcare",
        address="Москва, ул. Лесная, 1",
        testable="Сервисы записи к врачу",
        capacity=2,
        contact_email="pilots@world.example.org",
    )
    pilot_request, pilot_accepted = (
        pilots.request_pilot(
            actor=owner,
            organization=organization,
            site=site,
            product=product,
            goals="Проверка доступа.",
            starts_on="2027-03-01",
            ends_on="2027-03-31",
            criteria=[{"name": "Точность", "unit": "%", "better": "higher", "target": "90"}],
        )
        for product in ("Помощник регистратуры", "Электронная очередь")
    )
    pilots.decide(actor=other_owner, pilot=pilot_accepted, decision="accept")
    # a pilot completed with its protocol (its PDF), then one running today (its public feedback
    # link); each accepted before the next one asks, so the site's capacity of 2 always holds
    today = timezone.localdate()
    pilot_completed = pilots.decide(
        actor=other_owner,
        pilot=pilots.request_pilot(
            actor=owner,
            organization=organization,
            site=site,
            product="Навигатор по поликлинике",
            goals="Проверка доступа.",
            starts_on=today,
            ends_on=today + dt.timedelta(days=6),
            criteria=[{"name": "Точность", "unit": "%", "better": "higher", "target": "90"}],
        ),
        decision="accept",
    )
    pilots.submit_protocol(
        actor=other_owner,
        pilot=pilot_completed,
        results=[{"criterion": "Точность", "value": "93"}],
        feedback=[{"rating": 5, "comment": "Удобно"}],
        conclusion="recommended",
    )
    pilot_running = pilots.decide(
        actor=other_owner,
        pilot=pilots.request_pilot(
            actor=owner,
            organization=organization,
            site=site,
            product="Терминал самозаписи",
            goals="Проверка доступа.",
            starts_on=today,
            ends_on=today + dt.timedelta(days=6),
            criteria=[{"name": "Точность", "unit": "%", "better": "higher", "target": "90"}],
        ),
        decision="accept",
    )
    pilots.start_due_pilots(today=today)

    # a contest open for ten more days with our solution, the expert in its pool (declared, no
    # conflicts) and assigned to it; a draft contest for the coordinator to publish
    contest_fields = {
        "title": "Умная остановка",
        "organiser": "Департамент транспорта",
        "problem": "Пассажиры не знают, когда придёт автобус.",
        "criteria": [
            {"code": "tech", "name": "Техника", "weight": "2"},
            {"code": "team", "name": "Команда", "weight": "1"},
        ],
        "deadline": timezone.now() + dt.timedelta(days=10),
        "winners": 1,
    }
    contest = contests.publish(
        actor=coordinator, contest=contests.create_contest(actor=coordinator, **contest_fields)
    )
    contest_draft = contests.create_contest(actor=coordinator, **contest_fields)
    solution = contests.submit_solution(
        actor=owner,
        contest=contest,
        organization=organization,
        title="Табло",
        description="Прогноз прибытия.",
    )
    contest_file = contests.add_file(
        actor=owner, solution=solution, upload=SimpleUploadedFile("табло.pdf", samples.pdf())
    )
    contests.add_expert(actor=coordinator, contest=contest, expert=staff["expert"])
    contests.declare(actor=staff["expert"], contest=contest, conflicts=[])
    contests.auto_assign(actor=coordinator, contest=contest, experts_per_solution=1)

    # a KPI target of ours for 2025 and our report on it, waiting for its review
    revenue = kpi.indicator_by_code("revenue", field="indicator")
    kpi.set_target(
        actor=coordinator, indicator=revenue, organization=organization, period="2025", value="100"
    )
    kpi_evidence = kpi.add_evidence(
        actor=owner,
        organization=organization,
        period="2025",
        indicator=revenue,
        upload=SimpleUploadedFile("выручка.pdf", samples.pdf()),
    )
    kpi_report = kpi.submit_report(
        actor=owner,
        organization=organization,
        period="2025",
        values=[{"indicator": "revenue", "value": "120"}],
    )

    org_invitation, invitation_token = organizations.invite_person(
        # to the other organisation's owner: the page shows it to its addressee only
        actor=owner,
        organization=organization,
        email=other_owner.email,
        role="member",
    )
    token = accounts.issue_token(user=member, name="matrix")
    member_token = accounts.tokens_of(member).get(prefix=token[:6])
    world.ids = {
        "org": organization.pk,
        "other_org": other.pk,
        "kpi_report": kpi_report.pk,
        "kpi_evidence": kpi_evidence.pk,
        "contest": contest.pk,
        "contest_draft": contest_draft.pk,
        "solution": solution.pk,
        "contest_file": contest_file.pk,
        "expert_user": staff["expert"].pk,
        "member": member.pk,
        "joining_org": joining.pk,
        "membership": membership_application.pk,
        "registry_case": registry_application.case_id,
        "registry_application": registry_application.pk,
        "entry": entry.number,
        "draft": draft.pk,
        "draft_case": draft.case_id,
        "document": document.pk,
        "granted": granted.pk,
        "payment": payment.pk,
        "report": report.pk,
        "consortium": consortium.pk,
        "consortium_case": consortium.case_id,
        "project": project.pk,
        "role": role.pk,
        "invitation": invitation.pk,
        "join_request": join_request.pk,
        "order": order.pk,
        "file": drawing.pk,
        "quote": quote.pk,
        "access": access.pk,
        "org_invitation_token": invitation_token,
        "org_invitation": org_invitation.pk,
        "confirm_token": accounts.confirmation_token(member),
        "reset_uid": urlsafe_base64_encode(force_bytes(member.pk)),
        "reset_token": default_token_generator.make_token(member),
        "member_token": member_token.pk,
        "user": other_owner.pk,
        "site": site.pk,
        "pilot": pilot_request.pk,
        "pilot_accepted": pilot_accepted.pk,
        "pilot_case": pilot_request.case_id,
        "pilot_completed": pilot_completed.pk,
        "pilot_running": pilot_running.pk,
        "feedback_token": pilot_feedback.token_for(pilot_running),
        "closed_feedback_token": pilot_feedback.token_for(pilot_completed),
    }
    return world
