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
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}

TARGETS=${TARGETS:-"local dynabase"}
OPS=${OPS:-"put get"}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
KEYS=${KEYS:-10000}
STARTUP_RUNS=${STARTUP_RUNS:-5}
REPEAT=${REPEAT:-3}
LOCAL_PORT=${LOCAL_PORT:-18000}
LOCAL_DURABLE=${LOCAL_DURABLE:-0}
DYNABASE_PORT=${DYNABASE_PORT:-18001}
LOCAL_STARTUP_PORT=${LOCAL_STARTUP_PORT:-18010}
DYNABASE_STARTUP_PORT=${DYNABASE_STARTUP_PORT:-18011}
DYNABASE_ARGS=${DYNABASE_ARGS:-}
TABLE=bench

log() { printf '[compare %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for t in $TARGETS; do
  case $t in local|dynabase) ;; *) die "unknown target '$t' (TARGETS may hold: local dynabase)" ;; esac
done
for op in $OPS; do
  [[ -f $here/$op.lua ]] || die "no script bench/$op.lua for op '$op'"
done
[[ -n $TARGETS ]] || die "TARGETS is empty"
[[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive integer"
has_target() { [[ " $TARGETS " == *" $1 "* ]]; }

# ---------------------------------------------------------------- tools
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v curl >/dev/null || need_apt+=(curl)
if has_target local; then command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless); fi
if ((${#need_apt[@]})); then
  log "installing ${need_apt[*]} with apt-get"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2
fi
command -v go >/dev/null || die "go not found"

# ---------------------------------------------------------------- cleanup
tmp=$(mktemp -d -t dynabase-bench.XXXXXX)
pids=()
failed_runs=0
cleanup() {
  local rc=$?
  set +e
  # Interrupted inside `dynamodb-local start`: its JVM is ours (the port was free), find it by port.
  if [[ -n ${starting_local:-} ]]; then
    for c in /proc/[0-9]*/cmdline; do
      if tr '\0' ' ' <"$c" 2>/dev/null | grep -q -- "DynamoDBLocal.jar .*-port $LOCAL_PORT\( \|$\)"; then
        c=${c#/proc/}; pids+=("${c%/cmdline}")
      fi
    done
  fi
  for p in "${pids[@]}"; do
    kill -0 "$p" 2>/dev/null || continue
    kill -TERM "$p" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  done
  wait 2>/dev/null
  if ((rc != 0)) && [[ $rc != 1 || $failed_runs == 0 ]]; then
    for f in "$tmp"/*.log; do [[ -f $f ]] && { log "--- tail of $f"; tail -n 20 "$f" >&2; }; done
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_ready PORT PID: poll ListTables until it answers (30 s max).
wait_ready() {
  for _ in $(seq 1 300); do
    ddb "$1" ListTables '{}' >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
clk_tck=$(getconf CLK_TCK)

port_of() { if [[ $1 == local ]]; then echo "$LOCAL_PORT"; else echo "$DYNABASE_PORT"; fi; }
label() { if [[ $1 == local ]]; then echo "DynamoDB Local"; else echo "dynabase"; fi; }

# ---------------------------------------------------------------- build
log "building bench helpers"
(cd "$root" && go build -o "$tmp/load" ./bench/load && go build -o "$tmp/startup" ./bench/startup)
if has_target dynabase; then
  if [[ -n ${DYNABASE_BIN:-} ]]; then
    cp "$DYNABASE_BIN" "$tmp/dynabase"
  else
    log "building dynabase"
    (cd "$root" && go build -o "$tmp/dynabase" ./cmd/dynabase) || die "go build ./cmd/dynabase failed (run with TARGETS=local to skip it)"
  fi
fi

for p in $LOCAL_PORT $DYNABASE_PORT $LOCAL_STARTUP_PORT $DYNABASE_STARTUP_PORT; do
  port_free "$p" || die "port $p is in use (set LOCAL_PORT/DYNABASE_PORT/..._STARTUP_PORT)"
done
loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
# What a synced write costs on the disk that holds the data (200 × 4 KiB O_DSYNC writes).
fs=$(df -T "$tmp" | awk 'NR == 2 { print $2 " on " $1 }')
fsync_ms=$(dd if=/dev/zero of="$tmp/fsync.probe" bs=4k count=200 oflag=dsync 2>&1 |
  awk '/copied/ { for (i = 1; i <= NF; i++) if ($i ~ /^s,?$/) { printf "%.2f", $(i-1) / 200 * 1000; exit } }')
rm -f "$tmp/fsync.probe"

# ---------------------------------------------------------------- start servers
declare -A pid idle_rss startup_best startup_median
local_dir="" local_cmd=()
if has_target local; then
  log "starting DynamoDB Local on $LOCAL_PORT"
  starting_local=1
  out=$("$shared/tools/dynamodb-local" start "$LOCAL_PORT") || die "dynamodb-local did not start"
  p=${out##*pid=}
  pids+=("$p")
  starting_local=""
  pid[local]=$p
  # The exact command line and directory of the running JVM, reused for the startup runs.
  local_dir=$(readlink "/proc/$p/cwd")
  mapfile -d '' -t local_cmd <"/proc/$p/cmdline"
  if [[ $LOCAL_DURABLE == 1 ]]; then
    # Durable DynamoDB Local: the same JVM command with -dbPath instead of
    # -inMemory (SQLite file), as users run it to keep their data.
    kill "$p"
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
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
declare -A runs res_rps res_p50 res_p99 res_err res_cpu res_ok res_spread
run_wrk() { # TARGET OP DURATION -> BENCH line on stdout; wrk's stderr in $tmp/wrk.err
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout 10s -s "$here/$2.lua" "http://127.0.0.1:$(port_of "$1")/" 2>"$tmp/wrk.err" \
    | tee -a "$tmp/wrk.log" | grep '^BENCH ' || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
# Repeats alternate between the targets, so that load from outside drifting
# over time hits both alike; each target gets its warmup before its first run.
for op in $OPS; do
  for r in $(seq 1 "$REPEAT"); do
    for t in $TARGETS; do
      if ((r == 1)) && [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
        log "$t $op: warmup $WARMUP"
        BENCH_RUN="w$run_base" run_wrk "$t" "$op" "$WARMUP" >/dev/null
      fi
      log "$t $op: run $r/$REPEAT, -t$THREADS -c$CONNECTIONS -d$DURATION"
      c0=$(cpu_ticks "${pid[$t]}")
      line=$(BENCH_RUN="$run_base-$r" run_wrk "$t" "$op" "$DURATION")
      c1=$(cpu_ticks "${pid[$t]}")
      log "$t $op: ${line:-no BENCH line from wrk}"
      k="$op/$t"
      if [[ -z $line ]]; then
        line="BENCH requests=0 rps=0 p50_ms=0 p99_ms=0 non200=0 misses=0 socket_errors=0 wrk_failed=1"
      fi
      reqs=$(field requests "$line")
      cpu=$(awk -v d=$((c1 - c0)) -v hz="$clk_tck" -v n="$reqs" 'BEGIN { if (n > 0) printf "%.0f", d / hz * 1e6 / n; else print 0 }')
      bad=$(($(field non200 "$line") + $(field misses "$line") + $(field socket_errors "$line")))
      ((bad == 0 && reqs > 0)) || sed 's/^/  wrk: /' "$tmp/wrk.err" >&2
      runs[$k]+="$line cpu_us=$cpu"$'\n'
    done
  done
done

# Per operation and target: the run with the median requests/s, unless any run failed.
for k in "${!runs[@]}"; do
  if bad=$(awk '{ for (i = 2; i <= NF; i++) { split($i, f, "="); v[f[1]] += f[2] } }
      END { if (v["non200"] + v["misses"] + v["socket_errors"] + v["wrk_failed"] > 0 || v["requests"] == 0) {
              printf "non-200: %d, misses: %d, socket: %d", v["non200"], v["misses"], v["socket_errors"]
              if (v["wrk_failed"]) printf ", wrk failed: %d", v["wrk_failed"]
              exit 1 } }' <<<"${runs[$k]}"); then
    res_ok[$k]=1 res_err[$k]=0
    mapfile -t sorted < <(grep . <<<"${runs[$k]}" | sed 's/.* rps=\([^ ]*\).*/\1 &/' | sort -n | cut -d' ' -f2-)
    median=${sorted[$(((${#sorted[@]} - 1) / 2))]}
    res_rps[$k]=$(field rps "$median") res_p50[$k]=$(field p50_ms "$median") res_p99[$k]=$(field p99_ms "$median")
    res_cpu[$k]=$(field cpu_us "$median")
    res_spread[$k]=$(printf '%.0f–%.0f' "$(field rps "${sorted[0]}")" "$(field rps "${sorted[-1]}")")
  else
    res_ok[$k]=0 res_err[$k]=$bad
    failed_runs=$((failed_runs + 1))
  fi
done

declare -A rss_after hwm_after
for t in $TARGETS; do
  rss_after[$t]=$(status_kb "${pid[$t]}" VmRSS)
  hwm_after[$t]=$(status_kb "${pid[$t]}" VmHWM)
done
loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo none)
dirty=""
if [[ -n $(cd "$root" && git status --porcelain 2>/dev/null) ]]; then dirty=" (+ uncommitted changes)"; fi
echo "## dynabase vs DynamoDB Local"
echo
echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/compare.sh\` at commit ${commit}${dirty}."
echo "Machine: $(nproc) × $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
echo "load average before/after: ${loadavg_before} / ${loadavg_after}."
if awk -v a="${loadavg_before%% *}" -v b="${loadavg_after%% *}" 'BEGIN { exit !(a > 1 || b > 3) }'; then
  echo "**The machine was busy with other work during this run (see the load average): treat the figures as indicative and compare ratios, not absolute numbers.**"
fi
echo "Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\`, $REPEAT runs per row alternating between the servers after a ${WARMUP} warmup; each row is the run with the median requests/s. wrk and the servers share the same cores."
if has_target local; then
  if [[ $LOCAL_DURABLE == 1 ]]; then
    echo "DynamoDB Local: $(basename "$local_dir") on $(java -version 2>&1 | head -n 1), \`-sharedDb -dbPath DIR\` (durable: SQLite file)."
  else
    echo "DynamoDB Local: $(basename "$local_dir") on $(java -version 2>&1 | head -n 1), \`-inMemory -sharedDb\` (no durability)."
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

if ((failed_runs > 0)); then
  log "$failed_runs run(s) failed; see FAILED rows"
  exit 1
fi
log "done"
