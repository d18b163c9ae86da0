#!/usr/bin/env bash
# Screenshots of every page of the site map, in Russian and English, at 390 px and 1,366 px:
#   bench/screens.sh [directory]        (default var/screens; INNOCLUSTER_SITEMAP_AXE=1 adds axe-core)
# Runs tests/e2e/test_site_map.py (see its docstring) without axe-core, so it is quicker; files are
# named <role>-<lang>-<width>-<slug>.png and the problems found are in failures.txt beside them.
# The screenshots are written whether or not the pages pass, so the test's exit status is ignored.
set -uo pipefail
cd "$(dirname "$0")/.."
DIR=$(realpath -m "${1:-var/screens}")
INNOCLUSTER_ARTIFACTS=$DIR INNOCLUSTER_SITEMAP_AXE=${INNOCLUSTER_SITEMAP_AXE:-0} \
  INNOCLUSTER_TEST_DATABASE_NAME=${INNOCLUSTER_TEST_DATABASE_NAME:-test_screens} \
  .venv/bin/pytest -q tests/e2e/test_site_map.py -k fits_a_phone 2>&1 | tail -1
echo "$(ls "$DIR"/*.png | wc -l) screenshots in $DIR; problems found: $(grep -c "^/" "$DIR/failures.txt") (failures.txt)"
