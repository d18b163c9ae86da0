"""Automatic assignment of a contest's experts (SPEC C7): time and load spread.

    .venv/bin/python bench/contests_assignment.py                # 2,000 × 300, k = 3, 5% conflicts
    .venv/bin/python bench/contests_assignment.py --loads 40     # experts already busy elsewhere
    .venv/bin/python bench/contests_assignment.py --windows      # adversarial: 5-40 experts a solution
    .venv/bin/python bench/contests_assignment.py --whole        # also networkx on the whole graph

Draws the conflicts at random (seeded): each (expert, solution) pair is conflicted with the given
probability; with `--windows` each solution may moreover have only a run of 5 to 40 experts.
Runs `assign` several times on the same input and prints the median time, the solver's work
(flow solves, edges of the graph it solved on), the load spread and what could not be filled.
`--whole` also times networkx's network simplex once on the whole graph (every eligible pair an
edge), the way the assignment would be solved without growing its graph, and checks that both
reach the same cost."""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx

from innocluster.contests import assignment


def instance(args):
    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets
    solutions = list(range(1, args.solutions + 1))
    experts = list(range(10_001, 10_001 + args.experts))
    conflicts = {
        (e, s): assignment.DECLARED for s in solutions for e in experts if rng.random() < args.conflicts
    }
    if args.windows:
        # adversarial: each solution may have only a run of 5 to 40 experts in a row
        for s in solutions:
            width, start = rng.randint(5, 40), rng.randrange(len(experts))
            allowed = {experts[(start + d) % len(experts)] for d in range(width)}
            conflicts.update({(e, s): assignment.DECLARED for e in experts if e not in allowed})
    loads = {e: rng.randint(0, args.loads) for e in experts} if args.loads else {}
    return solutions, experts, conflicts, loads


def whole_graph(solutions, experts, conflicts, k, loads):
    graph = nx.MultiDiGraph()
    total = 0
    for s in solutions:
        free = [e for e in experts if (e, s) not in conflicts]
        need = min(k, len(free))
        total += need
        graph.add_node(("s", s), demand=-need)
        for e in free:
            graph.add_edge(("s", s), ("e", e), capacity=1, weight=0)
    graph.add_node("sink", demand=total)
    levels = max(loads.values(), default=0) + -(-total // max(len(experts), 1)) + 1
    for e in experts:
        for unit in range(levels):
            graph.add_edge(("e", e), "sink", capacity=1, weight=loads.get(e, 0) + unit)
    return graph


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--solutions", type=int, default=2000)
    parser.add_argument("--experts", type=int, default=300)
    parser.add_argument("-k", type=int, default=3)
    parser.add_argument("--conflicts", type=float, default=0.05, help="probability of a conflicted pair")
    parser.add_argument("--loads", type=int, default=0, help="outside loads drawn from 0..LOADS")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--windows", action="store_true", help="each solution: 5-40 experts in a row only")
    parser.add_argument("--whole", action="store_true")
    args = parser.parse_args()

    solutions, experts, conflicts, loads = instance(args)
    print(
        f"{len(solutions)} solutions × {len(experts)} experts, k = {args.k}, "
        f"{len(conflicts)} conflicted pairs ({len(conflicts) / (len(solutions) * len(experts)):.1%})"
        + (f", outside loads 0..{args.loads}" if args.loads else "")
    )

    work = []
    solve = assignment._Network.solve

    def counting(net):
        work.append(int(net.candidates.sum()) + int(net.levels.sum()))
        return solve(net)

    times, result = [], None
    with mock.patch.object(assignment._Network, "solve", counting):
        for _ in range(args.runs):
            work.clear()
            start = time.perf_counter()
            result = assignment.assign(solutions, experts, conflicts, args.k, current_loads=loads)
            times.append(time.perf_counter() - start)
    print(
        f"time: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
        f"max {max(times):.2f} s over {args.runs} runs"
    )
    print(
        f"flow solves per run: {len(work)}; edges of the last graph solved (pairs offered and unit edges): {work[-1]:,}"
    )
    values = list(result.loads.values())
    print(
        f"assignments: {len(result.assignments):,}; unfilled solutions: {len(result.unfilled)} "
        f"(missing {sum(n for _s, n in result.unfilled)})"
    )
    print(f"loads: min {min(values)}, max {max(values)}, spread {max(values) - min(values)}")
    if loads:
        new = [result.loads[e] - loads.get(e, 0) for e in experts]
        print(f"new pairs per expert: min {min(new)}, max {max(new)}")

    if args.whole:
        start = time.perf_counter()
        graph = whole_graph(solutions, experts, conflicts, args.k, loads)
        cost, _flow = nx.network_simplex(graph)
        took = time.perf_counter() - start
        ours = sum(sum(range(loads.get(e, 0), result.loads[e])) for e in experts)
        print(
            f"whole graph: {graph.number_of_edges():,} edges, network simplex {took:.1f} s; "
            f"cost {cost} (ours {ours}: {'same' if cost == ours else 'DIFFERENT'})"
        )


if __name__ == "__main__":
    main()
