#!/usr/bin/env bash
# rest.sh: GET /companies/{id} on the REST API of `dynabase serve`, side by side
# with a minimal Go net/http handler that answers the very same bytes
# (bench/minimal), and optionally with the "tutorial stack": FastAPI on uvicorn
# reading Amazon DynamoDB Local with boto3 (bench/fastapi). One run, the same
# load generator (wrk), the same settings for every target, on this machine.
# Prints a markdown report on stdout (progress goes to stderr):
#
#   bench/rest.sh > /tmp/rest.md                 # minimal and dynabase
#   FASTAPI=1 bench/rest.sh > /tmp/rest.md       # and FastAPI + boto3 + DynamoDB Local
#
# Settings (environment):
#   TARGETS="minimal dynabase"   what to measure, in this order (any of: minimal dynabase fastapi)
#   FASTAPI=1                    add fastapi to TARGETS
#   THREADS=2 CONNECTIONS=32 DURATION=15s   wrk settings, the same for every target
#   WARMUP=5s                    unreported wrk run before a target's first measured run
#   REPEAT=3                     measured runs per target, alternating targets; the median is reported
#   MINIMAL_PORT=18020 DYNABASE_PORT=18021 FASTAPI_PORT=18022 LOCAL_PORT=18023 (DynamoDB Local)
#   DYNABASE_BIN=path            use this binary instead of building ./cmd/dynabase
#   DYNABASE_ARGS="--in-memory"  flags for `dynabase serve`; with neither --in-memory nor
#                                --data, `--data $TMP/data` (durable, fresh) is added
#   FASTAPI_ARGS=                extra uvicorn flags (e.g. --no-access-log); default: uvicorn's defaults
#   PYTHON=path                  a Python that imports fastapi, uvicorn and boto3 (default: Debian's
#                                /usr/bin/python3 with python3-fastapi python3-uvicorn python3-boto3,
#                                installed with apt-get when missing; else a venv, FASTAPI_VENV=dir,
#                                default ~/.cache/dynabase-bench/fastapi-venv, filled with pip)
#   SHARED=dir                   the shared/ folder (default: ../shared next to the repo)
#
# Everything started here is stopped on exit, on failure too. Traffic goes to
# 127.0.0.1 only. Exit status is non-zero when any measured run had a non-200
# answer, an answer without the company, or a socket error: such a run is shown
# as FAILED, never as throughput.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh" rest # root, shared, THREADS CONNECTIONS DURATION WARMUP REPEAT, helpers

TARGETS=${TARGETS:-"minimal dynabase"}
FASTAPI=${FASTAPI:-0}
MINIMAL_PORT=${MINIMAL_PORT:-18020}
DYNABASE_PORT=${DYNABASE_PORT:-18021}
FASTAPI_PORT=${FASTAPI_PORT:-18022}
LOCAL_PORT=${LOCAL_PORT:-18023}
DYNABASE_ARGS=${DYNABASE_ARGS---in-memory}
FASTAPI_ARGS=${FASTAPI_ARGS:-}

# The one company every target serves; dynabase derives the id from the name.
COMPANY_ID=acme
COMPANY_NAME=Acme
COMPANY_KEYWORDS=(rockets anvils)
company_json='{"name":"'$COMPANY_NAME'","keywords":["'${COMPANY_KEYWORDS[0]}'","'${COMPANY_KEYWORDS[1]}'"]}'
path=/companies/$COMPANY_ID

if [[ $FASTAPI == 1 && " $TARGETS " != *" fastapi "* ]]; then TARGETS="$TARGETS fastapi"; fi
read -ra tlist <<<"$TARGETS"
TARGETS="${tlist[*]}" # one space between names
check_targets minimal dynabase fastapi

need_tools fastapi

