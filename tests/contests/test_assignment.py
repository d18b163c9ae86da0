"""The automatic assignment on its own (SPEC C7): a pure function, no database. Hand cases, then
hypothesis properties: never a conflicted pair; every solution gets min(k, its eligible experts);
no pair could move from an expert to one at least two solutions less loaded that may take it
(without conflicts, outside loads or hand-made pairs: max load - min load ≤ 1); and the balance is
the optimum of the whole flow graph, solved directly as an oracle."""

import random
from unittest import mock

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innocluster.contests import assignment
from innocluster.contests.assignment import DECLARED, SAME_CONSORTIUM, SAME_ORGANISATION, assign


def per_solution(result):
    count = {}
    for s, _e in result.assignments:
        count[s] = count.get(s, 0) + 1
    return count


# --- hand cases -------------------------------------------------------------------------------


def test_balanced_without_conflicts():
    result = assign(solutions=range(1, 11), experts=[101, 102, 103, 104], conflicts={}, k=2)
    assert len(result.assignments) == 20
    assert per_solution(result) == dict.fromkeys(range(1, 11), 2)
    assert result.loads == {101: 5, 102: 5, 103: 5, 104: 5}
    assert result.unfilled == [] and result.exclusions == [] and result.dropped == []


def test_a_conflicted_pair_is_never_assigned_and_is_reported_with_its_reason():
    result = assign(
        solutions=[1, 2],
        experts=[101, 102, 103],
        conflicts={(101, 1): SAME_ORGANISATION, (103, 2): DECLARED},
        k=2,
    )
    assert result.assignments == [(1, 102), (1, 103), (2, 101), (2, 102)]
    assert result.exclusions == [(1, 101, SAME_ORGANISATION), (2, 103, DECLARED)]
    assert result.unfilled == []


def test_k_above_the_eligible_experts_leaves_exact_missing_counts():
    result = assign(
        solutions=[7, 8, 9],
        experts=[101, 102],
        conflicts={(101, 8): SAME_CONSORTIUM, (101, 9): DECLARED, (102, 9): DECLARED},
        k=3,
    )
    # 7: both experts, 1 missing; 8: only 102, 2 missing; 9: nobody, 3 missing
    assert result.assignments == [(7, 101), (7, 102), (8, 102)]
    assert result.unfilled == [(7, 1), (8, 2), (9, 3)]
    assert result.loads == {101: 1, 102: 2}


def test_no_experts_at_all():
    result = assign(solutions=[1, 2], experts=[], conflicts={}, k=3)
    assert result.assignments == [] and result.unfilled == [(1, 3), (2, 3)] and result.loads == {}


def test_no_solutions():
    result = assign(solutions=[], experts=[101], conflicts={}, k=3, current_loads={101: 4})
    assert result.assignments == [] and result.unfilled == [] and result.loads == {101: 4}


def test_fixed_pairs_are_kept_and_count_towards_k_and_the_loads():
    result = assign(
        solutions=[1, 2, 3],
        experts=[101, 102, 103],
        conflicts={},
        k=2,
        fixed=[(101, 1), (101, 2)],
    )
    assert (1, 101) in result.assignments and (2, 101) in result.assignments
    assert per_solution(result) == {1: 2, 2: 2, 3: 2}
    # 101 already has two by hand: the third solution goes to the others
    assert result.loads == {101: 2, 102: 2, 103: 2}
    assert (3, 101) not in result.assignments


def test_more_fixed_pairs_than_k_are_all_kept_and_nothing_is_added():
    result = assign(solutions=[1], experts=[101, 102, 103], conflicts={}, k=1, fixed=[(101, 1), (102, 1)])
    assert result.assignments == [(1, 101), (1, 102)] and result.unfilled == []


def test_a_conflicted_fixed_pair_is_dropped_and_reported():
    result = assign(
        solutions=[1],
        experts=[101, 102, 103],
        conflicts={(101, 1): DECLARED},
        k=2,
        fixed=[(101, 1), (102, 1)],
    )
    assert result.dropped == [(1, 101, DECLARED)]
    assert result.assignments == [(1, 102), (1, 103)]
    assert result.exclusions == [(1, 101, DECLARED)]


def test_fixed_pairs_outside_the_given_solutions_or_experts_are_ignored():
    result = assign(solutions=[1], experts=[101], conflicts={}, k=1, fixed=[(999, 1), (101, 2)])
    assert result.assignments == [(1, 101)] and result.loads == {101: 1}


def test_current_loads_are_balanced_with():
    result = assign(
        solutions=[1, 2, 3, 4], experts=[101, 102, 103], conflicts={}, k=1, current_loads={101: 5}
    )
    assert result.loads == {101: 5, 102: 2, 103: 2}
    assert all(e != 101 for _s, e in result.assignments)


