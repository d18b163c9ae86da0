"""An intersectoral cluster in a real browser: create it, invite a participant who accepts in the
cabinet, put it on the cooperation chain, submit, a coordinator approves, and the public page
shows the chain."""

import re

import pytest

from innocluster.consortia import services
from innocluster.consortia.models import Consortium
from tests import factories
from tests.consortia.test_consortia import participants
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_create_invite_accept_submit_approve_public_chain(page, browser, live_server):
    owner = factories.person(email="lead@example.org")
    lead = factories.organization(owner=owner, short_name="АО «Зеленоград Микро»")
    factories.participant(lead)
    invited_owner = factories.person(email="fab@example.org")
    fab = factories.organization(owner=invited_owner, short_name="ООО «Кремниевая фабрика»")
    factories.participant(fab)
    coordinator = factories.staff("coordinator", email="staff@example.org")

    sign_in(page, owner.email)
    page.goto("/consortia/new/")
    page.get_by_label("Наименование").fill("Кластер микроэлектроники Зеленограда")
    page.get_by_label("Описание").fill("Проектирование и производство микросхем.")
    page.get_by_label("Смежные направления").fill("26, микроэлектроника")
    page.get_by_label("Первый совместный проект").fill("Силовой модуль")
    page.get_by_role("button", name="Создать").click()
    page.get_by_test_id("progress-participants").wait_for()
    consortium = Consortium.objects.get(name="Кластер микроэлектроники Зеленограда")
    assert "1 из 30" in page.get_by_test_id("progress-participants").inner_text()

    for organization, member_owner in participants(28):
        invitation = services.invite(
            actor=owner, consortium=consortium, organization=organization, role="member"
        )
        services.accept_invitation(actor=member_owner, invitation_id=invitation.pk)

    page.get_by_label("ИНН или номер на платформе").fill(fab.inn)
    page.get_by_role("button", name="Пригласить").first.click()
    invited = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(invited, invited_owner.email)
    invited.get_by_test_id("consortium-invitation").get_by_role("button", name="Принять").click()
    invited.get_by_text("Кластер микроэлектроники Зеленограда").first.wait_for()

    page.reload()
    assert "30 из 30" in page.get_by_test_id("progress-participants").inner_text()
    page.locator("select[name=kind]").select_option("manufacturer")
    page.get_by_role("button", name="Добавить роль в цепочку").click()
    page.locator(
        f"[data-testid=chain-{consortium.projects.get().pk}] select[name=organization_id]"
    ).select_option(str(fab.pk))
    page.locator(f"[data-testid=chain-{consortium.projects.get().pk}]").get_by_role(
        "button", name="Сохранить"
    ).click()
    page.get_by_role("button", name="Отправить на рассмотрение").click()
    # the cluster's own words («кластер»: «Подан», «Одобрен»), not an application's «Подана»
    page.get_by_test_id("consortium-status").filter(has_text=re.compile("^Подан$")).wait_for()

    staff = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(staff, coordinator.email)
    staff.goto(f"/staff/desk/{consortium.case_id}/")
    staff.get_by_label("Одобрить").check()
    staff.get_by_role("button", name="Принять решение").click()
    staff.get_by_test_id("case-status").filter(has_text=re.compile("^Одобрен$")).wait_for()

    public = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    public.goto(f"/consortia/{consortium.pk}/")
    chain = public.get_by_test_id(f"chain-{consortium.projects.get().pk}")
    assert "ООО «Кремниевая фабрика»" in chain.inner_text()
    assert "Производитель" in chain.inner_text()
