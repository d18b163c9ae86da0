"""Who may do what with the KPI (the services check the same on every object)."""

import rules

from innocluster.reviews.rules import is_supervisor

# coordinators (and administrators) define indicators, set targets, review reports, see the board
rules.add_perm("kpi.monitor", is_supervisor)
