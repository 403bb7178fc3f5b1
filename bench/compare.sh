#!/usr/bin/env bash
# compare.sh: dynabase vs Amazon DynamoDB Local, side by side, in one run, with
# the same load generator (wrk), on this machine. Prints a markdown report on
# stdout (progress goes to stderr):
#
#   bench/compare.sh > /tmp/report.md
#
# Settings (environment):
#   TARGETS="local dynabase"  which servers to measure (either or both)
#   OPS="put get"             wrk scripts to run (bench/<op>.lua), in this order
#                             (also: update, query, querygsi, batchwrite; query and querygsi preload
#                             a second table "<TABLE>q" with a global index "byG")
#   THREADS=2 CONNECTIONS=32 DURATION=15s   wrk settings, the same for every target
#   WARMUP=5s                 unreported wrk run before a target's first measured run (JIT, caches)
#   REPEAT=3                  measured runs per operation and target, alternating targets; the median is reported
#   KEYS=10000                items preloaded for get/update
#   STARTUP_RUNS=5            cold starts measured per server (0 skips)
#   LOCAL_PORT=18000 DYNABASE_PORT=18001      benchmark servers
#   LOCAL_DURABLE=1                           run DynamoDB Local with -dbPath (durable) instead of -inMemory
#   LOCAL_STARTUP_PORT=18010 DYNABASE_STARTUP_PORT=18011  startup measurement
#   DYNABASE_BIN=path         use this binary instead of building ./cmd/dynabase
#   DYNABASE_ARGS="--in-memory"  extra flags for `dynabase serve` (default: none, durable)
#   SHARED=dir                the shared/ folder (default: ../shared next to the repo)
#
# Everything started here is stopped on exit, on failure too. Traffic goes to
# 127.0.0.1 only. Exit status is non-zero when any measured run had a non-200
# answer, a miss or a socket error: such a run is shown as FAILED, never as
# throughput.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh" compare # root, shared, THREADS CONNECTIONS DURATION WARMUP REPEAT, helpers

TARGETS=${TARGETS:-"local dynabase"}
OPS=${OPS:-"put get"}
KEYS=${KEYS:-10000}
STARTUP_RUNS=${STARTUP_RUNS:-5}
LOCAL_PORT=${LOCAL_PORT:-18000}
LOCAL_DURABLE=${LOCAL_DURABLE:-0}
DYNABASE_PORT=${DYNABASE_PORT:-18001}
LOCAL_STARTUP_PORT=${LOCAL_STARTUP_PORT:-18010}
DYNABASE_STARTUP_PORT=${DYNABASE_STARTUP_PORT:-18011}
DYNABASE_ARGS=${DYNABASE_ARGS:-}
TABLE=bench

check_targets local dynabase
for op in $OPS; do
  [[ -f $here/$op.lua ]] || die "no script bench/$op.lua for op '$op'"
done

need_tools local
init_cleanup dynabase-bench # $tmp; everything started here is stopped on exit

# ---------------------------------------------------------------- helpers
auth='AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000'

# ddb PORT OP JSON: one DynamoDB call; prints the body, fails unless HTTP 200.
ddb() {
  local out code
  out=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST "http://127.0.0.1:$1/" \
    -H "X-Amz-Target: DynamoDB_20120810.$2" -H 'Content-Type: application/x-amz-json-1.0' \
    -H "X-Amz-Date: $(date -u +%Y%m%dT%H%M%SZ)" -H "Authorization: $auth" -d "$3") || return 1
  code=${out##*$'\n'}
  printf '%s\n' "${out%$'\n'*}"
  [[ $code == 200 ]]
}

# wait_ready PORT PID: poll ListTables until it answers (30 s max).
wait_ready() { wait_for "$2" 30 ddb "$1" ListTables '{}'; }

port_of() { if [[ $1 == local ]]; then echo "$LOCAL_PORT"; else echo "$DYNABASE_PORT"; fi; }
label() { if [[ $1 == local ]]; then echo "DynamoDB Local"; else echo "dynabase"; fi; }

