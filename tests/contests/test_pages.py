"""The contests' pages as people use them: the public catalogue with its countdowns and winners, the
coordinator's form, preview and publication, the participant's solution until the deadline, the
expert's declaration, queue and scoring form (a conflicted expert's 404, blind review leaking
nothing), the ranking and the participant's scores after the results."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation

from innocluster.consortia.models import Consortium, ConsortiumMember
from innocluster.contests import services
from innocluster.contests.models import Contest, ScoreSheet, Solution
from innocluster.contests.views import countdown
from innocluster.organizations.models import OrganizationPerson
from innocluster.reviews import services as reviews
from tests import factories, samples
from tests.contests.conftest import CRITERIA, contest_body, participant_org, person_of, submit

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        factories.sign_in(client, user)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def get(user, path):
    return client_of(user).get(path, **EN)


def post(user, path, data=None, **extra):
    return client_of(user).post(path, data or {}, **EN, **extra)


def time_jump(contest, **delta):
    """The deadline moves into the past: as if the time had come."""
    Contest.objects.filter(pk=contest.pk).update(deadline=timezone.now() - dt.timedelta(**delta))
    contest.refresh_from_db()


def ready(contest, coordinator, experts, pairs):
    """The experts join the pool, declare no conflict and are given the solutions by hand."""
    for expert in experts:
        services.add_expert(actor=coordinator, contest=contest, expert=expert)
        services.declare(actor=expert, contest=contest, conflicts=[])
    for solution, expert in pairs:
        services.assign_by_hand(actor=coordinator, solution=solution, expert=expert)


def score(expert, solution, points, comment=""):
    return services.score(
        actor=expert,
        solution=solution,
        scores=dict(zip(("tech", "econ", "team"), points, strict=True)),
        comment=comment,
    )


@pytest.fixture
def setup(open_contest, companies, coordinator, experts):
    """Two solutions; experts 1 and 2 on the first, expert 3 on the second."""
    (alpha, alpha_owner), (beta, beta_owner) = companies[:2]
    first = submit(open_contest, alpha, alpha_owner, title="Табло «Альфа»")
    second = submit(open_contest, beta, beta_owner, title="Табло «Бета»")
    ready(
        open_contest,
        coordinator,
        experts[:3],
        [(first, experts[0]), (first, experts[1]), (second, experts[2])],
    )
    return open_contest, first, second


class TestCountdown:
    def test_days_hours_minutes_in_words(self):
        now = timezone.now()
        with translation.override("ru"):
            assert countdown(now + dt.timedelta(days=5, hours=3, minutes=7), now) == "ещё 5 дней 3 часа"
            assert countdown(now + dt.timedelta(days=21, hours=2), now) == "ещё 21 день 2 часа"
        with translation.override("en"):
            self.english(now)

    def english(self, now):
        assert countdown(now + dt.timedelta(days=5, hours=3, minutes=7), now) == "5 days 3 hours left"
        assert countdown(now + dt.timedelta(days=1, minutes=30), now) == "1 day left"
        assert countdown(now + dt.timedelta(hours=2, minutes=40), now) == "2 hours 40 minutes left"
        assert countdown(now + dt.timedelta(seconds=20), now) == "1 minute left"
        assert countdown(now - dt.timedelta(seconds=1), now) == ""


class TestCatalogue:
    def test_open_first_with_a_countdown_then_past_with_winners(
        self, open_contest, companies, coordinator, experts
    ):
        (alpha, alpha_owner), (beta, beta_owner) = companies[:2]
        past = services.publish(
            actor=coordinator,
            contest=services.create_contest(
                actor=coordinator,
                **{
                    **contest_body(title="Чистый воздух", winners=1),
                    "deadline": timezone.now() + dt.timedelta(days=1),
                },
            ),
        )
        winner = submit(past, alpha, alpha_owner, title="Датчики пыли")
        loser = submit(past, beta, beta_owner, title="Фильтры")
        ready(past, coordinator, experts[:1], [(winner, experts[0]), (loser, experts[0])])
        score(experts[0], winner, (9, 9, 9))
        score(experts[0], loser, (3, 3, 3))
        time_jump(past, hours=1)
        services.publish_results(actor=coordinator, contest=past)
        draft = services.create_contest(actor=coordinator, **contest_body(title="Черновик"))

        page = text(get(None, "/contests/"))
        assert page.index("Умная остановка") < page.index("Чистый воздух")
        opened = re.search(r'data-testid="open-contests">(.*?)</div>\s*<h2', page).group(1)
        assert "(Moscow time)" in opened and re.search(r"\d+ days? \d+ hours? left|\d+ days? left", opened)
        past_cards = page[page.index('data-testid="past-contests"') :]
        assert "Датчики пыли" in past_cards and alpha.short_name in past_cards
        assert "Фильтры" not in past_cards
        assert "Черновик" not in page and "/contests/new/" not in page

        as_coordinator = text(get(coordinator, "/contests/"))
        assert "Черновик" in as_coordinator and "/contests/new/" in as_coordinator
        assert get(None, f"/contests/{draft.pk}/").status_code == 404
        assert get(coordinator, f"/contests/{draft.pk}/").status_code == 200


class TestTheCoordinatorsForm:
    def form(self, **extra):
        data = {
            "title": "Умный светофор",
            "organiser": "Департамент транспорта",
            "problem": "Пробки на перекрёстках.",
            "requirements": "",
            "reward": "Пилот на 5 перекрёстках",
            "winners": "2",
            "deadline": (timezone.localtime() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "blind": "on",
            "experts_per_solution": "3",
            "criteria-TOTAL_FORMS": "3",
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "20",
        }
        for index, criterion in enumerate(CRITERIA[:2]):
            for key, value in criterion.items():
                data[f"criteria-{index}-{key}"] = value
        data.update(extra)
        return data

    def test_creates_previews_edits_and_publishes(self, coordinator):
        response = post(coordinator, "/contests/new/", self.form(**{"criteria-1-weight": "1,5"}))
        contest = Contest.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/contests/{contest.pk}/"
        assert contest.status == "draft" and contest.blind
        assert [(c.code, str(c.weight)) for c in contest.criteria.all()] == [
            ("tech", "3.0000"),
            ("econ", "1.5000"),
        ]
        preview = text(get(coordinator, f"/contests/{contest.pk}/"))
        assert 'data-testid="preview"' in preview and "(Moscow time)" in preview
        assert f"/contests/{contest.pk}/publish/" in preview and f"/contests/{contest.pk}/edit/" in preview

        edit = get(coordinator, f"/contests/{contest.pk}/edit/")
        assert 'value="Умный светофор"' in text(edit) and 'value="econ"' in text(edit)
        response = post(coordinator, f"/contests/{contest.pk}/edit/", self.form(title="Умный светофор 2.0"))
        assert response.status_code == 302
        contest.refresh_from_db()
        assert contest.title == "Умный светофор 2.0"

        assert post(coordinator, f"/contests/{contest.pk}/publish/").status_code == 302
        contest.refresh_from_db()
        assert contest.status == "open"
        page = text(get(None, f"/contests/{contest.pk}/"))
        assert 'data-testid="preview"' not in page and "Умный светофор 2.0" in page
        # a published contest's rules do not change
        assert post(coordinator, f"/contests/{contest.pk}/edit/", self.form()).status_code == 302
        contest.refresh_from_db()
        assert contest.title == "Умный светофор 2.0"

    def test_a_refusal_shows_on_its_field(self, coordinator):
        response = post(coordinator, "/contests/new/", self.form(**{"criteria-1-weight": "-2"}))
        assert response.status_code == 422
        assert "A weight is a positive number" in text(response)
        response = post(coordinator, "/contests/new/", self.form(**{"criteria-1-code": "tech"}))
        assert response.status_code == 422 and "Two criteria have the same code." in text(response)
        no_criteria = {
            k: v
            for k, v in self.form().items()
            if not k.startswith("criteria-0") and not k.startswith("criteria-1")
        }
        response = post(coordinator, "/contests/new/", no_criteria)
        assert response.status_code == 422 and "Name at least one criterion" in text(response)
        assert not Contest.objects.exists()

    def test_every_refusal_is_said_at_once(self, coordinator):
        form = self.form(
            winners="0",
            **{"criteria-0-weight": "0", "criteria-1-weight": "-1", "criteria-1-code": "tech!"},
        )
        response = post(coordinator, "/contests/new/", form)
        assert response.status_code == 422
        page = text(response)
        # the form's own field and both rows' cells on the same answer, the rows also in the summary
        assert "Ensure this value is greater than or equal to 1." in page
        assert page.count("A weight is a positive number") >= 2
        assert "A code is Latin letters" in page
        assert "Criteria: line 2: code — A code is Latin letters" in page
        assert not Contest.objects.exists()

    def test_other_staff_403_everyone_else_404(self, companies, experts):
        assert get(experts[0], "/contests/new/").status_code == 403
        assert get(companies[0][1], "/contests/new/").status_code == 404
        assert get(None, "/contests/new/").status_code == 302


class TestTheSolution:
    def test_submit_edit_and_files_until_the_deadline_then_refused_clearly(self, open_contest, companies):
        alpha, owner = companies[0]
        contest_page = text(get(owner, f"/contests/{open_contest.pk}/"))
        assert "Submit a solution" in contest_page
        form = get(owner, f"/contests/{open_contest.pk}/solution/")
        assert form.status_code == 200 and alpha.short_name in text(form)
        response = post(
            owner,
            f"/contests/{open_contest.pk}/solution/",
            {"organization": alpha.pk, "title": "Табло", "description": "Прогноз прибытия."},
        )
        assert response.status_code == 302
        solution = Solution.objects.get()
        assert "Change your solution" in text(get(owner, f"/contests/{open_contest.pk}/"))

        response = post(
            owner, f"/contests/{open_contest.pk}/solution/", {"title": "Табло 2", "description": "Точнее."}
        )
        assert response.status_code == 302
        solution.refresh_from_db()
        assert solution.title == "Табло 2"
        upload = SimpleUploadedFile("план.pdf", samples.pdf())
        assert post(owner, f"/contests/solutions/{solution.pk}/files/", {"file": upload}).status_code == 302
        kept = solution.files.get()
        download = client_of(owner).get(f"/contests/solutions/{solution.pk}/files/{kept.pk}/")
        assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
        fake = SimpleUploadedFile("вирус.pdf", b"MZ not a pdf")
        response = client_of(owner).post(
            f"/contests/solutions/{solution.pk}/files/", {"file": fake}, follow=True, **EN
        )
        assert solution.files.count() == 1 and "notice--error" in text(response)

        time_jump(open_contest, seconds=1)
        response = post(
            owner, f"/contests/{open_contest.pk}/solution/", {"title": "Поздно", "description": "Поздно."}
        )
        assert response.status_code == 422
        assert "The deadline has passed: solutions are no longer accepted or changed." in text(response)
        solution.refresh_from_db()
        assert solution.title == "Табло 2"
        page = text(get(owner, f"/contests/{open_contest.pk}/solution/"))
        assert 'data-testid="closed"' in page and 'data-testid="solution-form"' not in page
        # the contest's page says the deadline is behind, not "until" it
        contest_page = text(get(owner, f"/contests/{open_contest.pk}/"))
        assert 'data-testid="deadline">solutions were accepted until' in contest_page
        upload = SimpleUploadedFile("поздно.pdf", samples.pdf())
        post(owner, f"/contests/solutions/{solution.pk}/files/", {"file": upload})
        assert solution.files.count() == 1

    def test_a_late_first_submission_is_refused_too(self, open_contest, companies):
        alpha, owner = companies[0]
        time_jump(open_contest, seconds=1)
        response = post(
            owner,
            f"/contests/{open_contest.pk}/solution/",
            {"organization": alpha.pk, "title": "Табло", "description": "Прогноз."},
        )
        assert response.status_code == 422 and "The deadline has passed" in text(response)
        assert not Solution.objects.exists()

    def test_a_member_cannot_submit_and_others_do_not_see_it(self, open_contest, companies):
        alpha, owner = companies[0]
        solution = submit(open_contest, alpha, owner)
        member = factories.person()
        OrganizationPerson.objects.create(organization=alpha, person=member, role="member")
        assert get(member, f"/contests/solutions/{solution.pk}/").status_code == 200  # sees, waits
        stranger = companies[1][1]
        assert get(stranger, f"/contests/solutions/{solution.pk}/").status_code == 404
        assert get(None, f"/contests/solutions/{solution.pk}/").status_code == 302


class TestTheExpert:
    def test_declaration_first_then_the_queue(self, open_contest, companies, coordinator, experts):
        alpha, owner = companies[0]
        (beta, beta_owner) = companies[1]
        solution = submit(open_contest, alpha, owner)
        other = submit(open_contest, beta, beta_owner)
        expert = experts[0]
        services.add_expert(actor=coordinator, contest=open_contest, expert=expert)
        response = get(expert, f"/contests/{open_contest.pk}/review/")
        assert (
            response.status_code == 302
            and response["Location"] == f"/contests/{open_contest.pk}/declaration/"
        )
        assert (
            get(experts[1], f"/contests/{open_contest.pk}/declaration/").status_code == 404
        )  # not in the pool
        cabinet = text(get(expert, "/cabinet/"))
        assert f"/contests/{open_contest.pk}/declaration/" in cabinet

        response = post(expert, f"/contests/{open_contest.pk}/declaration/", {"conflicts": ""})
        assert response.status_code == 422 and "I have no conflicts of interest" in text(response)
        response = post(expert, f"/contests/{open_contest.pk}/declaration/", {"conflicts": "7707083893999"})
        assert response.status_code == 422 and "No organisation on the platform" in text(response)
        response = post(expert, f"/contests/{open_contest.pk}/declaration/", {"conflicts": f"{beta.inn}\n"})
        assert response.status_code == 302 and response["Location"] == f"/contests/{open_contest.pk}/review/"
        assert list(open_contest.pool.get(expert=expert).declared_conflicts.all()) == [beta]

        assert 'data-testid="queue"' in text(get(expert, f"/contests/{open_contest.pk}/review/"))
        services.assign_by_hand(actor=coordinator, solution=solution, expert=expert)
        queue = text(get(expert, f"/contests/{open_contest.pk}/review/"))
        assert (
            f"/contests/solutions/{solution.pk}/" in queue and f"/contests/solutions/{other.pk}/" not in queue
        )
        assert "1 solution not scored yet" in queue
        assert "1 solution to score" in text(get(expert, "/cabinet/"))

    def test_a_conflicted_expert_gets_404_on_the_solution_its_files_and_its_scores(self, setup, experts):
        _contest, first, _second = setup
        kept = services.add_file(
            actor=first.submitted_by, solution=first, upload=SimpleUploadedFile("план.pdf", samples.pdf())
        )
        expert = experts[0]
        assert get(expert, f"/contests/solutions/{first.pk}/").status_code == 200
        # the expert's organisation joins the submitter's active cluster: a conflict, whatever the
        # assignment says
        partner, _owner = participant_org("ООО «Партнёр Альфы»")
        person_of(partner, expert)
        alpha, alpha_owner = first.organization, first.submitted_by
        case = reviews.import_case(
            kind="consortium", organization=alpha, applicant=alpha_owner, title="Кластер", status="approved"
        )
        consortium = Consortium.objects.create(
            name="Кластер", description="—", coordinator=alpha, case=case, created_by=alpha_owner
        )
        ConsortiumMember.objects.create(consortium=consortium, organization=alpha, role="coordinator")
        ConsortiumMember.objects.create(consortium=consortium, organization=partner, role="member")
        assert get(expert, f"/contests/solutions/{first.pk}/").status_code == 404
        assert get(expert, f"/contests/solutions/{first.pk}/files/{kept.pk}/").status_code == 404
        response = post(
            expert,
            f"/contests/solutions/{first.pk}/scores/",
            {"points_tech": "5", "points_econ": "5", "points_team": "5"},
        )
        assert response.status_code == 404
        assert not ScoreSheet.objects.exists()
        # an unassigned expert too
        assert get(experts[2], f"/contests/solutions/{first.pk}/").status_code == 404
        assert get(experts[2], f"/contests/solutions/{first.pk}/files/{kept.pk}/").status_code == 404
        assert post(experts[2], f"/contests/solutions/{first.pk}/scores/", {}).status_code == 404

    def test_blind_review_leaks_neither_the_organisation_nor_others_scores(self, setup, experts):
        contest, first, _second = setup
        score(experts[1], first, (10, 1, 4), comment="Уникальное замечание второго эксперта")
        page = text(get(experts[0], f"/contests/solutions/{first.pk}/"))
        assert first.title in page and 'data-testid="score-form"' in page
        assert first.organization.short_name not in page and first.organization.inn not in page
        assert "Уникальное замечание" not in page and 'data-testid="aggregate"' not in page
        assert experts[1].full_name not in page
        queue = text(get(experts[0], f"/contests/{contest.pk}/review/"))
        assert first.organization.short_name not in queue

        response = post(
            experts[0],
            f"/contests/solutions/{first.pk}/scores/",
            {"points_tech": "8", "points_econ": "6", "points_team": "7", "comment": "Хорошо."},
        )
        assert response.status_code == 302
        page = text(get(experts[0], f"/contests/solutions/{first.pk}/"))
        assert "Уникальное замечание" in page and 'data-testid="aggregate"' in page
        assert first.organization.short_name not in page and experts[1].full_name not in page
        assert 'value="8"' in page and "Хорошо." in page  # the form keeps their scores
        assert "Score so far, yours included" in page and 'data-testid="no-sheets"' not in page

    def test_the_only_expert_who_scored_is_not_told_there_is_no_score(self, setup, experts):
        """It said "Score so far: 6.54" and, below, "No score yet" under "Other experts' scores"."""
        _contest, first, _second = setup
        score(experts[0], first, (8, 6, 7))
        page = text(get(experts[0], f"/contests/solutions/{first.pk}/"))
        assert 'data-testid="aggregate"' in page and "No other expert has scored it yet." in page
        assert "No score yet." not in page

    def test_open_review_shows_the_organisation(self, setup, experts):
        contest, first, _second = setup
        Contest.objects.filter(pk=contest.pk).update(blind=False)
        page = text(get(experts[0], f"/contests/solutions/{first.pk}/"))
        assert first.organization.short_name in page

    def test_open_review_does_not_count_a_score_the_expert_has_not_given(self, setup, experts):
        # "Score so far, yours included" stood above "not scored yet"
        contest, first, _second = setup
        Contest.objects.filter(pk=contest.pk).update(blind=False)
        score(experts[1], first, (8, 6, 7))
        page = text(get(experts[0], f"/contests/solutions/{first.pk}/"))
        assert "Score so far, without yours: you have not scored it yet" in page
        assert "yours included" not in page

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("points_tech", "11", "less than or equal to 10"),
            ("points_tech", "-1", "greater than or equal to 0"),
            ("points_econ", "7.5", "Enter a whole number."),
            ("points_team", "", "This field is required."),
        ],
    )
    def test_bad_scores_are_a_422_with_the_fields_error(self, setup, experts, field, value, error):
        _contest, first, _second = setup
        data = {"points_tech": "5", "points_econ": "5", "points_team": "5", field: value}
        if not value:
            del data[field]
        response = post(experts[0], f"/contests/solutions/{first.pk}/scores/", data)
        assert response.status_code == 422
        page = text(response)
        assert error in page
        assert re.search(
            rf'name="{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="{field}"', page
        )
        assert not ScoreSheet.objects.exists()


class TestResults:
    def test_a_solution_nobody_scored_is_named_before_the_results_are_published(
        self, setup, coordinator, experts
    ):
        """Published without a warning, it ranked last, "not scored, 0 experts", in public."""
        contest, first, _second = setup
        score(experts[0], first, (8, 6, 7))
        time_jump(contest, minutes=5)
        page = text(get(coordinator, f"/contests/{contest.pk}/"))
        unscored = re.search(r'data-testid="unscored">(.*?)</div>', page, re.S).group(1)
        assert "Табло «Бета»" in unscored and "Табло «Альфа»" not in unscored
        refused = text(post(coordinator, f"/contests/{contest.pk}/publish-results/", follow=True))
        contest.refresh_from_db()
        assert contest.status != "results_published"  # not without the confirmation
        assert "1 solution has no score" in refused
        post(coordinator, f"/contests/{contest.pk}/publish-results/", {"confirm_unscored": "on"})
        contest.refresh_from_db()
        assert contest.status == "results_published"

    def test_the_coordinator_ranks_publishes_and_the_participant_sees_its_scores(
        self, setup, coordinator, experts, companies
    ):
        contest, first, second = setup
        score(experts[0], first, (8, 6, 7), comment="Сильная команда.")
        score(experts[1], first, (2, 6, 7), comment="Слабая техника.")
        score(experts[2], second, (5, 5, 5))
        page = text(get(coordinator, f"/contests/{contest.pk}/"))
        ranking = re.search(r'data-testid="ranking">(.*?)</table>', page).group(1)
        assert ranking.index("Табло «Альфа»") < ranking.index("Табло «Бета»")
        assert "experts disagree" in ranking  # 8 and 2 on tech: a deviation of 3
        assert 'data-testid="publish-results"' not in page  # before the deadline
        sheets = text(get(coordinator, f"/contests/solutions/{first.pk}/"))
        assert experts[0].full_name in sheets and "Сильная команда." in sheets
        # before the results, the participant waits and sees nothing of the scores
        owner = companies[0][1]
        waiting = text(get(owner, f"/contests/solutions/{first.pk}/"))
        assert 'data-testid="waiting"' in waiting and "Сильная команда." not in waiting
        assert get(None, f"/contests/{contest.pk}/").status_code == 200
        assert 'data-testid="ranking"' not in text(get(None, f"/contests/{contest.pk}/"))

        time_jump(contest, minutes=5)
        page = text(get(coordinator, f"/contests/{contest.pk}/"))
        assert 'data-testid="publish-results"' in page
        assert post(coordinator, f"/contests/{contest.pk}/publish-results/").status_code == 302
        contest.refresh_from_db()
        assert contest.status == "results_published"

        public = text(get(None, f"/contests/{contest.pk}/"))
        assert 'data-testid="ranking"' in public and "Табло «Альфа»" in public
        assert experts[0].full_name not in public
        mine = text(get(owner, f"/contests/solutions/{first.pk}/"))
        means = re.search(r'data-testid="criterion-scores">(.*?)</table>', mine).group(1)
        assert "5.00" in means and "6.00" in means and "7.00" in means  # tech (8+2)/2, econ, team
        assert "Сильная команда." in mine and "Слабая техника." in mine
        assert experts[0].full_name not in mine and experts[1].full_name not in mine
        assert 'data-testid="winner"' in mine and 'data-testid="pilot-form"' in mine
        # scores no longer change
        response = post(
            experts[0],
            f"/contests/solutions/{first.pk}/scores/",
            {"points_tech": "1", "points_econ": "1", "points_team": "1"},
        )
        assert response.status_code == 422

    def test_a_winner_turns_its_prize_into_a_pilot_request(self, setup, coordinator, experts, companies):
        from innocluster.pilots import services as pilots

        contest, first, _second = setup
        score(experts[0], first, (8, 6, 7))
        time_jump(contest, minutes=5)
        services.publish_results(actor=coordinator, contest=contest)
        site = pilots.create_site(
            actor=coordinator,
            organization=companies[2][0],
            name="Остановка на Тверской",
            category="transport",
            address="Москва",
            testable="Табло",
            capacity=1,
            contact_email="site@example.org",
        )
        owner = companies[0][1]
        response = post(owner, f"/contests/solutions/{first.pk}/pilot/", {"site": site.pk})
        assert response.status_code == 302
        assert response["Location"].startswith(f"/pilots/sites/{site.pk}/request/?product=")
        form = text(client_of(owner).get(response["Location"], **EN))
        assert 'value="Табло «Альфа»"' in form
        assert contest.title in form
        assert (
            post(companies[1][1], f"/contests/solutions/{first.pk}/pilot/", {"site": site.pk}).status_code
            == 404
        )


class TestAssignmentPage:
    def test_automatic_assignment_shows_pairs_exclusions_and_what_is_missing(
        self, open_contest, companies, coordinator, experts
    ):
        (alpha, alpha_owner), (beta, beta_owner) = companies[:2]
        first = submit(open_contest, alpha, alpha_owner, title="Табло «Альфа»")
        submit(open_contest, beta, beta_owner, title="Табло «Бета»")
        response = post(coordinator, f"/contests/{open_contest.pk}/experts/", {"expert": experts[0].pk})
        assert response.status_code == 302
        for expert in experts[1:3]:
            post(coordinator, f"/contests/{open_contest.pk}/experts/", {"expert": expert.pk})
        assert open_contest.pool.count() == 3
        services.declare(actor=experts[0], contest=open_contest, conflicts=[alpha.pk])
        services.declare(actor=experts[1], contest=open_contest, conflicts=[])
        response = client_of(coordinator).post(
            f"/contests/{open_contest.pk}/assign/", {"experts_per_solution": "2"}, follow=True, **EN
        )
        page = text(response)
        result = re.search(r'data-testid="assignment-result">(.*?)</section>', page).group(1)
        assert "declared by the expert" in result and experts[0].full_name in result
        assert experts[2].full_name in re.search(r'data-testid="undeclared">(.*?)</p>', result).group(1)
        assert "Табло «Альфа»: 1 expert missing" in result
        # the message at the top says so too, before the coordinator scrolls to the result
        assert "Experts assigned, but 1 solution lacks experts: the result is below." in page
        assert first.assignments.count() == 1
        # the result is shown once
        assert 'data-testid="assignment-result"' not in text(
            get(coordinator, f"/contests/{open_contest.pk}/")
        )
        # by hand, a conflicted pair is refused on the form
        response = post(
            coordinator,
            f"/contests/{open_contest.pk}/assign-by-hand/",
            {"solution": first.pk, "expert": experts[0].pk},
        )
        assert response.status_code == 422 and "conflict of interest" in text(response)