def test_current_loads_fill_the_least_loaded_first():
    result = assign(
        solutions=range(1, 6),
        experts=[101, 102, 103],
        conflicts={},
        k=1,
        current_loads={101: 0, 102: 3, 103: 1},
    )
    # 9 in all, 3 each: 101 gets three new, 103 two, 102 none
    assert result.loads == {101: 3, 102: 3, 103: 3}


def test_conflicts_as_pairs_or_triples_and_the_first_reason_wins():
    as_pairs = assign(solutions=[1], experts=[101, 102], conflicts={(101, 1)}, k=2)
    assert as_pairs.exclusions == [(1, 101, None)] and as_pairs.assignments == [(1, 102)]
    as_triples = assign(
        solutions=[1],
        experts=[101, 102],
        conflicts=[(101, 1, DECLARED), (101, 1, SAME_ORGANISATION), (102, 1, SAME_CONSORTIUM)],
        k=1,
    )
    assert as_triples.exclusions == [(1, 101, SAME_ORGANISATION), (1, 102, SAME_CONSORTIUM)]
    assert as_triples.unfilled == [(1, 1)]


def test_conflicts_naming_unknown_ids_are_ignored():
    result = assign(solutions=[1], experts=[101], conflicts={(999, 1): DECLARED, (101, 2): DECLARED}, k=1)
    assert result.exclusions == [] and result.assignments == [(1, 101)]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"k": 0},
        {"k": True},
        {"k": 2.0},
        {"solutions": [1, 1]},
        {"experts": [101, 101]},
        {"current_loads": {101: -1}},
    ],
)
def test_invalid_input_is_refused(kwargs):
    arguments = {"solutions": [1], "experts": [101], "conflicts": {}, "k": 1, **kwargs}
    with pytest.raises(ValueError):
        assign(**arguments)


def test_the_same_input_gives_the_same_answer_whatever_the_order_of_experts_and_conflicts():
    rng = random.Random(2026)
    solutions = list(range(1, 121))
    experts = list(range(500, 530))
    conflicts = {(e, s): DECLARED for s in solutions for e in experts if rng.random() < 0.2}
    loads = {e: rng.randint(0, 4) for e in experts}
    first = assign(solutions, experts, conflicts, 3, loads)
    again = assign(solutions, experts, conflicts, 3, loads)
    shuffled_experts = experts[::-1]
    shuffled_conflicts = dict(reversed(list(conflicts.items())))
    reordered = assign(solutions, shuffled_experts, shuffled_conflicts, 3, loads)
    assert first == again == reordered


def test_when_the_greedy_start_misses_the_better_pair_the_graph_grows_to_the_optimum():
    """Solution 1 is offered only 101 and 102 by the greedy start (no runners-up): the optimum
    needs the pair (1, 103), which the first graph lacks."""
    solves = []
    solve = assignment._Network.solve

    def counting(self):
        solves.append(1)
        return solve(self)

    with (
        mock.patch.object(assignment, "RUNNERS_UP", 0),
        mock.patch.object(assignment._Network, "solve", counting),
    ):
        result = assign(
            solutions=[1, 2],
            experts=[101, 102, 103, 104],
            conflicts={(103, 2): DECLARED, (104, 1): DECLARED},
            k=2,
            current_loads={104: 2},
        )
    assert len(solves) > 1
    # 101 and 102 for solution 1 would leave 103 idle and 101 and 102 at two each
    assert result.loads[104] == 2 and sorted(result.loads.values()) == [1, 1, 2, 2]


def test_a_contest_of_600_solutions_is_balanced_to_the_unit():
    rng = random.Random(7)
    solutions = list(range(600))
    experts = list(range(1000, 1090))
    conflicts = {(e, s): DECLARED for s in solutions for e in experts if rng.random() < 0.05}
    result = assign(solutions, experts, conflicts, 3)
    assert result.unfilled == [] and len(result.assignments) == 1800
    assert set(result.loads.values()) == {20}  # 1,800 / 90
    assert not any((e, s) in conflicts for s, e in result.assignments)


# --- properties -------------------------------------------------------------------------------


@st.composite
def contests(draw, *, with_conflicts=True, with_loads=True, with_fixed=True):
    solutions = draw(st.lists(st.integers(1, 60), unique=True, max_size=14))
    experts = draw(st.lists(st.integers(100, 130), unique=True, max_size=8))
    k = draw(st.integers(1, 4))
    pairs = [(e, s) for s in solutions for e in experts]
    conflicts = {}
    if with_conflicts and pairs:
        chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
        reasons = st.sampled_from([SAME_ORGANISATION, SAME_CONSORTIUM, DECLARED])
        conflicts = {pair: draw(reasons) for pair in chosen}
    loads = {}
    if with_loads and experts:
        loads = draw(st.dictionaries(st.sampled_from(experts), st.integers(0, 6), max_size=len(experts)))
    fixed = []
    if with_fixed and pairs:
        fixed = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6))
    # the solver's first graph, from generous to bare: the growth must reach the same optimum
    knobs = draw(st.sampled_from([(2, 1), (0, 0), (0, 1), (1, 0)]))
    return solutions, experts, conflicts, k, loads, fixed, knobs


