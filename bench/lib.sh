# lib.sh: what bench/compare.sh and bench/rest.sh share. Sourced, never run:
#
#   here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
#   source "$here/lib.sh" NAME        # NAME tags the progress lines: [NAME 12:00:00] ...
#
# Sets root (the repository), shared (SHARED, default ../shared next to it) and
# the wrk settings every script takes the same way (THREADS CONNECTIONS DURATION
# WARMUP REPEAT); defines the helpers below. The caller sets TARGETS before it
# calls check_targets, and calls init_cleanup before it starts anything.
# Check with: shellcheck -x bench/compare.sh bench/rest.sh bench/lib.sh
# shellcheck shell=bash

bench_name=${1:?usage: source lib.sh NAME}
root=$(cd "${here:?}/.." && pwd)
shared=${SHARED:-$root/../shared}

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
REPEAT=${REPEAT:-3}

log() { printf '[%s %s] %s\n' "$bench_name" "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

has_target() { [[ " $TARGETS " == *" $1 "* ]]; }

# check_targets NAME...: TARGETS is not empty and holds only these names; REPEAT is a positive integer.
check_targets() {
  local t
  for t in $TARGETS; do
    [[ " $* " == *" $t "* ]] || die "unknown target '$t' (TARGETS may hold: $*)"
  done
  [[ -n ${TARGETS// /} ]] || die "TARGETS is empty"
  [[ $REPEAT =~ ^[1-9][0-9]*$ ]] || die "REPEAT must be a positive integer"
}

# ---------------------------------------------------------------- tools
apt_updated=0
apt_install() {
  log "installing $* with apt-get"
  if ((!apt_updated)); then apt-get update -qq >&2; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# need_tools TARGET: installs wrk and curl, and when TARGET is measured a Java 17
# runtime for DynamoDB Local, with apt-get where missing; go must be there.
need_tools() {
  local need_apt=()
  command -v wrk >/dev/null || need_apt+=(wrk)
  command -v curl >/dev/null || need_apt+=(curl)
  if has_target "$1"; then command -v java >/dev/null || need_apt+=(openjdk-17-jre-headless); fi
  if ((${#need_apt[@]})); then apt_install "${need_apt[@]}"; fi
  command -v go >/dev/null || die "go not found"
}

# ---------------------------------------------------------------- cleanup
pids=()        # every process started here: stopped on exit
local_pid=""   # DynamoDB Local's JVM, stopped first with the tool that started it
starting_local="" # the port while `dynamodb-local start` runs
failed_runs=0  # measured rows that failed: exit 1 without the log tails

# init_cleanup NAME: makes the temporary directory $tmp (NAME.XXXXXX) and arms
# the traps that stop everything started here and remove $tmp, on exit, on
# failure (with the tail of every $tmp/*.log) and on SIGINT/SIGTERM.
init_cleanup() {
  tmp=$(mktemp -d -t "$1.XXXXXX")
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# stop_pid PID: SIGTERM, then SIGKILL if it still runs after 10 s.
stop_pid() {
  kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

cleanup() {
  local rc=$? c p
  set +e
  # Interrupted inside `dynamodb-local start`: its JVM is ours (the port was free), find it by port.
  if [[ -n $starting_local ]]; then
    for c in /proc/[0-9]*/cmdline; do
      if tr '\0' ' ' <"$c" 2>/dev/null | grep -q -- "DynamoDBLocal.jar .*-port $starting_local\( \|$\)"; then
        c=${c#/proc/}; pids+=("${c%/cmdline}")
      fi
    done
  fi
  if [[ -n $local_pid ]] && kill -0 "$local_pid" 2>/dev/null; then
    "$shared/tools/dynamodb-local" stop "$local_pid" 2>/dev/null
  fi
  for p in "${pids[@]}"; do stop_pid "$p"; done
  wait 2>/dev/null
  if ((rc != 0)) && [[ $rc != 1 || $failed_runs == 0 ]]; then
    for c in "$tmp"/*.log; do [[ -f $c ]] && { log "--- tail of $c"; tail -n 20 "$c" >&2; }; done
  fi
  rm -rf "$tmp"
  exit "$rc"
}

# ---------------------------------------------------------------- processes
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# need_free_ports HINT PORT...: dies unless every PORT is free; HINT says which settings move them.
need_free_ports() {
  local hint=$1 p
  shift
  for p in "$@"; do
    port_free "$p" || die "port $p is in use (set $hint)"
  done
}

# wait_for PID SECONDS COMMAND...: runs COMMAND every 0.1 s, output discarded,
# until it succeeds (0), PID has exited (1) or SECONDS have passed (1).
wait_for() {
  local alive=$1 n=$(($2 * 10))
  shift 2
  for _ in $(seq 1 "$n"); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$alive" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# build_dynabase HINT: $tmp/dynabase from DYNABASE_BIN, else built from ./cmd/dynabase;
# HINT tells how to do without it when the build fails.
build_dynabase() {
  if [[ -n ${DYNABASE_BIN:-} ]]; then
    cp "$DYNABASE_BIN" "$tmp/dynabase"
  else
    log "building dynabase"
    (cd "$root" && go build -o "$tmp/dynabase" ./cmd/dynabase) || die "go build ./cmd/dynabase failed ($1)"
  fi
}

# start_dynamodb_local PORT: Amazon DynamoDB Local on 127.0.0.1:PORT with
# shared/tools/dynamodb-local (which puts its log in TMPDIR); sets local_pid
# and local_dir (the JVM's working directory, named after the build).
start_dynamodb_local() {
  local out
  log "starting DynamoDB Local on $1"
  starting_local=$1
  out=$("$shared/tools/dynamodb-local" start "$1") || die "dynamodb-local did not start"
  local_pid=${out##*pid=}
  pids+=("$local_pid")
  starting_local=""
  local_dir=$(readlink "/proc/$local_pid/cwd")
}

# local_version: the DynamoDB Local build and the Java that runs it, for the report.
local_version() { echo "$(basename "$local_dir") on $(java -version 2>&1 | head -n 1)"; }

status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
# cpu_ticks PID...: user + system clock ticks of each of these processes.
cpu_ticks() { local p; for p in "$@"; do awk '{ printf "%d ", $14 + $15 }' "/proc/$p/stat"; done; }
clk_tck=$(getconf CLK_TCK)

# ---------------------------------------------------------------- wrk runs
# wrk_bench DURATION SCRIPT URL: one wrk run with THREADS and CONNECTIONS; prints
# the script's BENCH line (none when wrk failed); wrk's stderr in $tmp/wrk.err,
# its output appended to $tmp/wrk.log.
wrk_bench() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 10s -s "$2" "$3" 2>"$tmp/wrk.err" \
    | tee -a "$tmp/wrk.log" | grep '^BENCH ' || true
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

declare -gA runs res_ok res_err res_rps res_p50 res_p99 res_cpu res_cpu_parts res_spread

# measure KEY WHAT R "PID..." COMMAND...: measured run R (of REPEAT) of
# `COMMAND R DURATION`, which prints a BENCH line (see wrk_bench), preceded for
# R = 1 by an unreported `COMMAND w WARMUP` unless WARMUP is 0. Appends the
# line, with the server CPU µs per request of these PIDs (cpu_us, all together;
# cpu_parts, each one's share as "a+b"), to runs[KEY]. WHAT labels the log lines.
measure() {
  local key=$1 what=$2 r=$3 watched=$4 c0 c1 line reqs cpu bad
  shift 4
  if ((r == 1)) && [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
    log "$what: warmup $WARMUP"
    "$@" w "$WARMUP" >/dev/null
  fi
  log "$what: run $r/$REPEAT, -t$THREADS -c$CONNECTIONS -d$DURATION"
  # shellcheck disable=SC2086 # watched is a list of pids
  c0=$(cpu_ticks $watched)
  line=$("$@" "$r" "$DURATION")
  # shellcheck disable=SC2086
  c1=$(cpu_ticks $watched)
  log "$what: ${line:-no BENCH line from wrk}"
  if [[ -z $line ]]; then
    line="BENCH requests=0 rps=0 p50_ms=0 p99_ms=0 non200=0 misses=0 socket_errors=0 wrk_failed=1"
  fi
  reqs=$(field requests "$line")
  cpu=$(awk -v c0="$c0" -v c1="$c1" -v hz="$clk_tck" -v n="$reqs" 'BEGIN {
    k = split(c0, a, " "); split(c1, b, " "); t = 0; parts = ""
    for (i = 1; i <= k; i++) { u = n > 0 ? (b[i] - a[i]) / hz * 1e6 / n : 0; t += u; parts = parts (i > 1 ? "+" : "") sprintf("%.0f", u) }
    printf "%.0f %s", t, parts }')
  bad=$(($(field non200 "$line") + $(field misses "$line") + $(field socket_errors "$line")))
  ((bad == 0 && reqs > 0)) || sed 's/^/  wrk: /' "$tmp/wrk.err" >&2
  runs[$key]+="$line cpu_us=${cpu%% *} cpu_parts=${cpu#* }"$'\n'
}

# summarize KEY: the run of runs[KEY] with the median requests/s, into res_rps,
# res_p50, res_p99, res_cpu, res_cpu_parts and res_spread (lowest–highest
# requests/s) with res_ok 1 and res_err 0; unless any run failed: then res_ok 0,
# res_err what failed, and failed_runs counts one more.
# shellcheck disable=SC2034 # the res_ arrays are read by the sourcing script
summarize() {
  local k=$1 bad sorted median
  if bad=$(awk '{ for (i = 2; i <= NF; i++) { split($i, f, "="); v[f[1]] += f[2] } }
      END { if (v["non200"] + v["misses"] + v["socket_errors"] + v["wrk_failed"] > 0 || v["requests"] == 0) {
              printf "non-200: %d, misses: %d, socket: %d", v["non200"], v["misses"], v["socket_errors"]
              if (v["wrk_failed"]) printf ", wrk failed: %d", v["wrk_failed"]
              exit 1 } }' <<<"${runs[$k]}"); then
    res_ok[$k]=1 res_err[$k]=0
    mapfile -t sorted < <(grep . <<<"${runs[$k]}" | sed 's/.* rps=\([^ ]*\).*/\1 &/' | sort -n | cut -d' ' -f2-)
    median=${sorted[$(((${#sorted[@]} - 1) / 2))]}
    res_rps[$k]=$(field rps "$median") res_p50[$k]=$(field p50_ms "$median") res_p99[$k]=$(field p99_ms "$median")
    res_cpu[$k]=$(field cpu_us "$median") res_cpu_parts[$k]=$(field cpu_parts "$median")
    res_spread[$k]=$(printf '%.0f–%.0f' "$(field rps "${sorted[0]}")" "$(field rps "${sorted[-1]}")")
  else
    res_ok[$k]=0 res_err[$k]=$bad
    failed_runs=$((failed_runs + 1))
  fi
}

# ---------------------------------------------------------------- report
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# report_origin SCRIPT [COMMAND]: the report's lines on when and by what it was
# measured (at which commit, with which command line), on which machine, and how
# loaded it was (loadavg_before, loadavg_after: see loadavg), with a warning when it was busy.
report_origin() {
  local commit dirty=""
  commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo none)
  if [[ -n $(cd "$root" && git status --porcelain 2>/dev/null) ]]; then dirty=" (+ uncommitted changes)"; fi
  if (($# > 1)); then
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/$1\` at commit ${commit}${dirty}:"
    echo "\`$2\`."
  else
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/$1\` at commit ${commit}${dirty}."
  fi
  echo "Machine: $(nproc) × $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
  echo "load average before/after: ${loadavg_before:?} / ${loadavg_after:?}."
  if awk -v a="${loadavg_before%% *}" -v b="${loadavg_after%% *}" 'BEGIN { exit !(a > 1 || b > 3) }'; then
    echo "**The machine was busy with other work during this run (see the load average): treat the figures as indicative and compare ratios, not absolute numbers.**"
  fi
}

# finish WHAT: exit 1 after "WHAT; see FAILED rows" when a row failed (failed_runs), else log done.
finish() {
  if ((failed_runs > 0)); then
    log "$1; see FAILED rows"
    exit 1
  fi
  log "done"
}
