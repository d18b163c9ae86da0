"""Automatic assignment of a contest's experts to its solutions (SPEC C7): k experts per solution,
never a conflicted pair, loads balanced. Pure: ids in, pairs out; no Django, no database.

Why a min-cost flow. The assignment is a transportation problem: every solution sends k units
(one per expert it needs), an expert takes at most one unit from a solution, a conflicted pair
has no edge at all, so a conflict can never be "traded" against balance. A flow answers the two
questions in the right order: the amount of flow is fixed first (a solution asks for
min(k - its hand-made pairs, its eligible experts), and since an expert may take any number of
solutions, one each, every ask can be met whatever the others ask), then the cost is minimised.
The network is totally unimodular, so the optimum is integral and exact: no rounding, no search.

How balance is achieved. An expert reaches the sink through unit edges whose costs rise by one:
the unit that brings its load from L to L + 1 costs L (its load elsewhere, `current_loads`, and its
hand-made pairs here included). The cost of an expert with load n is then a convex function of n
and the flow minimises the sum over experts, i.e. (up to a constant) the sum of squared loads.
At such an optimum no unit can move from an expert of load a to an expert of load b ≤ a - 2 that
may take it (moving saves a - 1 - b ≥ 1). Without conflicts, outside loads or hand-made pairs
this means max load - min load ≤ 1; with them, it is the strongest statement that holds.

Keeping it fast. The whole graph at 2,000 solutions × 300 experts has 570,000 solution-expert
edges, and networkx's network simplex needs over 80 s on it (measured, 2 cores). Most of those
edges carry nothing at the optimum, so the flow is solved on a restricted graph that grows only
where it must (column generation, exact for a linear programme):
- the first graph offers each solution the experts a greedy pass gives it (the most constrained
  solutions first, each to its least loaded eligible experts) plus RUNNERS_UP more, and gives
  each expert unit edges up to LEVEL_HEADROOM above its greedy load, then one dear edge for the
  rest, so that the restricted problem is always feasible (an expert that needs the dear edge
  gets more unit edges and the flow is solved again);
- the optimum of the restricted graph is then checked against the whole graph: if its residual
  graph (every eligible pair, every unit edge) has shortest distances, i.e. no cycle of negative
  cost, no flow of the whole graph is cheaper and we are done. The check relaxes all arcs at
  once with numpy, a few milliseconds a round; unsettled after CHECK_ROUNDS, it proves nothing;
- otherwise the shortest distances of the restricted residual graph are dual potentials, and
  the edges left out with a negative reduced cost under them (an eligible expert whose potential
  is above the solution's, an expert's next unit edge) are added and the flow solved again.
  Every cycle of negative cost has such an edge, so this ends, with the optimum.
At 2,000 × 300, k = 3 and 5% conflicts the greedy's graph is already optimal: one solve (about
16,300 edges) and one check. See bench/contests_assignment.py.

Deterministic: experts are taken by increasing id, solutions in the order given (earlier
submitted first), every graph is built in that order and ties go to the lower id or the earlier
solution, so the same input gives the same answer. Solutions never compete for an expert (it
takes any number, one each), so their order only decides which of equally balanced answers is
returned.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from heapq import heapify, heappop, heappush

import networkx as nx
import numpy as np

# Codes, never shown as they are: the caller translates them.
SAME_ORGANISATION = "same_organisation"
SAME_CONSORTIUM = "same_consortium"
DECLARED = "declared"
REASONS = (SAME_ORGANISATION, SAME_CONSORTIUM, DECLARED)

# Experts beyond those the greedy pass chose that each solution's first graph offers.
RUNNERS_UP = 2
# Unit edges per expert above its load in the greedy pass, in the first graph.
LEVEL_HEADROOM = 1
# Edges a solution gains at most each time the graph grows.
GROWTH_PER_SOLUTION = 3


@dataclass(frozen=True)
class Result:
    """`assignments`: (solution, expert) pairs, the hand-made ones that stay included, sorted.
    `unfilled`: (solution, missing) for the solutions that have fewer than k experts because too
    few are free of conflict, sorted by solution. `exclusions`: (solution, expert, reason) for
    every conflicted pair among the given solutions and experts, sorted. `dropped`: (solution,
    expert, reason) for the hand-made pairs left out because they are conflicted, sorted.
    `loads`: every expert → its `current_loads` plus its pairs in `assignments`."""

    assignments: list[tuple[int, int]] = field(default_factory=list)
    unfilled: list[tuple[int, int]] = field(default_factory=list)
    exclusions: list[tuple[int, int, str | None]] = field(default_factory=list)
    dropped: list[tuple[int, int, str | None]] = field(default_factory=list)
    loads: dict[int, int] = field(default_factory=dict)


def assign(
    solutions: Sequence[int],
    experts: Iterable[int],
    conflicts: Mapping[tuple[int, int], str] | Iterable[tuple[int, int]] | Iterable[tuple[int, int, str]],
    k: int,
    current_loads: Mapping[int, int] | None = None,
    fixed: Iterable[tuple[int, int]] = (),
) -> Result:
    """Assign `k` experts to each solution.

    `solutions`: ids in priority order (earlier submitted first). `experts`: ids. `conflicts`:
    (expert, solution) pairs that may never meet: a mapping pair → reason code, or pairs, or
    (expert, solution, reason) triples (pairs have the reason None; of several reasons for one
    pair the first in REASONS is kept); reasons are passed through as they are. `current_loads`:
    expert → solutions it already has elsewhere, balanced with. `fixed`: (expert, solution) pairs
    made by hand: kept, counted towards k and the loads, unless conflicted (then reported in
    `dropped`); pairs naming an expert or a solution not given are ignored. Raises ValueError on a repeated id, k < 1 or a
    negative load."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number of at least 1, not {k!r}")
    order = list(solutions)
    if len(set(order)) != len(order):
        raise ValueError("a solution is given twice")
    pool = list(experts)
    if len(set(pool)) != len(pool):
        raise ValueError("an expert is given twice")
    pool.sort()
    known_solutions, known_experts = set(order), set(pool)

    reasons = _reasons(conflicts, known_experts, known_solutions)
    loads_elsewhere = dict.fromkeys(pool, 0)
    for expert, n in (current_loads or {}).items():
        if expert in known_experts:
            if n < 0:
                raise ValueError(f"a negative load for expert {expert}")
            loads_elsewhere[expert] = n

    kept: set[tuple[int, int]] = set()  # (expert, solution)
    dropped = []
    for expert, solution in set(fixed):
        if expert not in known_experts or solution not in known_solutions:
            continue
        if (expert, solution) in reasons:
            dropped.append((solution, expert, reasons[(expert, solution)]))
        else:
            kept.add((expert, solution))

    fixed_of: dict[int, set[int]] = {s: set() for s in order}
    base = dict(loads_elsewhere)  # the load before any new pair
    for expert, solution in kept:
        fixed_of[solution].add(expert)
        base[expert] += 1
    barred: dict[int, set[int]] = {s: set(fixed_of[s]) for s in order}  # conflicted or already fixed
    for expert, solution in reasons:
        barred[solution].add(expert)

    demand, unfilled = {}, []
    for s in order:
        wanted = max(0, k - len(fixed_of[s]))
        eligible = len(pool) - len(barred[s])
        demand[s] = min(wanted, eligible)
        if wanted > eligible:
            unfilled.append((s, wanted - eligible))

    new_pairs = _solve(order, pool, barred, demand, base)

    assignments = sorted([(s, e) for e, s in kept] + new_pairs)
    loads = dict(loads_elsewhere)
    for _s, e in assignments:
        loads[e] += 1
    return Result(
        assignments=assignments,
        unfilled=sorted(unfilled),
        exclusions=sorted((s, e, reason) for (e, s), reason in reasons.items()),
        dropped=sorted(dropped),
        loads=loads,
    )