# ---------------------------------------------------------------- build
log "building bench helpers"
(cd "$root" && go build -o "$tmp/load" ./bench/load && go build -o "$tmp/startup" ./bench/startup)
if has_target dynabase; then build_dynabase "run with TARGETS=local to skip it"; fi

need_free_ports "LOCAL_PORT/DYNABASE_PORT/..._STARTUP_PORT" "$LOCAL_PORT" "$DYNABASE_PORT" "$LOCAL_STARTUP_PORT" "$DYNABASE_STARTUP_PORT"
loadavg_before=$(loadavg)
# What a synced write costs on the disk that holds the data (200 × 4 KiB O_DSYNC writes).
fs=$(df -T "$tmp" | awk 'NR == 2 { print $2 " on " $1 }')
fsync_ms=$(dd if=/dev/zero of="$tmp/fsync.probe" bs=4k count=200 oflag=dsync 2>&1 |
  awk '/copied/ { for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) { printf "%.2f", $(i-1) / 200 * 1000; exit } }')
rm -f "$tmp/fsync.probe"

# ---------------------------------------------------------------- start servers
declare -A pid idle_rss startup_best startup_median
local_dir="" local_cmd=()
if has_target local; then
  start_dynamodb_local "$LOCAL_PORT"
  pid[local]=$local_pid
  # The exact command line and directory (local_dir) of the running JVM, reused for the startup runs.
  mapfile -d '' -t local_cmd <"/proc/$local_pid/cmdline"
  if [[ $LOCAL_DURABLE == 1 ]]; then
    # Durable DynamoDB Local: the same JVM command with -dbPath instead of
    # -inMemory (SQLite file), as users run it to keep their data.
    stop_pid "$local_pid"
    mkdir -p "$tmp/local-data"
    cmd=()
    for a in "${local_cmd[@]}"; do
      if [[ $a == -inMemory ]]; then cmd+=(-dbPath "$tmp/local-data"); else cmd+=("$a"); fi
    done
    local_cmd=("${cmd[@]}")
    log "restarting DynamoDB Local durable: -dbPath $tmp/local-data"
    (cd "$local_dir" && exec "${local_cmd[@]}") >"$tmp/local.log" 2>&1 &
    pids+=("$!")
    pid[local]=$!
    wait_ready "$LOCAL_PORT" "${pid[local]}" || die "durable DynamoDB Local did not answer ListTables"
  fi
fi
if has_target dynabase; then
  log "starting dynabase on $DYNABASE_PORT (durable, data in $tmp/data) ${DYNABASE_ARGS}"
  # shellcheck disable=SC2086 # DYNABASE_ARGS is a list of flags
  "$tmp/dynabase" serve --addr "127.0.0.1:$DYNABASE_PORT" --data "$tmp/data" $DYNABASE_ARGS >"$tmp/dynabase.log" 2>&1 &
  pids+=("$!")
  pid[dynabase]=$!
  wait_ready "$DYNABASE_PORT" "${pid[dynabase]}" || die "dynabase did not answer ListTables"
fi

for t in $TARGETS; do
  port=$(port_of "$t")
  ddb "$port" ListTables '{}' >/dev/null || die "$t: ListTables failed"
  idle_rss[$t]=$(status_kb "${pid[$t]}" VmRSS)
  log "$t: idle VmRSS $(mib "${idle_rss[$t]}") MiB"
done

# ---------------------------------------------------------------- startup time
if ((STARTUP_RUNS > 0)); then
  for t in $TARGETS; do
    if [[ $t == local ]]; then
      cmd=()
      for a in "${local_cmd[@]}"; do
        [[ $a == "$LOCAL_PORT" ]] && a=$LOCAL_STARTUP_PORT
        cmd+=("$a")
      done
      dir=$local_dir
    else
      # shellcheck disable=SC2206 # DYNABASE_ARGS is a list of flags
      cmd=("$tmp/dynabase" serve --addr "127.0.0.1:$DYNABASE_STARTUP_PORT" --data '{fresh}' $DYNABASE_ARGS)
      dir=$tmp
    fi
    sport=$LOCAL_STARTUP_PORT
    [[ $t == dynabase ]] && sport=$DYNABASE_STARTUP_PORT
    log "$t: measuring startup to first ListTables, $STARTUP_RUNS runs"
    line=$("$tmp/startup" -name "$t" -url "http://127.0.0.1:$sport/" -runs "$STARTUP_RUNS" -dir "$dir" -- "${cmd[@]}" 2>>"$tmp/startup.log") \
      || die "$t: startup measurement failed"
    startup_best[$t]=$(sed -n 's/.*best_ms=\([^ ]*\).*/\1/p' <<<"$line")
    startup_median[$t]=$(sed -n 's/.*median_ms=\([^ ]*\).*/\1/p' <<<"$line")
    log "$line"
  done