def solve(case):
    solutions, experts, conflicts, k, loads, fixed, (runners_up, headroom) = case
    with (
        mock.patch.object(assignment, "RUNNERS_UP", runners_up),
        mock.patch.object(assignment, "LEVEL_HEADROOM", headroom),
    ):
        return assign(solutions, experts, conflicts, k, current_loads=loads, fixed=fixed)


def kept_fixed(case):
    _solutions, _experts, conflicts, _k, _loads, fixed, _knobs = case
    return {(e, s) for e, s in fixed if (e, s) not in conflicts}


def squares_cost(loads, base):
    """The flow's cost: each expert's units from its base load up, the unit from L to L+1 costing L."""
    return sum(sum(range(base[e], loads[e])) for e in loads)


def whole_graph_cost(case):
    """The optimum of the whole graph, every eligible pair an edge, every unit edge there: the
    oracle the solver's growing graph must reach."""
    solutions, experts, conflicts, k, loads, _fixed, _knobs = case
    kept = kept_fixed(case)
    base = {e: loads.get(e, 0) + sum(1 for f, _s in kept if f == e) for e in experts}
    graph = nx.MultiDiGraph()
    total = 0
    for s in solutions:
        have = {e for e, f in kept if f == s}
        free = [e for e in experts if (e, s) not in conflicts and e not in have]
        need = min(max(0, k - len(have)), len(free))
        total += need
        graph.add_node(("s", s), demand=-need)
        for e in free:
            graph.add_edge(("s", s), ("e", e), capacity=1, weight=0)
    graph.add_node("sink", demand=total)
    for e in experts:
        graph.add_node(("e", e), demand=0)
        for unit in range(len(solutions)):
            graph.add_edge(("e", e), "sink", capacity=1, weight=base[e] + unit)
    cost, _flow = nx.network_simplex(graph)
    return cost, base


@settings(max_examples=300, deadline=None)
@given(contests())
def test_never_a_conflicted_pair_and_every_solution_gets_min_k_eligible(case):
    solutions, experts, conflicts, k, loads, _fixed, _knobs = case
    result = solve(case)
    kept = kept_fixed(case)
    assert not any((e, s) in conflicts for s, e in result.assignments)
    assert len(set(result.assignments)) == len(result.assignments)
    assert all(s in solutions and e in experts for s, e in result.assignments)
    assert {(e, s) for e, s in kept} <= {(e, s) for s, e in result.assignments}
    count = per_solution(result)
    missing = dict(result.unfilled)
    for s in solutions:
        have = sum(1 for _e, f in kept if f == s)
        eligible = sum(1 for e in experts if (e, s) not in conflicts and (e, s) not in kept)
        assert count.get(s, 0) == have + min(max(0, k - have), eligible)
        assert missing.get(s, 0) == max(0, k - have - eligible)
    assert result.exclusions == sorted((s, e, reason) for (e, s), reason in conflicts.items())
    assert result.dropped == sorted((s, e, conflicts[(e, s)]) for e, s in case[5] if (e, s) in conflicts)
    assert result.loads == {
        e: loads.get(e, 0) + sum(1 for _s, f in result.assignments if f == e) for e in experts
    }


@settings(max_examples=300, deadline=None)
@given(contests(with_conflicts=False, with_loads=False, with_fixed=False))
def test_without_conflicts_loads_differ_by_at_most_one(case):
    result = solve(case)
    if result.loads:
        assert max(result.loads.values()) - min(result.loads.values()) <= 1


@settings(max_examples=300, deadline=None)
@given(contests())
def test_no_pair_could_move_to_an_expert_two_less_loaded_that_may_take_it(case):
    _solutions, experts, conflicts, _k, _loads, _fixed, _knobs = case
    result = solve(case)
    kept = kept_fixed(case)
    assigned = set(result.assignments)
    for s, a in result.assignments:
        if (a, s) in kept:
            continue  # made by hand: it stays where it is
        for b in experts:
            if (b, s) in conflicts or (s, b) in assigned:
                continue
            assert result.loads[a] < result.loads[b] + 2, (s, a, b)


@settings(max_examples=200, deadline=None)
@given(contests())
def test_the_balance_is_the_optimum_of_the_whole_graph(case):
    result = solve(case)
    cost, base = whole_graph_cost(case)
    assert squares_cost(result.loads, base) == cost


@settings(max_examples=100, deadline=None)
@given(contests(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order_of_experts_conflicts_and_fixed_pairs(case, rnd):
    solutions, experts, conflicts, k, loads, fixed, knobs = case
    shuffled = list(experts)
    rnd.shuffle(shuffled)
    items = list(conflicts.items())
    rnd.shuffle(items)
    again = list(fixed)
    rnd.shuffle(again)
    assert solve(case) == solve((solutions, shuffled, dict(items), k, loads, again, knobs))
