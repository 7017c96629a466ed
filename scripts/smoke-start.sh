#!/usr/bin/env bash
# The README's promise, checked: `npm start` on a fresh embedded database serves, prints an admin
# token, and the README's first curl example answers with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(mktemp -d)
log="$dir/start.log"
# A session of its own, so that stopping it stops npm's node child too, not only npm.
PGLITE_DIR="$dir/pglite" PORT=0 setsid npm start >"$log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT

for _ in $(seq 1 120); do
  grep -q 'admin API token' "$log" && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo 'smoke: npm start exited early'; exit 1; }
  sleep 1
done
grep -q 'admin API token' "$log" || { cat "$log"; echo 'smoke: npm start printed no token in 120 s'; exit 1; }

token=$(grep -o 'arv_[A-Za-z0-9_-]*' "$log" | head -n 1)
url=$(grep -o 'http://[^ ]*/api/analytics/overview' "$log" | head -n 1)
answer=$(curl -sf -H "Authorization: Bearer $token" "$url")
echo "smoke: $url -> $answer"
echo "$answer" | grep -Eq '"total_views":[1-9][0-9]*' || { echo 'smoke: overview shows no demo views'; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 401 ] || { echo "smoke: overview without a token answered $status, not 401"; exit 1; }
echo 'smoke: npm start works'