# The Python for the FastAPI app: PYTHON, else Debian's packages, else a venv.
py=""
py_ok() { command -v "$1" >/dev/null && "$1" -c 'import fastapi, uvicorn, boto3' 2>/dev/null; }
if has_target fastapi; then
  if [[ -n ${PYTHON:-} ]]; then
    py_ok "$PYTHON" || die "PYTHON=$PYTHON cannot import fastapi, uvicorn and boto3"
    py=$PYTHON py_from="PYTHON=$PYTHON"
  else
    debs=(python3-fastapi python3-uvicorn python3-boto3)
    if ! py_ok /usr/bin/python3 && command -v apt-get >/dev/null; then
      candidates() { for d in "${debs[@]}"; do apt-cache policy "$d" 2>/dev/null | awk '/Candidate:/ { print $2 }'; done; }
      if [[ $(candidates | grep -cv '^(none)$') != "${#debs[@]}" ]]; then
        apt-get update -qq >&2 || true
        apt_updated=1
      fi
      if [[ $(candidates | grep -cv '^(none)$') == "${#debs[@]}" ]]; then
        apt_install "${debs[@]}" || log "apt-get could not install ${debs[*]}; trying a venv"
      else
        log "no Debian packages for ${debs[*]}; trying a venv"
      fi
    fi
    if py_ok /usr/bin/python3; then
      py=/usr/bin/python3 py_from="Debian packages"
    else
      venv=${FASTAPI_VENV:-${HOME:-/tmp}/.cache/dynabase-bench/fastapi-venv}
      if ! py_ok "$venv/bin/python"; then
        log "creating a venv in $venv and installing fastapi uvicorn boto3 with pip"
        python3 -m venv "$venv" >&2 || die "python3 -m venv failed (apt-get install python3-venv, or set PYTHON)"
        "$venv/bin/pip" install -q fastapi uvicorn boto3 >&2 \
          || die "pip could not install fastapi uvicorn boto3 (and no Debian packages): set PYTHON, or drop fastapi from TARGETS"
      fi
      py=$venv/bin/python py_from="venv $venv (pip)"
    fi
  fi
  [[ -x $shared/tools/dynamodb-local ]] || die "no $shared/tools/dynamodb-local (set SHARED)"
fi

init_cleanup dynabase-rest # $tmp; everything started here is stopped on exit

# ---------------------------------------------------------------- helpers
http_ok() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true) == 200 ]]; }

# wait_http URL PID: poll URL until it answers 200 (60 s max), as long as PID lives.
wait_http() { wait_for "$2" 60 http_ok "$1"; }

port_of() {
  case $1 in minimal) echo "$MINIMAL_PORT" ;; dynabase) echo "$DYNABASE_PORT" ;; fastapi) echo "$FASTAPI_PORT" ;; esac
}
label() {
  case $1 in
    minimal) echo "minimal net/http" ;;
    dynabase) echo "dynabase" ;;
    fastapi) echo "FastAPI + boto3 + DynamoDB Local" ;;
  esac
}

rss_kb() { local s=0 p; for p in "$@"; do s=$((s + $(status_kb "$p" VmRSS))); done; echo "$s"; }

# capture TARGET: one GET of the company; $tmp/TARGET.{code,type,body,head}.
capture() {
  local w
  w=$(curl -sS --max-time 10 -D "$tmp/$1.head" -o "$tmp/$1.body" -w '%{http_code}\n%{content_type}' \
    "http://127.0.0.1:$(port_of "$1")$path") || return 1
  printf '%s\n' "${w%%$'\n'*}" >"$tmp/$1.code"
  printf '%s\n' "${w#*$'\n'}" >"$tmp/$1.type"
  [[ ${w%%$'\n'*} == 200 ]]
}

# ---------------------------------------------------------------- build
log "building bench/minimal"
(cd "$root" && go build -o "$tmp/minimal" ./bench/minimal)
if has_target dynabase; then build_dynabase "TARGETS=\"minimal fastapi\" skips it"; fi

used_ports=()
for t in $TARGETS; do used_ports+=("$(port_of "$t")"); done
has_target fastapi && used_ports+=("$LOCAL_PORT")
need_free_ports "MINIMAL_PORT/DYNABASE_PORT/FASTAPI_PORT/LOCAL_PORT" "${used_ports[@]}"
loadavg_before=$(loadavg)

