#!/usr/bin/env bash
# make matrix: run the tests that drive a CLI, and the demo, under each CLI
# the provider promises to work with, then print a table of the results.
#
# The CLIs are built from the Go module proxy once, into a cache outside the
# work tree keyed by name and version, so a second run only runs the tests:
#   Terraform 1.5.7 (the oldest promised) and 1.8.5 (the first with provider
#   functions), by go install;
#   the Terraform on PATH, which stands for 1.9 and later: those replace
#   modules with local directories, so go install cannot build them;
#   OpenTofu 1.6.3 (no provider functions), by go install;
#   the OpenTofu that tools/opentofu/go.mod requires, by go build in that
#   module, since OpenTofu's go.mod has a replace that go install refuses.
#
# Settings: MATRIX_CLIS, a space-separated subset of the names in the table's
# first column followed by -version (terraform-1.5.7 tofu-1.6.3 ...; default
# all); MATRIX_CACHE, the cache (default $XDG_CACHE_HOME or ~/.cache, then
# terraform-provider-sarvam/cli); MATRIX_DIR, where the reports and demo logs
# go (default build/matrix); MATRIX_RUN, a go test -run pattern (default
# every test).
set -euo pipefail

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
clis=(
  "terraform 1.5.7 install github.com/hashicorp/terraform"
  "terraform 1.8.5 install github.com/hashicorp/terraform"
  "terraform ${path_version:-?} path ${path_terraform:-terraform}"
  "tofu 1.6.3 install github.com/opentofu/opentofu/cmd/tofu"
  "tofu ${newest_tofu#v} tools/opentofu"
)

# Release builds set this, without which a CLI reports itself as 1.8.5-dev.
ldflags="-X github.com/hashicorp/terraform/version.dev=no -X github.com/opentofu/opentofu/version.dev=no"

# cli_binary NAME VERSION HOW [ARG]: the CLI's binary, built into the cache
# unless a build there already reports VERSION. A build goes to a temporary
# directory first, so that an interrupted one is never taken for a finished
# one.
cli_binary() {
  local name=$1 version=$2 how=$3 arg=${4:-}
  if [ "$how" = path ]; then echo "$arg"; return; fi
  local dir="$cache/$name-$version"
  if [ ! -x "$dir/$name" ] || [ "$(cli_version "$dir/$name")" != "$version" ]; then
    local t0=$SECONDS
    echo "==> building $name $version into $dir" >&2
    rm -rf "$dir.partial"
    mkdir -p "$dir.partial"
    case $how in
      install) GOBIN="$dir.partial" nice -n 5 go install -ldflags="$ldflags" "$arg@v$version" >&2 ;;
      tools/opentofu) nice -n 5 go build -C tools/opentofu -ldflags="$ldflags" -o "$dir.partial/$name" github.com/opentofu/opentofu/cmd/tofu >&2 ;;
    esac
    rm -rf "$dir"
    mv "$dir.partial" "$dir"
    echo "    built in $((SECONDS - t0)) s" >&2
  fi
  echo "$dir/$name"
}

rows=()
failed=0
for spec in "${clis[@]}"; do
  read -r name version how arg <<<"$spec"
  if [ -n "${MATRIX_CLIS:-}" ] && [[ " $MATRIX_CLIS " != *" $name-$version "* ]]; then continue; fi
  label=Terraform
  [ "$name" = tofu ] && label=OpenTofu
  if [ "$how" = path ] && [ -z "$path_terraform" ]; then
    echo "==> terraform is not on PATH" >&2
    rows+=("$label (PATH)|not found|0|0|1|not run")
    failed=1
    continue
  fi
  [ "$how" = path ] && label="Terraform (PATH)"
  bin=$(cli_binary "$name" "$version" "$how" "$arg")
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
    -count=1 -timeout 30m ${MATRIX_RUN:+-run "$MATRIX_RUN"} ./internal/provider/ ./internal/clitest/ . || test_ok=false
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
echo "Tests of ., ./internal/provider and ./internal/clitest (every test and subtest), and make demo, under each CLI:"
echo
printf '| %-16s | %-8s | %6s | %7s | %6s | %-6s |\n' CLI version passed skipped failed demo
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------ ---------- -------- --------- -------- --------
for row in "${rows[@]}"; do
  IFS='|' read -r label version passed skipped failures demo <<<"$row"
  printf '| %-16s | %-8s | %6s | %7s | %6s | %-6s |\n' "$label" "$version" "$passed" "$skipped" "$failures" "$demo"
done
echo
echo "matrix: $((SECONDS - start)) s; reports and demo logs in $out"
exit $failed
