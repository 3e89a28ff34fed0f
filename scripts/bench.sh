#!/usr/bin/env bash
# make bench: Go benchmarks of decoding and mapping, then terraform plan over
# BENCH_N sarvam_campaign data sources against the fake API on loopback, with
# and without a simulated WAN, for distinct and for repeated campaign ids;
# then terraform plan of one data "sarvam_campaigns" listing every campaign
# of a large workspace, with and without the WAN. It prints figures and
# asserts nothing.
#
# Settings (environment):
#   BENCH_N              data sources in each plan (200)
#   BENCH_DISTINCT       distinct campaigns behind the repeated plan (20)
#   BENCH_LISTS          campaigns generated for each list plan, besides the
#                        7 the fake is seeded with ("5000 20000"); empty skips
#   BENCH_RUNS           plans of each configuration of data sources, with and
#                        without the WAN, for each provider (3); the table
#                        shows medians
#   BENCH_LIST_RUNS      plans of each list, with and without the WAN (3); the
#                        median of each figure follows the runs
#   BENCH_REQUEST_DELAY  delay the fake API adds to every request (50ms)
#   BENCH_CONN_DELAY     delay it adds to a new connection's first request (100ms)
#   BENCH_GO             "0" skips the Go benchmarks
#   HTTP_PROVIDER_BIN    the terraform-provider-http binary the same reads are
#                        planned through, in data "http" blocks, for comparison;
#                        "none" skips the comparison. By default, hashicorp/http
#                        as its main branch was at BENCH_HTTP_VERSION, the 3.x
#                        line on terraform-plugin-framework, built once by
#                        go install into BENCH_CACHE
#   BENCH_HTTP_VERSION   the module version of terraform-provider-http built by
#                        default (v1.2.1-0.20260903154542-926109cd8c07: the Go
#                        module proxy serves the 3.x line under a pseudo-version
#                        of its old module path only)
#   BENCH_CACHE          where it is built (${XDG_CACHE_HOME:-~/.cache}/
#                        terraform-provider-sarvam/bench)
#
# Terraform runs at its default parallelism (10). The provider's CPU time and
# peak resident memory come from the kernel when it exits (scripts/rusage
# runs it); "terraform CPU" is Terraform's own, without its providers.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${BENCH_N:-200}
distinct=${BENCH_DISTINCT:-20}
request_delay=${BENCH_REQUEST_DELAY:-50ms}
conn_delay=${BENCH_CONN_DELAY:-100ms}
parallelism=10
lists=${BENCH_LISTS-5000 20000}
list_runs=${BENCH_LIST_RUNS:-3}
runs=${BENCH_RUNS:-3}

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

command -v terraform >/dev/null || { echo "bench: terraform is not on PATH" >&2; exit 1; }

# The peer: hashicorp/http, built once into the cache unless
# HTTP_PROVIDER_BIN names another build. A build goes to a temporary
# directory first, so that an interrupted one is never taken for a finished
# one.
http_module=github.com/terraform-providers/terraform-provider-http
http_version=${BENCH_HTTP_VERSION:-v1.2.1-0.20260903154542-926109cd8c07}
if [ -z "${HTTP_PROVIDER_BIN:-}" ]; then
  http_dir="${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-sarvam/bench}/http-$http_version"
  if [ ! -x "$http_dir/terraform-provider-http" ]; then
    echo "==> Building $http_module@$http_version into $http_dir (once)"
    rm -rf "$http_dir.partial"
    mkdir -p "$http_dir.partial"
    GOBIN="$http_dir.partial" nice -n 5 go install "$http_module@$http_version"
    rm -rf "$http_dir"
    mv "$http_dir.partial" "$http_dir"
  fi
  HTTP_PROVIDER_BIN=$http_dir/terraform-provider-http
fi
[ "$HTTP_PROVIDER_BIN" != none ] || HTTP_PROVIDER_BIN=""

if [ "${BENCH_GO:-1}" != 0 ]; then
  echo "==> Go benchmarks"
  (cd "$root" && go test -run '^$' -bench . -benchmem ./internal/client/ ./internal/provider/) | grep -E '^(Benchmark|ok|FAIL)'
  echo
fi

echo "==> Building the provider, the fake API and the measuring wrapper"
go build -C "$root" -o "$tmp/terraform-provider-sarvam" .
go build -C "$root" -o "$tmp/fakeapi" ./cmd/sarvam-fakeapi
go build -C "$root" -o "$tmp/rusage" ./scripts/rusage