def _reasons(conflicts, known_experts, known_solutions) -> dict[tuple[int, int], str | None]:
    """(expert, solution) → reason, for the given experts and solutions only."""
    if isinstance(conflicts, Mapping):
        items = list(conflicts.items())
    else:
        items = []
        for entry in conflicts:
            if len(entry) == 3:
                items.append(((entry[0], entry[1]), entry[2]))
            else:
                items.append(((entry[0], entry[1]), None))
    rank = {reason: i for i, reason in enumerate(REASONS)}

    def precedence(reason):  # REASONS in their order, then any other code, then None
        return (rank.get(reason, len(REASONS)), reason is None, "" if reason is None else str(reason))

    found: dict[tuple[int, int], str | None] = {}
    for pair, reason in items:
        if pair[0] not in known_experts or pair[1] not in known_solutions:
            continue
        if pair not in found or precedence(reason) < precedence(found[pair]):
            found[pair] = reason
    return found


def _solve(order, pool, barred, demand, base) -> list[tuple[int, int]]:
    """The new (solution, expert) pairs of a min-cost flow over the growing graph (module doc)."""
    asking = [s for s in order if demand[s] > 0]
    total = sum(demand[s] for s in asking)
    if total == 0:
        return []
    column = {e: j for j, e in enumerate(pool)}
    eligible = np.ones((len(asking), len(pool)), dtype=bool)
    for i, s in enumerate(asking):
        for e in barred[s]:
            eligible[i, column[e]] = False
    net = _Network(
        eligible=eligible,
        demand=np.array([demand[s] for s in asking], dtype=np.int64),
        base=np.array([base[e] for e in pool], dtype=np.int64),
        # the most new pairs an expert could take: one per solution that asks and may have it
        capacity=eligible.sum(axis=0).astype(np.int64),
    )
    net.candidates, greedy_new = _greedy(net)
    net.levels = np.minimum(net.capacity, greedy_new + LEVEL_HEADROOM)

    while True:
        net.solve()
        if net.overflow.any():
            # an expert needs more unit edges than it has: give it more, solve again
            grown = np.maximum(2 * net.levels, net.used + LEVEL_HEADROOM)
            net.levels = np.where(net.overflow, np.minimum(net.capacity, grown), net.levels)
            continue
        if net.optimal_in_whole() or not net.grow():
            rows, cols = np.nonzero(net.assigned)
            return [(asking[i], pool[j]) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)]


