"""Technology contests (SPEC C7) through the API: the challenge, one solution per organisation
before the deadline, the experts' declarations and conflicts, the assignment, whole-point scores,
blind review, the published results and the exact ranking."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from innocluster.accounts.services import issue_token
from innocluster.accounts.services.roles import set_roles
from innocluster.consortia.models import Consortium, ConsortiumMember
from innocluster.contests import services
from innocluster.contests.models import Assignment, Contest, ScoreSheet, Solution
from innocluster.core.models import AuditEvent, Notification
from innocluster.reviews import services as reviews
from tests import factories
from tests.conftest import ApiClient
from tests.contests.conftest import contest_body, participant_org, person_of, submit

pytestmark = pytest.mark.django_db


def declared(contest, experts, conflicts=()):
    for expert in experts:
        services.add_expert(actor=contest.created_by, contest=contest, expert=expert)
        services.declare(actor=expert, contest=contest, conflicts=list(conflicts))


def after_deadline(contest, seconds=1):
    return time_machine.travel(contest.deadline + dt.timedelta(seconds=seconds), tick=False)


class TestTheChallenge:
    def test_a_coordinator_drafts_then_publishes(self, api, coordinator, companies):
        response = api.as_(coordinator).post("/contests", contest_body())
        assert response.status_code == 201, response.content
        created = response.json()
        assert created == {"id": created["id"], "status": "draft"}
        contest = Contest.objects.get()
        assert [(c.code, str(c.weight)) for c in contest.criteria.all()] == [
            ("tech", "3.0000"),
            ("econ", "1.5000"),
            ("team", "0.5000"),
        ]
        # a draft is the coordinator's: the public and participants do not see it
        _org, owner = companies[0]
        assert api.get(f"/contests/{contest.pk}").status_code == 404
        assert api.as_(owner).get(f"/contests/{contest.pk}").status_code == 404
        assert api.as_(coordinator).get(f"/contests/{contest.pk}").json()["status"] == "draft"
        published = api.as_(coordinator).post(f"/contests/{contest.pk}/publish")
        assert published.json() == {"id": contest.pk, "status": "open"}
        assert api.get(f"/contests/{contest.pk}").json()["status"] == "open"

    def test_a_deadline_without_an_offset_is_moscow_time(self, api, coordinator):
        api.as_(coordinator).post("/contests", contest_body(deadline="2027-03-01T18:00"))
        assert Contest.objects.get().deadline == dt.datetime(2027, 3, 1, 15, 0, tzinfo=dt.UTC)

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"criteria": []}, "criteria"),
            ({"criteria": [{"code": "tech", "name": "Т", "weight": "0"}]}, "criteria.0.weight"),
            ({"criteria": [{"code": "tech", "name": "Т", "weight": "-1"}]}, "criteria.0.weight"),
            ({"criteria": [{"code": "tech", "name": "Т", "weight": "много"}]}, "criteria.0.weight"),
            (
                {
                    "criteria": [
                        {"code": "a", "name": "A", "weight": 1},
                        {"code": "a", "name": "B", "weight": 1},
                    ]
                },
                "criteria.1.code",
            ),
            ({"winners": 0}, "winners"),
            ({"deadline": "завтра"}, "deadline"),
            ({"title": "Т" * 2000}, "title"),
        ],
    )
    def test_bad_input_is_a_422_naming_the_field(self, api, coordinator, change, field):
        response = api.as_(coordinator).post("/contests", contest_body(**change))
        assert response.status_code == 422
        assert response.json()["details"]["field"] == field
        assert not Contest.objects.exists()

    def test_only_coordinators_create(self, api, companies, experts):
        _org, owner = companies[0]
        for user in (owner, experts[0]):
            assert api.as_(user).post("/contests", contest_body()).status_code == 403
        assert api.post("/contests", contest_body()).status_code == 401


class TestSolutions:
    def test_one_solution_per_organisation_before_the_deadline(self, api, open_contest, companies):
        organization, owner = companies[0]
        body = {"organization_id": organization.pk, "title": "Табло", "description": "Прогноз прибытия."}
        first = api.as_(owner).post(f"/contests/{open_contest.pk}/solutions", body)
        assert first.status_code == 201
        answer = first.json()
        assert (answer["status"], answer["submitted_at"]) == (
            "submitted",
            Solution.objects.get().submitted_at.isoformat(),
        )
        second = api.as_(owner).post(f"/contests/{open_contest.pk}/solutions", body)
        assert (second.status_code, second.json()["code"]) == (422, "already_submitted")
        assert Solution.objects.count() == 1

    def test_one_second_after_the_deadline_is_too_late(self, api, open_contest, companies):
        (early_org, early), (late_org, late) = companies[0], companies[1]
        with time_machine.travel(open_contest.deadline - dt.timedelta(seconds=1), tick=False):
            on_time = api.as_(early).post(
                f"/contests/{open_contest.pk}/solutions",
                {"organization_id": early_org.pk, "title": "Вовремя", "description": "Успели."},
            )
        assert on_time.status_code == 201
        with after_deadline(open_contest):
            response = api.as_(late).post(
                f"/contests/{open_contest.pk}/solutions",
                {"organization_id": late_org.pk, "title": "Поздно", "description": "Не успели."},
            )
            assert (response.status_code, response.json()["code"]) == (422, "deadline_passed")
            solution = Solution.objects.get()
            with pytest.raises(Exception) as refused:
                services.update_solution(actor=early, solution=solution, title="Иначе", description="Иначе.")
            assert refused.value.code == "deadline_passed"
        solution.refresh_from_db()
        assert solution.title == "Вовремя"

    def test_someone_else_cannot_submit_for_an_organisation(self, api, open_contest, companies):
        organization, _owner = companies[0]
        _other, stranger = companies[1]
        response = api.as_(stranger).post(
            f"/contests/{open_contest.pk}/solutions",
            {"organization_id": organization.pk, "title": "Чужое", "description": "Нет."},
        )
        assert response.status_code == 404 and not Solution.objects.exists()


class TestExpertsAndConflicts:
    def test_declaration_first_then_only_assigned_unconflicted_solutions(
        self, api, open_contest, companies, experts
    ):
        coordinator = open_contest.created_by
        solutions = [submit(open_contest, org, owner) for org, owner in companies]
        expert = experts[0]
        assert (
            api.as_(coordinator)
            .post(f"/contests/{open_contest.pk}/experts", {"user_id": expert.pk})
            .status_code
            == 201
        )
        listed = api.as_(expert).get(f"/contests/{open_contest.pk}/solutions")
        assert (listed.status_code, listed.json()["code"]) == (403, "declaration_required")
        scored = api.as_(expert).post(
            f"/solutions/{solutions[0].pk}/scores", {"scores": {"tech": 5, "econ": 5, "team": 5}}
        )
        assert (scored.status_code, scored.json()["code"]) == (403, "declaration_required")
        # a declaration says "none" with an empty list: leaving the list out is no declaration
        silent = api.as_(expert).post(f"/contests/{open_contest.pk}/declaration", {})
        assert (silent.status_code, silent.json()["details"]["field"]) == (422, "conflicts")
        declared = api.as_(expert).post(
            f"/contests/{open_contest.pk}/declaration", {"conflicts": [companies[2][0].pk]}
        )
        assert declared.status_code == 200
        assert (
            api.as_(expert).get(f"/contests/{open_contest.pk}/solutions").json() == []
        )  # nothing assigned yet
        answer = (
            api.as_(coordinator)
            .post(f"/contests/{open_contest.pk}/assign", {"experts_per_solution": 1})
            .json()
        )
        assert answer["assignments"] == [
            {"solution_id": solutions[0].pk, "expert_id": expert.pk},
            {"solution_id": solutions[1].pk, "expert_id": expert.pk},
        ]
        assert answer["unfilled"] == [{"solution_id": solutions[2].pk, "missing": 1}]
        assert {"solution_id": solutions[2].pk, "expert_id": expert.pk, "reason": "declared"} in answer[
            "exclusions"
        ]
        seen = api.as_(expert).get(f"/contests/{open_contest.pk}/solutions").json()
        assert [s["id"] for s in seen] == [solutions[0].pk, solutions[1].pk]
        assert {s["organization_id"] for s in seen} == {None}  # blind review
        conflicted = api.as_(expert).post(
            f"/solutions/{solutions[2].pk}/scores", {"scores": {"tech": 5, "econ": 5, "team": 5}}
        )
        assert conflicted.status_code == 404

    def test_a_person_of_the_organisation_or_of_a_fellow_consortium_member_is_never_assigned(
        self, api, open_contest, companies, experts
    ):
        coordinator = open_contest.created_by
        (alpha, _), (beta, beta_owner), _gamma = companies
        solutions = [submit(open_contest, org, owner) for org, owner in companies]
        own, fellow, free = experts[:3]
        person_of(alpha, own)  # a person of the submitting organisation
        partner, _ = participant_org("ООО «Партнёр Беты»")
        person_of(partner, fellow)  # of an organisation in the same active consortium as Beta
        case = reviews.import_case(
            kind="consortium", organization=beta, applicant=beta_owner, title="Кластер", status="approved"
        )
        consortium = Consortium.objects.create(
            name="Кластер", description="—", coordinator=beta, case=case, created_by=beta_owner
        )
        ConsortiumMember.objects.create(consortium=consortium, organization=beta, role="coordinator")
        ConsortiumMember.objects.create(consortium=consortium, organization=partner, role="member")
        declared(open_contest, [own, fellow, free])
        answer = (
            api.as_(coordinator)
            .post(f"/contests/{open_contest.pk}/assign", {"experts_per_solution": 3})
            .json()
        )
        pairs = {(a["solution_id"], a["expert_id"]) for a in answer["assignments"]}
        assert (solutions[0].pk, own.pk) not in pairs and (solutions[1].pk, fellow.pk) not in pairs
        assert {"solution_id": solutions[0].pk, "expert_id": own.pk, "reason": "same_organisation"} in answer[
            "exclusions"
        ]
        assert {
            "solution_id": solutions[1].pk,
            "expert_id": fellow.pk,
            "reason": "same_consortium",
        } in answer["exclusions"]
        assert sorted((u["solution_id"], u["missing"]) for u in answer["unfilled"]) == [
            (solutions[0].pk, 1),
            (solutions[1].pk, 1),
        ]
        assert Assignment.objects.count() == len(pairs) == 7
        # the own organisation's solution is a 404 to that expert, whatever they try
        assert (
            api.as_(own)
            .post(f"/solutions/{solutions[0].pk}/scores", {"scores": {"tech": 1, "econ": 1, "team": 1}})
            .status_code
            == 404
        )


class TestScoresAndResults:
    @pytest.fixture
    def scored_setup(self, open_contest, companies, experts):
        solutions = [submit(open_contest, org, owner) for org, owner in companies]
        declared(open_contest, experts[:2])
        services.auto_assign(actor=open_contest.created_by, contest=open_contest, experts_per_solution=2)
        return open_contest, solutions, experts[:2]

    @pytest.mark.parametrize(
        "scores",
        [
            {"tech": 11, "econ": 5, "team": 5},
            {"tech": -1, "econ": 5, "team": 5},
            {"tech": 7.5, "econ": 5, "team": 5},
            {"tech": "7", "econ": 5, "team": 5},
            {"tech": True, "econ": 5, "team": 5},
            {"tech": 7, "econ": 5},
            {"tech": 7, "econ": 5, "team": 5, "luck": 3},
        ],
    )
    def test_bad_scores_are_a_clear_422(self, api, scored_setup, scores):
        _contest, solutions, (expert, _other) = scored_setup
        response = api.as_(expert).post(f"/solutions/{solutions[0].pk}/scores", {"scores": scores})
        assert response.status_code == 422
        assert response.json()["details"]["field"].startswith("scores.")

    def test_a_solution_changed_after_it_was_scored_is_scored_again(self, api, scored_setup, companies):
        contest, (first, _second, _third), (e1, e2) = scored_setup
        for expert in (e1, e2):
            assert (
                api.as_(expert)
                .post(f"/solutions/{first.pk}/scores", {"scores": {"tech": 8, "econ": 7, "team": 9}})
                .status_code
                == 200
            )
        # saved as it was: nothing changed, the scores stand and nobody is told
        services.update_solution(
            actor=companies[0][1], solution=first, title=first.title, description=first.description
        )
        assert ScoreSheet.objects.filter(solution=first).count() == 2
        assert not AuditEvent.objects.filter(
            action__in=["contest.scores_voided", "contest.solution_changed"]
        ).exists()
        # the company rewrites it before the deadline: the scores were for the text as it was
        services.update_solution(
            actor=companies[0][1], solution=first, title=first.title, description="Другое решение."
        )
        assert not ScoreSheet.objects.filter(solution=first).exists()
        voided = AuditEvent.objects.get(action="contest.scores_voided")
        assert sorted(sheet["expert"] for sheet in voided.data["sheets"]) == sorted([e1.pk, e2.pk])
        assert voided.data["sheets"][0]["scores"] == {"tech": 8, "econ": 7, "team": 9}
        assert {n.recipient_id for n in Notification.objects.filter(kind="contest.scores_voided")} == {
            e1.pk,
            e2.pk,
        }
        with after_deadline(contest):
            row = next(
                r
                for r in api.as_(contest.created_by).get(f"/contests/{contest.pk}/ranking").json()
                if r["solution_id"] == first.pk
            )
        assert row["experts"] == 0
        # an expert scores the new text; an unchanged solution keeps its scores
        assert (
            api.as_(e1)
            .post(f"/solutions/{first.pk}/scores", {"scores": {"tech": 5, "econ": 5, "team": 5}})
            .status_code
            == 200
        )
        assert ScoreSheet.objects.filter(solution=first).count() == 1

    def test_the_ranking_is_the_exact_weighted_mean_ties_to_the_earlier_submission(self, api, scored_setup):
        contest, (first, second, third), (e1, e2) = scored_setup
        points = {
            # (3×7.5 + 1.5×7.5 + 0.5×7) / 5 = 7.45
            first: ({"tech": 8, "econ": 6, "team": 10}, {"tech": 7, "econ": 9, "team": 4}),
            # 7.2 each: the second was submitted before the third
            second: ({"tech": 7, "econ": 8, "team": 6}, {"tech": 7, "econ": 8, "team": 6}),
            third: ({"tech": 6, "econ": 10, "team": 6}, {"tech": 6, "econ": 10, "team": 6}),
        }
        for solution, (a, b) in points.items():
            assert (
                api.as_(e1)
                .post(f"/solutions/{solution.pk}/scores", {"scores": a, "comment": "—"})
                .status_code
                == 200
            )
            assert api.as_(e2).post(f"/solutions/{solution.pk}/scores", {"scores": b}).status_code == 200
        # before the results: the coordinator sees the ranking, the public does not, and a
        # participant reads no scores yet
        assert api.get(f"/contests/{contest.pk}/ranking").status_code == 404
        owner_before = first.organization.people.get().person
        assert api.as_(owner_before).get(f"/contests/{contest.pk}/solutions").json()[0]["results"] is None
        coordinator_view = api.as_(contest.created_by).get(f"/contests/{contest.pk}/ranking").json()
        assert [r["winner"] for r in coordinator_view] == [True, True, False]
        early = api.as_(contest.created_by).post(f"/contests/{contest.pk}/publish-results")
        assert (early.status_code, early.json()["code"]) == (409, "transition_not_allowed")
        with after_deadline(contest):
            published = api.as_(contest.created_by).post(f"/contests/{contest.pk}/publish-results")
            assert published.json() == {"id": contest.pk, "status": "results_published"}
            # scores no longer change
            assert (
                api.as_(e1).post(f"/solutions/{first.pk}/scores", {"scores": points[first][1]}).status_code
                == 409
            )
        ranking = api.get(f"/contests/{contest.pk}/ranking").json()
        assert [
            (r["solution_id"], r["rank"], r["score"], r["experts"], r["spread"], r["disagree"])
            for r in ranking
        ] == [
            (first.pk, 1, "7.45", 2, "3.00", True),
            (second.pk, 2, "7.20", 2, "0.00", False),
            (third.pk, 3, "7.20", 2, "0.00", False),
        ]
        assert ranking[0]["organization_id"] == first.organization_id
        winners = set(Solution.objects.filter(is_winner=True).values_list("pk", flat=True))
        assert winners == {first.pk, second.pk}  # two winners
        assert [r["winner"] for r in ranking] == [True, True, False]
        # every participant reads its own scores per criterion, without the experts' names
        owner = first.organization.people.get().person
        (own,) = api.as_(owner).get(f"/contests/{contest.pk}/solutions").json()
        assert own["results"] == {
            "rank": 1,
            "winner": True,
            "score": "7.45",
            "criteria": {"tech": "7.50", "econ": "7.50", "team": "7.00"},
            "sheets": [
                {"scores": {"tech": 8, "econ": 6, "team": 10}, "comment": "—"},
                {"scores": {"tech": 7, "econ": 9, "team": 4}, "comment": ""},
            ],
        }
        third_owner = third.organization.people.get().person
        (theirs,) = api.as_(third_owner).get(f"/contests/{contest.pk}/solutions").json()
        assert (theirs["id"], theirs["results"]["rank"], theirs["results"]["winner"]) == (third.pk, 3, False)
        assert AuditEvent.objects.filter(
            action="contest.results_published", object_id=str(contest.pk)
        ).exists()

    def test_an_unassigned_expert_gets_404(self, api, scored_setup, experts):
        contest, solutions, _pair = scored_setup
        outsider = experts[3]
        declared(contest, [outsider])
        response = api.as_(outsider).post(
            f"/solutions/{solutions[0].pk}/scores", {"scores": {"tech": 5, "econ": 5, "team": 5}}
        )
        assert response.status_code == 404

    def test_an_expert_acts_only_with_the_second_factor_and_while_holding_the_role(
        self, api, scored_setup, experts
    ):
        """Expert access was checked only against the pool: a password alone, or a person whose
        roles an administrator had taken away, still read the solutions and scored them."""
        contest, solutions, (expert, other) = scored_setup
        body = {"scores": {"tech": 5, "econ": 5, "team": 5}}
        path = f"/solutions/{solutions[0].pk}/scores"
        without = ApiClient(issue_token(user=expert, second_factor=False))
        assert without.post(path, body).status_code == 404
        assert without.get(f"/contests/{contest.pk}/solutions").json() == []
        assert len(api.as_(expert).get(f"/contests/{contest.pk}/solutions").json()) == 3
        page = Client()
        page.force_login(expert)  # signed in with the password, the second factor not yet given
        assert page.get(f"/contests/solutions/{solutions[0].pk}/").status_code == 404
        # the cabinet says why the contests to score are not there
        assert 'data-testid="awaits-second-factor"' in page.get("/cabinet/").content.decode()
        assert api.as_(expert).post(path, body).status_code == 200
        admin = factories.staff("administrator")
        set_roles(actor=admin, person=other, roles=[])
        assert api.as_(other).post(path, body).status_code == 404
        assert not ScoreSheet.objects.filter(expert=other).exists()


class TestAfterAnOutsideRead:
    def test_a_weight_of_ten_reads_as_ten_and_assign_takes_the_contests_own_k(
        self, api, coordinator, companies, experts
    ):
        created = (
            api.as_(coordinator)
            .post(
                "/contests",
                contest_body(
                    criteria=[{"code": "tech", "name": "Техника", "weight": 10}], experts_per_solution=2
                ),
            )
            .json()
        )
        contest = Contest.objects.get(pk=created["id"])
        assert api.as_(coordinator).get(f"/contests/{contest.pk}").json()["criteria"][0]["weight"] == "10"
        api.as_(coordinator).post(f"/contests/{contest.pk}/publish")
        contest.refresh_from_db()
        for org, owner in companies:
            submit(contest, org, owner)
        declared(contest, experts[:3])
        answer = api.as_(coordinator).post(f"/contests/{contest.pk}/assign", {}).json()
        assert len(answer["assignments"]) == 3 * 2 and answer["unfilled"] == []

    def test_a_conflict_that_came_later_takes_the_experts_scores_out_of_the_ranking(
        self, api, open_contest, companies, experts
    ):
        (alpha, alpha_owner) = companies[0]
        solution = submit(open_contest, alpha, alpha_owner)
        expert, other = experts[:2]
        declared(open_contest, [expert, other])
        services.auto_assign(actor=open_contest.created_by, contest=open_contest, experts_per_solution=2)
        services.score(actor=expert, solution=solution, scores={"tech": 10, "econ": 10, "team": 10})
        services.score(actor=other, solution=solution, scores={"tech": 4, "econ": 4, "team": 4})
        assert [e.score_shown for e in services.ranking(open_contest)] == [Decimal("7.00")]
        person_of(alpha, expert)  # the expert joins the submitting organisation afterwards
        assert [(e.score_shown, e.experts) for e in services.ranking(open_contest)] == [(Decimal("4.00"), 1)]

    def test_declarations_close_with_the_results(self, api, open_contest, companies, experts):
        contest = open_contest
        organization, owner = companies[0]
        submit(contest, organization, owner)
        declared(contest, experts[:1])
        with after_deadline(contest):
            services.publish_results(actor=contest.created_by, contest=contest)
        response = api.as_(experts[0]).post(f"/contests/{contest.pk}/declaration", {"conflicts": []})
        assert (response.status_code, response.json()["code"]) == (409, "transition_not_allowed")