# Each provider directory holds the wrapper under the provider's name and
# the provider itself next to it as .real.
mkdir -p "$tmp/sarvam" "$tmp/http"
cp "$tmp/rusage" "$tmp/sarvam/terraform-provider-sarvam"
cp "$tmp/terraform-provider-sarvam" "$tmp/sarvam/terraform-provider-sarvam.real"
providers=(sarvam)
if [ -n "${HTTP_PROVIDER_BIN:-}" ]; then
  [ -x "$HTTP_PROVIDER_BIN" ] || { echo "bench: HTTP_PROVIDER_BIN=$HTTP_PROVIDER_BIN is not an executable" >&2; exit 1; }
  cp "$tmp/rusage" "$tmp/http/terraform-provider-http"
  cp "$HTTP_PROVIDER_BIN" "$tmp/http/terraform-provider-http.real"
  providers+=(http)
  # Which http, and on which framework, as its build records them.
  echo "    http: $HTTP_PROVIDER_BIN ($(go version -m "$HTTP_PROVIDER_BIN" 2>/dev/null |
    awk '$1 == "mod" { printf "%s %s", $2, $3 } $1 == "dep" && $2 ~ /terraform-plugin-(framework|sdk(\/v2)?)$/ { printf ", %s %s", $2, $3 }'))"
fi

# A key made up for this run: the fake accepts only it.
export SARVAM_API_KEY="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export SARVAM_ORG_ID=org-acme-finance SARVAM_WORKSPACE_ID=ws-collections

# Two fakes: one on a simulated WAN, one answering at once. Each holds n
# generated campaigns, GEN-000001 onwards.
start_fake() { # name, request delay, connection delay, generated campaigns
  "$tmp/fakeapi" -quiet -listen 127.0.0.1:0 -addr-file "$tmp/$1.addr" -extra-campaigns "$4" \
    -request-delay "$2" -conn-delay "$3" >/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$tmp/$1.addr" ] && break; sleep 0.1; done
  [ -s "$tmp/$1.addr" ] || { echo "bench: the fake API did not start" >&2; exit 1; }
}
start_fake wan "$request_delay" "$conn_delay" "$n"
start_fake local 0 0 "$n"

go run -C "$root" ./scripts/devoverrides "$tmp/terraformrc" sarvamai/sarvam="$tmp/sarvam" hashicorp/http="$tmp/http"
export TF_CLI_CONFIG_FILE="$tmp/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_CLI_ARGS TF_CLI_ARGS_plan TF_WORKSPACE TF_DATA_DIR
# The providers' logs are measured as users get them: off unless asked for.
unset TF_LOG TF_LOG_PATH TF_LOG_CORE TF_LOG_PROVIDER

# config provider ids: a configuration of n data sources reading campaigns
# GEN-000001 onwards, all distinct or cycling through $distinct of them.
config() {
  local dir="$tmp/cfg-$1-$2" id='count.index + 1'
  [ "$2" = repeated ] && id="count.index % $distinct + 1"
  mkdir -p "$dir"
  if [ "$1" = sarvam ]; then
    cat > "$dir/main.tf" <<TF
terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
  }
}
data "sarvam_campaign" "c" {
  count       = $n
  campaign_id = format("GEN-%06d", $id)
}
TF
  else
    cat > "$dir/main.tf" <<TF
terraform {
  required_providers {
    http = { source = "hashicorp/http" }
  }
}
variable "base_url" { type = string }
variable "api_key" {
  type      = string
  sensitive = true
}
data "http" "c" {
  count           = $n
  url             = "\${var.base_url}/v1/orgs/$SARVAM_ORG_ID/workspaces/$SARVAM_WORKSPACE_ID/campaigns/\${format("GEN-%06d", $id)}"
  request_headers = { "X-API-Key" = var.api_key, Accept = "application/json" }
}
TF
  fi
  echo "$dir"
}

stats() { curl -fsS "$(sed 's#/api/scheduling##' "$tmp/$1.addr")/_stats"; }
field() { sed -E "s/.*\"$1\":([0-9]+).*/\\1/" <<<"$2"; }

# list_config: a configuration of one data source listing every campaign.
list_config() {
  local dir="$tmp/cfg-list"
  mkdir -p "$dir"
  cat > "$dir/main.tf" <<TF
terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
  }
}
data "sarvam_campaigns" "all" {}
TF
  echo "$dir"
}