# ---------------------------------------------------------------- start servers
declare -A target_pids
if has_target dynabase; then
  dargs=$DYNABASE_ARGS
  [[ " $dargs " == *" --in-memory "* || " $dargs " == *" --data"[\ =]* ]] || dargs="$dargs --data $tmp/data"
  log "starting dynabase on $DYNABASE_PORT: serve $dargs"
  # shellcheck disable=SC2086 # dargs is a list of flags
  "$tmp/dynabase" serve --addr "127.0.0.1:$DYNABASE_PORT" $dargs >"$tmp/dynabase.log" 2>&1 &
  pids+=("$!")
  target_pids[dynabase]=$!
  wait_http "http://127.0.0.1:$DYNABASE_PORT/openapi.json" "$!" || die "dynabase did not answer GET /openapi.json with 200"
  out=$(curl -sS --max-time 10 -w '\n%{http_code}' -X PUT "http://127.0.0.1:$DYNABASE_PORT/companies" \
    -H 'Content-Type: application/json' -d "$company_json") || die "dynabase: PUT /companies failed"
  code=${out##*$'\n'}
  [[ $code == 2?? ]] || die "dynabase: PUT /companies $company_json answered $code: ${out%$'\n'*}"
  log "dynabase: PUT /companies answered $code"
  capture dynabase || die "dynabase: GET $path answered $(cat "$tmp/dynabase.code"): $(head -c 300 "$tmp/dynabase.body")"
fi

if has_target fastapi; then
  # TMPDIR: the tool's log file goes into $tmp (tailed on failure, removed on exit).
  TMPDIR=$tmp start_dynamodb_local "$LOCAL_PORT"
  export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1
  unset AWS_PROFILE AWS_SESSION_TOKEN
  log "creating table companies and putting $COMPANY_ID in DynamoDB Local (boto3)"
  PYTHONDONTWRITEBYTECODE=1 "$py" "$here/fastapi/seed.py" "http://127.0.0.1:$LOCAL_PORT" \
    "$COMPANY_ID" "$COMPANY_NAME" "${COMPANY_KEYWORDS[@]}" >"$tmp/seed.log" 2>&1 || die "seeding DynamoDB Local failed"
  log "starting FastAPI on $FASTAPI_PORT: uvicorn app:app${FASTAPI_ARGS:+ $FASTAPI_ARGS}"
  # shellcheck disable=SC2086 # FASTAPI_ARGS is a list of flags
  (cd "$here/fastapi" && DYNAMODB_ENDPOINT="http://127.0.0.1:$LOCAL_PORT" PYTHONDONTWRITEBYTECODE=1 \
    exec "$py" -m uvicorn app:app --host 127.0.0.1 --port "$FASTAPI_PORT" $FASTAPI_ARGS) >"$tmp/fastapi.log" 2>&1 &
  pids+=("$!")
  target_pids[fastapi]="$! $local_pid"
  wait_http "http://127.0.0.1:$FASTAPI_PORT/openapi.json" "$!" || die "FastAPI did not answer GET /openapi.json with 200"
  capture fastapi || die "fastapi: GET $path answered $(cat "$tmp/fastapi.code"): $(head -c 300 "$tmp/fastapi.body")"
fi

# The bytes the minimal handler answers: dynabase's, else FastAPI's, else a fixed body.
if has_target dynabase; then
  ref=dynabase ref_from="the bytes \`dynabase serve\` answered"
elif has_target fastapi; then
  ref=fastapi ref_from="the bytes FastAPI answered; dynabase was not measured"
else
  ref=builtin ref_from="a fixed body; dynabase was not measured"
  printf '{"id":"%s","name":"%s","keywords":["%s","%s"]}' "$COMPANY_ID" "$COMPANY_NAME" "${COMPANY_KEYWORDS[@]}" >"$tmp/builtin.body"
  echo application/json >"$tmp/builtin.type"
fi
ref_type=$(cat "$tmp/$ref.type")
if has_target minimal; then
  cp "$tmp/$ref.body" "$tmp/minimal-answer.json"
  log "starting bench/minimal on $MINIMAL_PORT: $(wc -c <"$tmp/minimal-answer.json") bytes of $ref, Content-Type $ref_type"
  "$tmp/minimal" --addr "127.0.0.1:$MINIMAL_PORT" --body "$tmp/minimal-answer.json" --content-type "$ref_type" >"$tmp/minimal.log" 2>&1 &
  pids+=("$!")
  target_pids[minimal]=$!
  wait_http "http://127.0.0.1:$MINIMAL_PORT$path" "$!" || die "bench/minimal did not answer GET $path"
  capture minimal || die "minimal: GET $path answered $(cat "$tmp/minimal.code")"
fi
for t in $TARGETS; do
  log "$t: GET $path -> $(cat "$tmp/$t.code") $(cat "$tmp/$t.type"), $(wc -c <"$tmp/$t.body") bytes: $(head -c 200 "$tmp/$t.body")"
done
if has_target minimal && has_target dynabase; then
  cmp -s "$tmp/minimal.body" "$tmp/dynabase.body" || die "minimal's body differs from dynabase's"
  [[ $(cat "$tmp/minimal.type") == "$(cat "$tmp/dynabase.type")" ]] || die "minimal's Content-Type differs from dynabase's"
fi

# ---------------------------------------------------------------- wrk runs
export BENCH_EXPECT="\"$COMPANY_NAME\"" BENCH_NAME
declare -A rss_after
wrk_cmd() { echo "wrk -t$THREADS -c$CONNECTIONS -d$2 --timeout 10s -s bench/get-path.lua http://127.0.0.1:$(port_of "$1")$path"; }
run_wrk() { # TARGET RUN DURATION -> BENCH line on stdout
  BENCH_NAME=$1 wrk_bench "$3" "$here/get-path.lua" "http://127.0.0.1:$(port_of "$1")$path"
}
# Repeats alternate between the targets, so that load from outside drifting
# over time hits all alike; each target gets its warmup before its first run.
for r in $(seq 1 "$REPEAT"); do
  for t in $TARGETS; do
    # shellcheck disable=SC2086 # target_pids holds a list of pids
    for p in ${target_pids[$t]}; do kill -0 "$p" 2>/dev/null || die "$t: process $p is gone"; done
    # CPU µs per request: all processes of the target together, and each one's share ("a+b").
    measure "$t" "$t" "$r" "${target_pids[$t]}" run_wrk "$t"
  done
done

# Per target: the run with the median requests/s, unless any run failed.
for t in $TARGETS; do
  summarize "$t"
  # shellcheck disable=SC2086
  rss_after[$t]=$(rss_kb ${target_pids[$t]})
done
loadavg_after=$(loadavg)

# ---------------------------------------------------------------- report
q() { if [[ $1 =~ ^[A-Za-z0-9_./:=-]+$ ]]; then printf '%s' "$1"; else printf '"%s"' "$1"; fi; }
cmdline="TARGETS=$(q "$TARGETS") THREADS=$THREADS CONNECTIONS=$CONNECTIONS DURATION=$DURATION WARMUP=$WARMUP REPEAT=$REPEAT"
has_target dynabase && cmdline+=" DYNABASE_ARGS=$(q "$DYNABASE_ARGS")${DYNABASE_BIN:+ DYNABASE_BIN=$(q "$DYNABASE_BIN")}"
has_target fastapi && cmdline+="${FASTAPI_ARGS:+ FASTAPI_ARGS=$(q "$FASTAPI_ARGS")}${PYTHON:+ PYTHON=$(q "$PYTHON")}"
cmdline+=" bench/rest.sh"

echo "## REST GET /companies/{id}: dynabase vs a minimal net/http handler$(has_target fastapi && echo " and FastAPI + boto3")"
echo
report_origin rest.sh "$cmdline"
echo "Go: $(go env GOVERSION) (dynabase and bench/minimal built with it)."
echo "Load: \`$(wrk_cmd "${TARGETS%% *}" "$DURATION")\` (each target on its own port), $REPEAT runs per target alternating between the targets after a ${WARMUP} warmup each; each row is the run with the median requests/s. wrk and the servers share the same cores."
if has_target dynabase; then
  echo "dynabase: \`serve $dargs\`, the company created with \`PUT /companies $company_json\`."
fi
if has_target minimal; then
  echo "minimal net/http: \`bench/minimal\`, one \`http.ServeMux\` route \"GET /companies/{id}\" writing $(wc -c <"$tmp/minimal.body") fixed bytes (${ref_from}) with Content-Type \`$(cat "$tmp/minimal.type")\`; no lookup."
fi
if has_target fastapi; then
  versions=$("$py" - <<'EOF'
import sys, importlib.util as u
import fastapi, starlette, pydantic, uvicorn, boto3, botocore
loop = "uvloop" if u.find_spec("uvloop") else "asyncio"
http = "httptools" if u.find_spec("httptools") else "h11"
print(f"FastAPI {fastapi.__version__} (Starlette {starlette.__version__}, pydantic {pydantic.VERSION}) on uvicorn {uvicorn.__version__} "
      f"(1 worker, {loop} loop, {http} parser), boto3 {boto3.__version__} / botocore {botocore.__version__}, Python {sys.version.split()[0]}")
EOF
  ) || versions="(versions unknown)"
  access="access log on, to a file"
  [[ $FASTAPI_ARGS == *--no-access-log* ]] && access="no access log"
  echo "FastAPI + boto3 + DynamoDB Local: \`bench/fastapi/app.py\`, ${versions}, from ${py_from}; \`uvicorn app:app${FASTAPI_ARGS:+ $FASTAPI_ARGS}\`, otherwise uvicorn's defaults (${access}); boto3's resource API, \`Table.get_item\` per request, in FastAPI's thread pool."
  echo "DynamoDB Local: $(local_version), \`-inMemory -sharedDb\`; its CPU time and RSS are counted in this target's, with uvicorn's."
fi
echo
has_target minimal && ratio_head=" | ÷ minimal (req/s)" || ratio_head=""
echo "| target | requests/s | p50 ms | p99 ms | errors | server CPU µs/request | req/s over $REPEAT runs | RSS after MiB${ratio_head} |"
echo "|---|---:|---:|---:|---|---:|---:|---:|$([[ -n $ratio_head ]] && echo "---:|")"
for t in $TARGETS; do
  rps="FAILED" p50="–" p99="–" cpu="–" spread="–" ratio=""
  if ((res_ok[$t])); then
    rps=$(printf '%.0f' "${res_rps[$t]}") p50=$(printf '%.2f' "${res_p50[$t]}") p99=$(printf '%.2f' "${res_p99[$t]}")
    cpu=${res_cpu[$t]} spread=${res_spread[$t]}
    if [[ ${res_cpu_parts[$t]} == *+* ]]; then cpu+=" (${res_cpu_parts[$t]})"; fi
  fi
  if [[ -n $ratio_head ]]; then
    if ((res_ok[$t])) && ((res_ok[minimal])); then
      ratio=" | $(awk -v a="${res_rps[$t]}" -v b="${res_rps[minimal]}" 'BEGIN { printf (a / b < 0.1 ? "%.3f×" : "%.2f×"), a / b }')"
    else
      ratio=" | n/a"
    fi
  fi
  echo "| $(label "$t") | $rps | $p50 | $p99 | ${res_err[$t]} | $cpu | $spread | $(mib "${rss_after[$t]}")${ratio} |"
done
if has_target dynabase; then
  for o in minimal fastapi; do
    has_target "$o" || continue
    echo
    if ((res_ok[dynabase] && res_ok[$o])); then
      awk -v a="${res_rps[dynabase]}" -v b="${res_rps[$o]}" -v ca="${res_cpu[dynabase]}" -v cb="${res_cpu[$o]}" -v who="$(label "$o")" '
        function x(r) { return sprintf(r >= 100 ? "%.0f×" : r >= 10 ? "%.1f×" : "%.2f×", r) }
        BEGIN {
          printf "dynabase ÷ %s: %s the requests/s", who, x(a / b)
          if (ca > 0 && cb > 0) {
            if (ca >= cb) printf "; server CPU per request: dynabase %s that of %s", x(ca / cb), who
            else printf "; server CPU per request: %s %s that of dynabase", who, x(cb / ca)
          }
          print "." }'
    else
      echo "dynabase ÷ $(label "$o"): n/a (a run failed)."
    fi
  done
fi
echo
echo "What each target answered to \`GET $path\` before the runs:"
echo
echo "| target | status | Content-Type | body bytes | body | response header fields |"
echo "|---|---|---|---:|---|---|"
for t in $TARGETS; do
  same=""
  if [[ $t != "$ref" && $ref != builtin ]]; then
    if cmp -s "$tmp/$t.body" "$tmp/$ref.body"; then same="same bytes as $ref"; else same="differs from $ref"; fi
  fi
  hdrs=$(tr -d '\r' <"$tmp/$t.head" | sed -n 's/^\([A-Za-z0-9-]*\):.*/\1/p' | paste -sd ' ' -)
  body=$(head -c 160 "$tmp/$t.body" | tr -d '\n|`')
  [[ $(wc -c <"$tmp/$t.body") -gt 160 ]] && body+="…"
  echo "| $(label "$t") | $(cat "$tmp/$t.code") | \`$(cat "$tmp/$t.type")\` | $(wc -c <"$tmp/$t.body") | \`$body\`${same:+ ($same)} | $hdrs |"
done
echo
echo "CPU: the server's user+system time during the median run ÷ requests$(has_target fastapi && echo "; for FastAPI, uvicorn's and DynamoDB Local's together (in parentheses: uvicorn + DynamoDB Local)"). RSS: VmRSS after the runs$(has_target fastapi && echo " (FastAPI: both processes)")."

finish "$failed_runs target(s) had failed runs"