fi

# ---------------------------------------------------------------- table and preload
create='{"TableName":"'$TABLE'","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'
for t in $TARGETS; do
  port=$(port_of "$t")
  ddb "$port" CreateTable "$create" >"$tmp/create-$t.json" || { cat "$tmp/create-$t.json" >&2; die "$t: CreateTable failed"; }
  for _ in $(seq 1 100); do
    ddb "$port" DescribeTable '{"TableName":"'$TABLE'"}' 2>/dev/null | grep -q '"TableStatus":"ACTIVE"' && break
    sleep 0.1
  done
  ddb "$port" DescribeTable '{"TableName":"'$TABLE'"}' | grep -q '"TableStatus":"ACTIVE"' || die "$t: table not ACTIVE"
  if [[ " $OPS " == *" get "* || " $OPS " == *" update "* ]]; then
    log "$t: preloading $KEYS items"
    "$tmp/load" -endpoint "http://127.0.0.1:$port" -table "$TABLE" -n "$KEYS" >&2 || die "$t: preload failed"
  fi
  if [[ " $OPS " == *" query"* ]]; then
    # bench/query.lua reads partitions of 20 items from a second table with a
    # sort key; bench/querygsi.lua the same groups through its global index.
    qcreate='{"TableName":"'$TABLE'q","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"gs","AttributeType":"N"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"gs","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],"BillingMode":"PAY_PER_REQUEST"}'
    ddb "$port" CreateTable "$qcreate" >"$tmp/createq-$t.json" || { cat "$tmp/createq-$t.json" >&2; die "$t: CreateTable ${TABLE}q failed"; }
    for _ in $(seq 1 100); do
      ddb "$port" DescribeTable '{"TableName":"'$TABLE'q"}' 2>/dev/null | grep -q '"TableStatus":"ACTIVE"' && break
      sleep 0.1
    done
    log "$t: preloading $KEYS items in partitions of 20"
    "$tmp/load" -endpoint "http://127.0.0.1:$port" -table "${TABLE}q" -n "$KEYS" -per-partition 20 >&2 || die "$t: preload of ${TABLE}q failed"
  fi
done

# ---------------------------------------------------------------- wrk runs
export BENCH_TABLE=$TABLE BENCH_KEYS=$KEYS BENCH_RUN
run_base=$(date +%s)
run_wrk() { # TARGET OP RUN DURATION -> BENCH line on stdout (RUN: w for the warmup, else the repeat)
  local tag="$run_base-$3"
  [[ $3 != w ]] || tag="w$run_base"
  BENCH_RUN=$tag wrk_bench "$4" "$here/$2.lua" "http://127.0.0.1:$(port_of "$1")/"
}
# Repeats alternate between the targets, so that load from outside drifting
# over time hits both alike; each target gets its warmup before its first run.
for op in $OPS; do
  for r in $(seq 1 "$REPEAT"); do
    for t in $TARGETS; do
      measure "$op/$t" "$t $op" "$r" "${pid[$t]}" run_wrk "$t" "$op"
    done
  done
done

# Per operation and target: the run with the median requests/s, unless any run failed.
for k in "${!runs[@]}"; do summarize "$k"; done

declare -A rss_after hwm_after
for t in $TARGETS; do
  rss_after[$t]=$(status_kb "${pid[$t]}" VmRSS)
  hwm_after[$t]=$(status_kb "${pid[$t]}" VmHWM)
