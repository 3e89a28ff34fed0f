#!/usr/bin/env bash
# make matrix: run the tests that drive a CLI, and the demo, under each CLI
# the provider promises to work with, then print a table of the results.
#
#   scripts/matrix.sh [build | test | all]     (default all)
#
# build builds every CLI that the cache lacks and runs nothing; test runs the
# tests under each CLI the cache holds, and fails the row of one it lacks with
# the reason; all does both. .ci/run starts build in the background at its
# start and test at its end, so that the CLIs build while the other checks
# run.
#
# The CLIs are built from the Go module proxy once per machine, into a cache
# outside the work tree keyed by name and version, so a second run only runs
# the tests:
#   Terraform 1.5.7 (the oldest promised) and 1.8.5 (the first with provider
#   functions), by go install;
#   the Terraform on PATH, which stands for 1.9 and later: those replace
#   modules with local directories, so go install cannot build them;
#   OpenTofu 1.6.3 (no provider functions), by go install;
#   the OpenTofu that tools/opentofu/go.mod requires, by go build in that
#   module, since OpenTofu's go.mod has a replace that go install refuses.
# Each build holds a lock beside its cache entry, so two runs on one machine
# build a CLI once: the second waits for the first and takes its binary.
#
# Settings: MATRIX_CLIS, a space-separated subset of the names in the table's
# first column followed by -version (terraform-1.5.7 tofu-1.6.3 ...; default
# all); MATRIX_CACHE, the cache (default $XDG_CACHE_HOME or ~/.cache, then
# terraform-provider-sarvam/cli); MATRIX_DIR, where the reports and demo logs
# go (default build/matrix); MATRIX_RUN, a go test -run pattern (default
# every test that drives a CLI, as scripts/clitests finds them);
# MATRIX_BUILD_DEADLINE, a time in seconds since the epoch after which no
# build goes on: a build still running then is stopped, and its row fails
# with that reason.
set -euo pipefail

mode=${1:-all}
case $mode in build | test | all) ;; *)
  echo "usage: scripts/matrix.sh [build | test | all]" >&2
  exit 2
  ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export CHECKPOINT_DISABLE=1
cache=${MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-sarvam/cli}
out=${MATRIX_DIR:-$root/build/matrix}
mkdir -p "$cache" "$out"
# A TF_CLI_CONFIG_FILE that names no file configures nothing, but OpenTofu
# 1.12 warns about it on stdout, ahead of the version terraform-plugin-testing
# reads there, and every test then fails.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then unset TF_CLI_CONFIG_FILE; fi
start=$SECONDS

newest_tofu=$(go list -C tools/opentofu -m -f '{{.Version}}' github.com/opentofu/opentofu)

# cli_version BINARY: the version the CLI reports, such as 1.8.5.
cli_version() {
  env -u TF_CLI_ARGS -u TF_CLI_CONFIG_FILE "$1" version 2>/dev/null |
    sed -n 's/^\(Terraform\|OpenTofu\) v\([^ ]*\).*/\2/p' | head -1
}

path_terraform=$(command -v terraform || true)
path_version=""
[ -z "$path_terraform" ] || path_version=$(cli_version "$path_terraform")

# name version how: how is "install PKG", "tools/opentofu" or "path BINARY".
# The slowest build comes first, so that under a deadline the most of the
# others still build.
clis=(
  "terraform 1.5.7 install github.com/hashicorp/terraform"
  "terraform 1.8.5 install github.com/hashicorp/terraform"
  "terraform ${path_version:-?} path ${path_terraform:-terraform}"
  "tofu 1.6.3 install github.com/opentofu/opentofu/cmd/tofu"
  "tofu ${newest_tofu#v} tools/opentofu"
)
build_order=(4 0 3 1)

# Release builds set this, without which a CLI reports itself as 1.8.5-dev.
ldflags="-X github.com/hashicorp/terraform/version.dev=no -X github.com/opentofu/opentofu/version.dev=no"

selected() { [ -z "${MATRIX_CLIS:-}" ] || [[ " $MATRIX_CLIS " == *" $1-$2 "* ]]; }

# built NAME VERSION: whether the cache holds that CLI.
built() {
  local bin="$cache/$1-$2/$1"
  [ -x "$bin" ] && [ "$(cli_version "$bin")" = "$2" ]
}