def _greedy(net):
    """Each solution in turn takes its least loaded eligible experts (ties to the lower id); it
    offers those and the next RUNNERS_UP as its first candidates."""
    n_solutions, n_experts = net.eligible.shape
    base = net.base.tolist()
    heap = [(base[j], j) for j in range(n_experts)]
    heapify(heap)
    candidates = np.zeros((n_solutions, n_experts), dtype=bool)
    new = np.zeros(n_experts, dtype=np.int64)
    # the most constrained solutions first (fewest eligible experts), then in the order given
    eligible_count = net.eligible.sum(axis=1).tolist()
    for i in sorted(range(n_solutions), key=lambda i: (eligible_count[i], i)):
        row, wanted = net.eligible[i], int(net.demand[i])
        taken, passed, offered = [], [], 0
        while heap and offered < wanted + RUNNERS_UP:
            load, j = heappop(heap)
            if not row[j]:
                passed.append((load, j))
                continue
            candidates[i, j] = True
            offered += 1
            if len(taken) < wanted:
                taken.append((load, j))
            else:
                passed.append((load, j))
        for load, j in taken:
            new[j] += 1
            heappush(heap, (load + 1, j))
        for entry in passed:
            heappush(heap, entry)
    return candidates, new


_SINK = "sink"
_NONE = np.iinfo(np.int64).max // 4  # no such edge: far above any cost, safe to add to
# Rounds of relaxation the whole graph's check may take before it gives up (and grows instead).
CHECK_ROUNDS = 64


