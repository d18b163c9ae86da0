#!/usr/bin/env bash
# Partner-search API under 16 concurrent clients (wrk), on an indexed data folder:
#   bench/search_wrk.sh var/bench-1000000 [seconds]
# Serves with two web processes, waits until the task queue is empty (the demo's e-mails), warms
# up for 3 s, then runs wrk twice: the repeated mix (search_wrk.lua: 8 queries, so kept results answer after the
# first round) and distinct queries (search_wrk.lua -- distinct: none repeats, nothing is kept).
set -euo pipefail
DATA=$(realpath "$1"); SECONDS_EACH=${2:-30}; PORT=${PORT:-8767}
cd "$(dirname "$0")/.."
export INNOCLUSTER_DATA_DIR=$DATA INNOCLUSTER_DEBUG=false INNOCLUSTER_LOG_LEVEL=WARNING
# A freshly migrated folder holds the re-embedding that partners migration 0008 queues: the bench
# server's worker would start it, re-embed every profile for hours and drop the HNSW graph meanwhile.
EMBED_ALL=$(.venv/bin/innocluster manage shell -c "from django_tasks_db.models import DBTaskResult as T; print(T.objects.filter(task_path='innocluster.partners.tasks.embed_all', status__in=['READY', 'RUNNING']).count())" 2>/dev/null | tail -1)
if [ "$EMBED_ALL" != 0 ]; then
  echo "$DATA has an embed_all task queued (partners migration 0008): let it finish, or delete it if the profiles are embedded (bench/README)" >&2
  exit 1
fi
.venv/bin/innocluster run --port "$PORT" --workers 2 >/tmp/innocluster-bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null; do sleep 1; done
while :; do
  READY=$(.venv/bin/innocluster manage shell -c "from django_tasks_db.models import DBTaskResult as T; print(T.objects.filter(status='READY').count())" 2>/dev/null | tail -1)
  [ "$READY" = 0 ] && break
  echo "waiting for $READY queued tasks"; sleep 10
done
# both web processes up and every connection opened: 3 s of the mix, not measured
sleep 5
wrk -t2 -c16 -d3s -s bench/search_wrk.lua "http://127.0.0.1:$PORT" >/dev/null
echo "== repeated mix"
wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -s bench/search_wrk.lua "http://127.0.0.1:$PORT"
echo "== distinct queries"
wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -s bench/search_wrk.lua "http://127.0.0.1:$PORT" -- distinct
