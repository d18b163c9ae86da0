"""A technology contest in a real browser: a coordinator drafts a challenge, previews and publishes
it; a participant submits its solution with a file; the coordinator adds two experts, who declare
their conflicts (one is tied to the other company), and assigns automatically; the experts score;
after the deadline the coordinator publishes the results and the winner sees its place."""

import datetime as dt

import pytest
from django.utils import timezone

from innocluster.contests import services
from innocluster.contests.models import Assignment, Contest, ScoreSheet, Solution
from tests import factories, samples
from tests.e2e.test_membership_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def new_page(browser, live_server):
    return browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()


def test_publish_submit_assign_score_and_publish_results(page, browser, live_server, tmp_path):
    coordinator = factories.staff("coordinator", email="coord@example.org")
    experts = [
        factories.staff("expert", email=f"expert{n}@example.org", full_name=name)
        for n, name in ((1, "Алла Экспертова"), (2, "Борис Судейкин"))
    ]
    owner = factories.person(email="alpha@example.org", full_name="Игорь Альфин")
    alpha = factories.organization(owner=owner, short_name="ООО «Альфа-Транс»")
    factories.participant(alpha)
    beta_owner = factories.person(email="beta@example.org", full_name="Вера Бетина")
    beta = factories.organization(owner=beta_owner, short_name="ООО «Бета-Навигация»")
    factories.participant(beta)

    # the coordinator drafts the challenge, previews it and publishes it
    sign_in(page, coordinator.email)
    page.goto("/contests/")
    page.get_by_test_id("new-contest").click()
    form = page.get_by_test_id("contest-form")
    form.locator("input[name=title]").fill("Умная остановка")
    form.locator("input[name=organiser]").fill("Департамент транспорта")
    form.locator("textarea[name=problem]").fill("Пассажиры не знают, когда придёт автобус.")
    form.locator("textarea[name=reward]").fill("Пилот на 10 остановках")
    form.locator("input[name=winners]").fill("1")
    deadline = (timezone.localtime() + dt.timedelta(days=14)).replace(hour=18, minute=0)
    form.locator("input[name=deadline]").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    form.locator("input[name=experts_per_solution]").fill("2")
    form.locator("input[name=criteria-0-code]").fill("tech")
    form.locator("input[name=criteria-0-name]").fill("Техническая зрелость")
    form.locator("input[name=criteria-0-weight]").fill("3")
    page.locator("[data-add-criterion]").click()  # a fourth row, after three empty
    form.locator("input[name=criteria-3-code]").fill("econ")
    form.locator("input[name=criteria-3-name]").fill("Экономический эффект")
    form.locator("input[name=criteria-3-weight]").fill("1,5")
    page.get_by_test_id("save-contest").click()
    page.get_by_test_id("preview").wait_for()
    contest = Contest.objects.get()
    assert contest.status == "draft" and timezone.localtime(contest.deadline) == deadline.replace(
        second=0, microsecond=0
    )
    assert [c.code for c in contest.criteria.all()] == ["tech", "econ"]
    page.get_by_test_id("publish").click()
    page.locator("[data-testid=contest-status][data-status=open]").wait_for()
    assert page.get_by_test_id("countdown").inner_text().strip()

    # the participant submits its solution and a file from the contest's page
    company = new_page(browser, live_server)
    sign_in(company, owner.email)
    company.goto(f"/contests/{contest.pk}/")
    company.get_by_test_id("submit-solution").click()
    company.locator("input[name=title]").fill("Табло с прогнозом прибытия")
    company.locator("textarea[name=description]").fill("Табло на солнечной батарее.")
    company.get_by_test_id("save-solution").click()
    company.get_by_test_id("upload-form").wait_for()
    plan = tmp_path / "план.pdf"
    plan.write_bytes(samples.pdf())
    company.locator("input[name=file]").set_input_files(str(plan))
    company.get_by_test_id("upload-form").locator("button[type=submit]").click()
    company.get_by_test_id("files").get_by_role("link", name="план.pdf").wait_for()
    solution = Solution.objects.get(organization=alpha)
    assert solution.files.count() == 1
    contest.refresh_from_db()
    other = services.submit_solution(
        actor=beta_owner, contest=contest, organization=beta, title="Навигатор", description="Приложение."
    )

    # the coordinator adds the two experts to the pool
    page.reload()
    for expert in experts:
        page.get_by_test_id("add-expert-form").locator("select[name=expert]").select_option(str(expert.pk))
        page.get_by_test_id("add-expert-form").locator("button[type=submit]").click()
        page.get_by_test_id("pool").get_by_text(expert.full_name).wait_for()

    # each expert declares: the first has no conflict, the second is tied to Beta (by its INN)
    juries = []
    for expert, conflicts in zip(experts, ("", beta.inn), strict=True):
        jury = new_page(browser, live_server)
        sign_in(jury, expert.email)
        jury.goto(f"/contests/{contest.pk}/review/")  # before the declaration: sent to declare
        jury.get_by_test_id("declaration-form").wait_for()
        if conflicts:
            jury.locator("textarea[name=conflicts]").fill(conflicts)
        else:
            jury.locator("input[name=none]").check()
        jury.get_by_test_id("declare").click()
        jury.get_by_test_id("queue").wait_for()
        juries.append(jury)

    # automatic assignment, two experts a solution: Beta's misses the conflicted one
    page.reload()
    page.get_by_test_id("assign-form").locator("input[name=experts_per_solution]").fill("2")
    page.get_by_test_id("assign").click()
    result = page.get_by_test_id("assignment-result")
    result.wait_for()
    exclusions = result.get_by_test_id("exclusions").inner_text()
    assert experts[1].full_name in exclusions and "Навигатор" in exclusions
    assert "Навигатор" in result.get_by_test_id("unfilled").inner_text()
    assert set(Assignment.objects.values_list("solution_id", "expert_id")) == {
        (solution.pk, experts[0].pk),
        (solution.pk, experts[1].pk),
        (other.pk, experts[0].pk),
    }

    # the experts score from their queues
    points = {
        (experts[0].pk, solution.pk): ("9", "8"),
        (experts[1].pk, solution.pk): ("8", "9"),
        (experts[0].pk, other.pk): ("4", "5"),
    }
    for expert, jury in zip(experts, juries, strict=True):
        jury.reload()
        for target in (solution, other):
            if (expert.pk, target.pk) not in points:
                continue
            jury.get_by_test_id("queue").get_by_role("link", name=target.title).click()
            tech, econ = points[(expert.pk, target.pk)]
            assert "ООО «Альфа-Транс»" not in jury.locator("#main").inner_text()  # blind review
            jury.locator("input[name=points_tech]").fill(tech)
            jury.locator("input[name=points_econ]").fill(econ)
            jury.locator("textarea[name=comment]").fill(f"Оценка {tech}/{econ}.")
            jury.get_by_test_id("save-scores").click()
            jury.locator("[data-testid=sheet-status][data-status=scored]").wait_for()
            jury.goto(f"/contests/{contest.pk}/review/")
    assert ScoreSheet.objects.count() == 3

    # the deadline passes (a time jump); the coordinator publishes the results
    Contest.objects.filter(pk=contest.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    page.goto(f"/contests/{contest.pk}/")
    assert "Табло с прогнозом прибытия" in page.get_by_test_id("ranking").inner_text()
    page.get_by_test_id("publish-results").click()
    page.locator("[data-testid=contest-status][data-status=results_published]").wait_for()
    contest.refresh_from_db()
    assert contest.status == "results_published"

    # the winner sees its place, its scores and the comments without the experts' names
    company.goto(f"/contests/{contest.pk}/")
    company.get_by_test_id("own-solution").click()
    company.get_by_test_id("winner").wait_for()
    assert "1" in company.get_by_test_id("place").inner_text()
    mine = company.locator("#main").inner_text()
    assert "Оценка 9/8." in mine and "Оценка 8/9." in mine
    assert all(expert.full_name not in mine for expert in experts)
    company.get_by_test_id("pilot-form").wait_for()