# plan provider ids fake: one terraform plan of config provider ids.
plan() { measure "$1" "$(config "$1" "$2")" "$3"; }

# measure provider dir fake: one terraform plan in dir against fake; prints
# "wall requests connections provider_cpu provider_rss_mib terraform_cpu".
measure() {
  local dir="$2" base before after log="$tmp/rusage.log"
  base=$(cat "$tmp/$3.addr")
  : > "$log"
  before=$(stats "$3")
  BENCH_RUSAGE_LOG="$log" SARVAM_BASE_URL="$base" TF_VAR_base_url="$base" TF_VAR_api_key="$SARVAM_API_KEY" \
    "$tmp/rusage" -- terraform -chdir="$dir" plan -input=false -lock=false -no-color >"$tmp/plan.out" 2>&1 ||
    { cat "$tmp/plan.out" >&2; echo "bench: terraform plan failed" >&2; exit 1; }
  after=$(stats "$3")
  awk -v p="terraform-provider-$1" \
      -v req=$(( $(field requests "$after") - $(field requests "$before") )) \
      -v conn=$(( $(field connections "$after") - $(field connections "$before") )) '
    $1 == "terraform" { wall = $2; total = $3 }
    $1 == p { cpu += $3; if ($4 > rss) rss = $4 }
    END { printf "%.2f %d %d %.2f %.1f %.2f\n", wall, req, conn, cpu, rss / 1024, total - cpu }' "$log"
}

echo "==> terraform plan over $n data sources (parallelism $parallelism); WAN: $request_delay a request, $conn_delay a new connection"
plan sarvam distinct local >/dev/null # warm-up: file caches, Terraform's first start

# Each plan runs $runs times, the providers taking turns within a run so
# that a change in the machine's load falls on both alike; the table shows
# each figure's median over the runs.
declare -A got # "provider ids fake" -> one line of measure a run
for run in $(seq "$runs"); do
  for ids in distinct repeated; do
    for p in "${providers[@]}"; do
      for fake in wan local; do
        got["$p $ids $fake"]+="$(plan "$p" "$ids" "$fake")"$'\n'
      done
    done
  done
done
# median key column: the median of a column of measure's lines.
median() {
  awk -v c="$2" 'NF { print $c }' <<<"${got[$1]}" | sort -g |
    awk '{ v[++n] = $1 } END { print (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2) }'
}

[ "$runs" = 1 ] || echo "    medians of $runs plans each"
printf '%-8s %-9s %9s %9s %9s %8s %11s %13s %14s %14s\n' provider ids "wall WAN" "wall 0" "WAN cost" requests connections "provider CPU" "provider RSS" "terraform CPU"
declare -A cpu # provider CPU by "provider ids fake"
for p in "${providers[@]}"; do
  for ids in distinct repeated; do
    w="$p $ids wan" l="$p $ids local"
    w_wall=$(median "$w" 1) w_req=$(median "$w" 2) w_conn=$(median "$w" 3)
    l_wall=$(median "$l" 1) l_req=$(median "$l" 2) l_conn=$(median "$l" 3)
    l_cpu=$(median "$l" 4) l_rss=$(median "$l" 5) l_tf=$(median "$l" 6)
    cpu["$w"]=$(median "$w" 4) cpu["$l"]=$l_cpu
    printf '%-8s %-9s %8.2fs %8.2fs %8.2fs %8d %11d %12.2fs %10.1f MiB %13.2fs\n' "$p" "$ids" \
      "$w_wall" "$l_wall" "$(awk -v a="$w_wall" -v b="$l_wall" 'BEGIN { print a - b }')" "$w_req" "$w_conn" "$l_cpu" "$l_rss" "$l_tf"
    [ "$w_req" = "$l_req" ] || echo "         (requests without delays: $l_req, connections: $l_conn)"
  done
done
if [ -z "${HTTP_PROVIDER_BIN:-}" ]; then
  echo "(comparison with hashicorp/http skipped: HTTP_PROVIDER_BIN=none)"
else
  # The provider's CPU over http's for the same reads, from the plans of
  # this run: without delays (the table's column) and with the WAN.
  ratio() { awk -v a="${cpu["sarvam $1 $2"]}" -v b="${cpu["http $1 $2"]}" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }
  echo "provider CPU, sarvam / http: distinct $(ratio distinct local) without delays, $(ratio distinct wan) with the WAN;" \
    "repeated $(ratio repeated local) without delays, $(ratio repeated wan) with the WAN"