done
loadavg_after=$(loadavg)

# ---------------------------------------------------------------- report
echo "## dynabase vs DynamoDB Local"
echo
report_origin compare.sh
echo "Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\`, $REPEAT runs per row alternating between the servers after a ${WARMUP} warmup; each row is the run with the median requests/s. wrk and the servers share the same cores."
if has_target local; then
  if [[ $LOCAL_DURABLE == 1 ]]; then
    echo "DynamoDB Local: $(local_version), \`-sharedDb -dbPath DIR\` (durable: SQLite file)."
  else
    echo "DynamoDB Local: $(local_version), \`-inMemory -sharedDb\` (no durability)."
  fi
fi
if has_target dynabase; then
  mode="durable (\`--data\`, every acknowledged write is synced to disk); data on ${fs}, where one 4 KiB O_DSYNC write takes ${fsync_ms:-?} ms"
  [[ $DYNABASE_ARGS == *--no-sync* ]] && mode="not synced (writes acknowledged before they reach disk); data on ${fs}"
  [[ $DYNABASE_ARGS == *--in-memory* ]] && mode="in memory (no durability)"
  echo "dynabase: \`serve${DYNABASE_ARGS:+ $DYNABASE_ARGS}\` built with $(go env GOVERSION), ${mode}."
fi
echo "Items: ~200 bytes (id, n, payload); get/update read uniformly random keys out of $KEYS preloaded items."
echo
echo "| operation | target | requests/s | p50 ms | p99 ms | errors | server CPU µs/request | req/s over $REPEAT runs | dynabase ÷ Local (req/s) |"
echo "|---|---|---:|---:|---:|---|---:|---:|---:|"
for op in $OPS; do
  for t in $TARGETS; do
    k="$op/$t"
    ratio="" rps="FAILED" p50="–" p99="–" cpu="–" spread="–"
    if ((res_ok[$k])); then
      rps=$(printf '%.0f' "${res_rps[$k]}") p50=${res_p50[$k]} p99=${res_p99[$k]} cpu=${res_cpu[$k]} spread=${res_spread[$k]}
      p50=$(printf '%.2f' "$p50") p99=$(printf '%.2f' "$p99")
    fi
    if [[ $t == dynabase ]] && has_target local; then
      if ((res_ok[$k])) && ((res_ok["$op/local"])); then
        ratio=$(awk -v a="${res_rps[$k]}" -v b="${res_rps["$op/local"]}" 'BEGIN { printf "%.2f×", a / b }')
      else
        ratio="n/a"
      fi
    fi
    echo "| $op | $(label "$t") | $rps | $p50 | $p99 | ${res_err[$k]} | $cpu | $spread | $ratio |"
  done
done
echo
echo "| server | startup best ms | startup median ms | idle RSS MiB | RSS after load MiB | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|"
for t in $TARGETS; do
  echo "| $(label "$t") | ${startup_best[$t]:-–} | ${startup_median[$t]:-–} | $(mib "${idle_rss[$t]}") | $(mib "${rss_after[$t]}") | $(mib "${hwm_after[$t]}") |"
done
if has_target local && has_target dynabase; then
  echo
  awk -v sl="${startup_median[local]:-}" -v sd="${startup_median[dynabase]:-}" -v rl="${idle_rss[local]}" -v rd="${idle_rss[dynabase]}" 'BEGIN {
    if (sl != "" && sd != "" && sd > 0) printf "Startup (median), DynamoDB Local ÷ dynabase: %.1f×. ", sl / sd
    printf "Idle RSS, DynamoDB Local ÷ dynabase: %.1f×.\n", rl / rd }'
fi
echo
echo "Startup: exec to the first HTTP 200 on ListTables, polled every 1 ms (bench/startup), best and median of ${STARTUP_RUNS} cold starts (dynabase on an empty data directory)."
echo "Idle RSS: VmRSS after startup and one ListTables. Peak RSS: VmHWM at the end. CPU: the server's user+system time during that run ÷ requests."

finish "$failed_runs run(s) failed"