# build_cli NAME VERSION HOW [ARG]: builds the CLI into the cache unless it is
# there. A build goes to a temporary directory first, so that an interrupted
# one is never taken for a finished one; it holds a lock, so that a second
# run waits for it rather than building the same CLI again. When it fails,
# or the deadline stops it, the reason is kept in NAME-VERSION.failed for
# the test phase.
build_cli() {
  local name=$1 version=$2 how=$3 arg=${4:-}
  local dir="$cache/$name-$version"
  exec 9>"$dir.lock"
  flock 9
  if built "$name" "$version"; then
    exec 9>&-
    return 0
  fi
  local t0=$SECONDS limit=()
  if [ -n "${MATRIX_BUILD_DEADLINE:-}" ]; then
    local left=$((MATRIX_BUILD_DEADLINE - $(date +%s)))
    if [ "$left" -le 0 ]; then
      echo "not built: the build deadline had passed before its build could start" >"$dir.failed"
      exec 9>&-
      return 1
    fi
    limit=(timeout "$left")
  fi
  echo "==> building $name $version into $dir" >&2
  rm -rf "$dir.partial" "$dir.failed"
  mkdir -p "$dir.partial"
  local rc=0
  case $how in
    install) GOBIN="$dir.partial" "${limit[@]}" nice -n 5 go install -ldflags="$ldflags" "$arg@v$version" >&2 || rc=$? ;;
    tools/opentofu) "${limit[@]}" nice -n 5 go build -C tools/opentofu -ldflags="$ldflags" -o "$dir.partial/$name" github.com/opentofu/opentofu/cmd/tofu >&2 || rc=$? ;;
  esac
  if [ "$rc" -ne 0 ]; then
    rm -rf "$dir.partial"
    if [ "$rc" -eq 124 ]; then
      echo "not built: its build was stopped at the build deadline after $((SECONDS - t0)) s" >"$dir.failed"
    else
      echo "not built: its build failed (exit code $rc) after $((SECONDS - t0)) s" >"$dir.failed"
    fi
    echo "    $(cat "$dir.failed")" >&2
    exec 9>&-
    return 1
  fi
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  echo "    built $name $version in $((SECONDS - t0)) s" >&2
  exec 9>&-
}

if [ "$mode" != test ]; then
  for i in "${build_order[@]}"; do
    read -r name version how arg <<<"${clis[$i]}"
    selected "$name" "$version" || continue
    build_cli "$name" "$version" "$how" "$arg" || true
  done
  if [ "$mode" = build ]; then
    echo "matrix build: $((SECONDS - start)) s"
    exit 0
  fi
fi

# The tests that drive a CLI: those of internal/provider and
# internal/clitest that scripts/clitests finds. The unit tests beside them run once, under make test.
run=${MATRIX_RUN:-$(go run ./scripts/clitests ./internal/provider ./internal/clitest)}

rows=()
reasons=()
failed=0
for spec in "${clis[@]}"; do
  read -r name version how arg <<<"$spec"
  selected "$name" "$version" || continue
  label=Terraform
  [ "$name" = tofu ] && label=OpenTofu
  if [ "$how" = path ]; then
    label="Terraform (PATH)"
    if [ -z "$path_terraform" ]; then
      echo "==> terraform is not on PATH" >&2
      rows+=("$label|not found|0|0|1|not run")
      failed=1
      continue
    fi
    bin=$path_terraform
  else
    bin="$cache/$name-$version/$name"
    if ! built "$name" "$version"; then
      reason="not built: no build has run for it"
      [ -s "$cache/$name-$version.failed" ] && reason=$(cat "$cache/$name-$version.failed")
      echo "==> $label $version: $reason" >&2
      rows+=("$label|$version|0|0|1|not run")
      reasons+=("$label $version: $reason")
      failed=1
      continue
    fi
  fi
  reported=$(cli_version "$bin")
  if [ "$reported" != "$version" ]; then
    echo "matrix: $bin reports version $reported, not $version" >&2
    exit 1
  fi

  # terraform-plugin-testing serves the provider under this address; OpenTofu
  # looks providers up on its own registry.
  host=registry.terraform.io
  [ "$name" = tofu ] && host=registry.opentofu.org
  report="$out/$name-$version.json"
  t0=$SECONDS
  echo
  echo "==> $label $version: tests"
  test_ok=true
  TF_ACC_TERRAFORM_PATH="$bin" TF_ACC_PROVIDER_HOST=$host TF_ACC_PROVIDER_NAMESPACE=sarvamai \
    nice -n 5 go tool gotestsum --format pkgname-and-test-fails --jsonfile "$report" -- \
    -count=1 -timeout 30m ./internal/provider/ ./internal/clitest/ -run "$run" || test_ok=false
  counts=$(go run ./scripts/testcount "$report") || counts="0 0 1"
  read -r passed skipped failures <<<"$counts"
  tail -n +2 <<<"$counts" | sed 's/^/    /'
  if [ "$test_ok" = false ] && [ "$failures" = 0 ]; then failures=1; fi

  echo "==> $label $version: demo"
  demo=passed
  if ! TERRAFORM="$bin" bash scripts/demo.sh >"$out/$name-$version-demo.log" 2>&1; then
    demo=failed
    tail -30 "$out/$name-$version-demo.log"
  fi
  grep -E '^(skipped|demo): ' "$out/$name-$version-demo.log" | sed 's/^/    /' || true
  echo "    $((SECONDS - t0)) s"

  [ "$failures" = 0 ] && [ "$demo" = passed ] || failed=1
  rows+=("$label|$version|$passed|$skipped|$failures|$demo")
done

echo
echo "Tests that drive a CLI (of ./internal/provider and ./internal/clitest; every test and subtest), and make demo, under each CLI:"
echo
printf '| %-16s | %-8s | %6s | %7s | %6s | %-7s |\n' CLI version passed skipped failed demo
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------ ---------- -------- --------- -------- ---------
for row in "${rows[@]}"; do
  IFS='|' read -r label version passed skipped failures demo <<<"$row"
  printf '| %-16s | %-8s | %6s | %7s | %6s | %-7s |\n' "$label" "$version" "$passed" "$skipped" "$failures" "$demo"
done
for r in "${reasons[@]}"; do echo "$r"; done
echo
echo "matrix: $((SECONDS - start)) s; reports and demo logs in $out"
exit $failed