fi

# The ideal: every distinct campaign read once, $parallelism at a time, over
# connections opened together once.
ideal() { # distinct reads
  awk -v d="$1" -v p="$parallelism" -v r="$request_delay" -v c="$conn_delay" '
    function secs(s) { if (s ~ /ms$/) return substr(s, 1, length(s) - 2) / 1000; if (s ~ /s$/) return substr(s, 1, length(s) - 1); return s }
    BEGIN { rounds = int((d + p - 1) / p); printf "%.2fs WAN cost, %d requests, %d connections\n", rounds * secs(r) + secs(c), d, (d < p ? d : p) }'
}
echo "ideal    distinct: $(ideal "$n")"
echo "ideal    repeated: $(ideal "$distinct")"
echo "WAN cost is wall WAN minus wall 0; provider CPU, RSS and terraform CPU are from the plan without delays."

[ -n "$lists" ] || exit 0
echo
echo "==> terraform plan of data \"sarvam_campaigns\" \"all\" {}; WAN: $request_delay a request, $conn_delay a new connection"
printf '%-9s %9s %9s %9s %8s %11s %13s %10s %14s %14s %9s\n' campaigns "wall WAN" "wall 0" "WAN/0" requests connections "provider CPU" "per item" "provider RSS" "terraform CPU" "CPU/TF"
dir=$(list_config)
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for extra in $lists; do
  start_fake "wan-$extra" "$request_delay" "$conn_delay" "$extra"
  start_fake "local-$extra" 0 0 "$extra"
  measure sarvam "$dir" "local-$extra" >/dev/null # warm-up: the fake's first sort, file caches
  items=$((extra + 7))
  : > "$tmp/runs"
  for run in $(seq "$list_runs"); do
    read -r w_wall w_req w_conn w_cpu w_rss w_tf <<<"$(measure sarvam "$dir" "wan-$extra")"
    read -r l_wall l_req l_conn l_cpu l_rss l_tf <<<"$(measure sarvam "$dir" "local-$extra")"
    printf '%-9d %8.2fs %8.2fs %8.2fx %8d %11d %12.2fs %7.0f µs %10.1f MiB %13.2fs %8.2fx\n' "$items" \
      "$w_wall" "$l_wall" "$(awk -v a="$w_wall" -v b="$l_wall" 'BEGIN { print a / b }')" "$w_req" "$w_conn" \
      "$l_cpu" "$(awk -v c="$l_cpu" -v n="$items" 'BEGIN { print c / n * 1e6 }')" "$l_rss" "$l_tf" \
      "$(awk -v a="$l_cpu" -v b="$l_tf" 'BEGIN { print a / b }')"
    [ "$w_req" = "$l_req" ] || echo "          (requests without delays: $l_req, connections: $l_conn)"
    echo "          (WAN: provider CPU $w_cpu s, RSS $w_rss MiB, terraform CPU $w_tf s)"
    echo "$w_wall $l_wall $l_cpu $l_rss $l_tf" >> "$tmp/runs"
  done
  if [ "$list_runs" -gt 1 ]; then
    col() { awk -v c="$1" '{ print $c }' "$tmp/runs" | median; }
    ratio() { awk -v a="$1" -v b="$2" '{ print $a / $b }' "$tmp/runs" | median; }
    printf '%-9s %8.2fs %8.2fs %8.2fx %33.2fs %7.0f µs %10.1f MiB %13.2fs %8.2fx\n' "median" \
      "$(col 1)" "$(col 2)" "$(ratio 1 2)" "$(col 3)" "$(awk -v c="$(col 3)" -v n="$items" 'BEGIN { print c / n * 1e6 }')" "$(col 4)" "$(col 5)" "$(ratio 3 5)"
  fi
  # The fakes of this size are no longer needed; their memory goes back.
  for pid in "${pids[@]: -2}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=("${pids[@]:0:${#pids[@]}-2}")
done
echo "WAN/0 is wall WAN over wall 0; provider CPU (and per listed campaign), RSS and terraform CPU are from the plan without delays."
echo "CPU/TF is the provider's CPU over Terraform's in the same plan. With BENCH_LIST_RUNS above 1, the median row is the median of each column, and of each ratio, over the runs."