class _Network:
    """The restricted graph (candidates, levels), its optimum, and the checks on it. Solutions
    and experts are rows and columns: solutions in the order given, experts by increasing id."""

    def __init__(self, *, eligible, demand, base, capacity):
        self.eligible, self.demand, self.base, self.capacity = eligible, demand, base, capacity
        self.candidates = self.levels = self.assigned = self.used = self.overflow = None
        self.dear = int(base.max()) + int(demand.sum()) + 1  # dearer than any unit edge

    def solve(self):
        n_solutions, n_experts = self.eligible.shape
        graph = nx.MultiDiGraph()
        for i in range(n_solutions):
            graph.add_node(i, demand=-int(self.demand[i]))
        expert = [n_solutions + j for j in range(n_experts)]
        for j in range(n_experts):
            graph.add_node(expert[j], demand=0)
        graph.add_node(_SINK, demand=int(self.demand.sum()))
        rows, cols = np.nonzero(self.candidates)
        graph.add_edges_from(
            (i, expert[j], {"capacity": 1, "weight": 0})
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        )
        base, levels, capacity = self.base.tolist(), self.levels.tolist(), self.capacity.tolist()
        for j in range(n_experts):
            for unit in range(levels[j]):
                graph.add_edge(expert[j], _SINK, key=unit, capacity=1, weight=base[j] + unit)
            if capacity[j] > levels[j]:
                graph.add_edge(
                    expert[j], _SINK, key="rest", capacity=capacity[j] - levels[j], weight=self.dear
                )
        _cost, flow = nx.network_simplex(graph)

        self.assigned = np.zeros_like(self.candidates)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if flow[i][expert[j]][0]:
                self.assigned[i, j] = True
        self.used = self.assigned.sum(axis=0).astype(np.int64)
        self.overflow = np.array(
            [flow[expert[j]].get(_SINK, {}).get("rest", 0) > 0 for j in range(n_experts)], dtype=bool
        )

    def optimal_in_whole(self) -> bool:
        """Whether the current flow is optimal for the whole graph: every eligible pair an edge,
        every expert as many unit edges as it could use. True when shortest distances exist in its
        residual graph (no cycle of negative cost), found within CHECK_ROUNDS."""
        _ds, _de, _dt, settled = self._distances(self.eligible, self.capacity, CHECK_ROUNDS)
        return settled

    def grow(self) -> bool:
        """Add the edges left out that have a negative reduced cost under the potentials of the
        restricted optimum (its residual graph's shortest distances); whether any was."""
        n_solutions, n_experts = self.eligible.shape
        ds, de, dt, settled = self._distances(self.candidates, self.levels, n_solutions + n_experts + 2)
        assert settled  # an optimum has no cycle of negative cost
        grown = False
        # the first unit edge left out costs base + levels
        short = (self.levels < self.capacity) & (de + self.base + self.levels < dt)
        if short.any():
            self.levels = np.where(short, np.minimum(self.capacity, 2 * self.levels + 1), self.levels)
            grown = True
        # pairs left out whose expert's potential is above the solution's: for each solution, those
        # of the highest potential (the most negative reduced cost), at most GROWTH_PER_SOLUTION
        missing = self.eligible & ~self.candidates & (de[None, :] > ds[:, None])
        order = np.argsort(-de, kind="stable")  # experts by decreasing potential, ties by id
        for i in np.flatnonzero(missing.any(axis=1)).tolist():
            ranked = order[missing[i, order]]
            self.candidates[i, ranked[:GROWTH_PER_SOLUTION]] = True
            grown = True
        return grown

    def _distances(self, edges, levels, rounds):
        """Shortest distances from a root joined to every node at cost 0, in the residual graph of
        the current flow over `edges` (solution × expert) and `levels` unit edges per expert:
        solution → expert for an edge left unused, expert → solution for a used one (cost 0),
        expert → sink at the next unit's cost, sink → expert at minus the last used unit's. Relaxes
        every arc each round; `settled` is whether a round changed nothing."""
        n_solutions, _n_experts = edges.shape
        unused = edges & ~self.assigned
        load = self.base + self.used  # an expert's load with this flow
        has_next = self.used < levels
        has_back = self.used > 0
        ds = np.zeros(n_solutions, dtype=np.int64)
        de = np.zeros(len(self.base), dtype=np.int64)
        dt = 0
        for _ in range(rounds):
            ds_new = np.minimum(ds, np.where(self.assigned, de[None, :], _NONE).min(axis=1))
            de_new = np.minimum(de, np.where(unused, ds_new[:, None], _NONE).min(axis=0))
            dt_new = min(dt, int(np.where(has_next, de_new + load, _NONE).min()))
            de_new = np.where(has_back, np.minimum(de_new, dt_new - (load - 1)), de_new)
            if dt_new == dt and np.array_equal(ds_new, ds) and np.array_equal(de_new, de):
                return ds, de, dt, True
            ds, de, dt = ds_new, de_new, dt_new
        return ds, de, dt, False
