"""Who may see and do what in contests. Coordinators (and administrators) run contests; the
public sees a contest once it is published; a solution is seen by its organisation's people, the
coordinators, and the experts assigned to it who declared their conflicts and have none with it —
everyone else, conflicted experts first, gets a 404."""

import rules

from innocluster.organizations.rules import is_organization_manager, is_organization_person
from innocluster.reviews.rules import is_supervisor


@rules.predicate
def runs_contests(user) -> bool:
    return is_supervisor(user)


@rules.predicate
def is_expert(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff and user.has_role("expert"))


@rules.predicate
def is_solution_person(user, solution) -> bool:
    return solution is not None and is_organization_person(user, solution.organization)


@rules.predicate
def acts_for_solution(user, solution) -> bool:
    return solution is not None and is_organization_manager(user, solution.organization)


rules.add_perm("contests.run", runs_contests)
rules.add_perm("contests.edit_solution", acts_for_solution)
rules.add_perm("contests.see_own_solution", is_solution_person | runs_contests)
