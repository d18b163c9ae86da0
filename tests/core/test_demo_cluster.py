"""The demo cluster that `make run` shows (60 organisations, seed 7 here), seeded once for every
app's checks: seeding it takes some 15 s, and each check only reads what the apps' demos made,
except the last, which seeds more and checks that the KPI demo adds only for the new organisations."""

import logging

import pytest
from django.core.management import call_command

from tests.contests.test_demo import the_demo_challenges_are_complete_and_consistent
from tests.core.test_demo_in_words import the_demo_reads_in_words
from tests.kpi.test_demo import (
    board_has_every_kind_of_row,
    reports_keep_the_services_rules_with_dates_of_the_past,
    seeding_again_adds_only_for_new_organisations,
)
from tests.pilots.test_demo import the_demo_programme_is_complete_and_consistent


@pytest.mark.django_db
def test_the_demo_cluster_is_complete_consistent_and_reads_in_words(caplog):
    with caplog.at_level(logging.DEBUG):
        call_command("seed_demo", organizations=60, seed=7, quiet=True)
    # an application may stop where the measure's rules stop it (a large company asking for
    # equipment), never on a step of the demo's own that the workflow refuses
    stopped = [r.getMessage() for r in caplog.records if "stopped" in r.getMessage()]
    assert not [m for m in stopped if "нельзя перевести" in m or "cannot become" in m], stopped
    the_demo_programme_is_complete_and_consistent()
    the_demo_challenges_are_complete_and_consistent()
    board_has_every_kind_of_row()
    reports_keep_the_services_rules_with_dates_of_the_past()
    the_demo_reads_in_words()
    seeding_again_adds_only_for_new_organisations()
