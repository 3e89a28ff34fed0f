#!/usr/bin/env bash
# make demo: build the provider, serve the fake API on loopback, and plan real
# configurations against it through a throwaway Terraform CLI configuration.
# Nothing outside a temporary directory is read or written, and everything it
# starts is stopped on exit. TERRAFORM names the CLI to run (terraform on
# PATH by default); an OpenTofu binary works too.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
fake_pid=""
cleanup() {
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

cli=${TERRAFORM:-terraform}
command -v "$cli" >/dev/null || { echo "demo: $cli is not found" >&2; exit 1; }
# "Terraform v1.8.5" or "OpenTofu v1.6.3": OpenTofu numbers its releases on
# its own, and has provider functions from 1.7, Terraform from 1.8.
read -r cli_name cli_version < <(env -u TF_CLI_ARGS -u TF_CLI_CONFIG_FILE CHECKPOINT_DISABLE=1 "$cli" version |
  sed -n 's/^\(Terraform\|OpenTofu\) v\([^ ]*\).*/\1 \2/p' | head -1) || true
[ -n "$cli_version" ] || { echo "demo: $cli version names neither Terraform nor OpenTofu" >&2; exit 1; }
functions_from=1.8.0
[ "$cli_name" = OpenTofu ] && functions_from=1.7.0
has_functions() { [ "$(printf '%s\n' "$functions_from" "${cli_version%%-*}" | sort -V | head -1)" = "$functions_from" ]; }
echo "==> $cli_name $cli_version ($cli)"
export TERRAFORM="$cli"

echo "==> Building the provider and the fake API"
go build -C "$root" -o "$tmp/bin/terraform-provider-sarvam" .
go build -C "$root" -o "$tmp/fakeapi" ./cmd/sarvam-fakeapi

# A key made up for this run: the fake accepts only it.
export SARVAM_API_KEY="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
"$tmp/fakeapi" -quiet -listen 127.0.0.1:0 -addr-file "$tmp/addr" &
fake_pid=$!
for _ in $(seq 100); do [ -s "$tmp/addr" ] && break; sleep 0.1; done
[ -s "$tmp/addr" ] || { echo "demo: the fake API did not start" >&2; exit 1; }
export SARVAM_BASE_URL=$(cat "$tmp/addr")
export SARVAM_ORG_ID=org-acme-finance SARVAM_WORKSPACE_ID=ws-collections

# Our own CLI configuration, so that neither ~/.terraformrc nor a
# TF_CLI_CONFIG_FILE pointing elsewhere (or nowhere) changes the result.
go run -C "$root" ./scripts/devoverrides "$tmp/terraformrc" sarvamai/sarvam="$tmp/bin"
export TF_CLI_CONFIG_FILE="$tmp/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_CLI_ARGS TF_CLI_ARGS_plan TF_WORKSPACE TF_DATA_DIR

echo
echo "==> $cli_name plan examples/demo (four campaigns: full, sparse, Unicode and unknown status, the reference's example; the active campaigns; a campaign by name; cohorts and a cohort by name; webhook configurations, one by id and one by name)"
mkdir "$tmp/demo"
cp "$root/examples/demo/main.tf" "$tmp/demo/"
if has_functions; then cp "$root/examples/demo/functions.tf" "$tmp/demo/"; fi
color=""; [ -t 1 ] || color="-no-color"
"$cli" -chdir="$tmp/demo" plan -input=false -lock=false $color

echo
echo "==> $cli_name plan of every documented data source example: each must plan cleanly"
for example in "$root"/examples/data-sources/*/; do
  name=$(basename "$example" .tf)
  mkdir "$tmp/$name"
  if [ -d "$example" ]; then cp "$example"*.tf "$tmp/$name/"; else cp "$example" "$tmp/$name/"; fi
  cp "$root/examples/provider/provider.tf" "$tmp/$name/"
  if ! "$cli" -chdir="$tmp/$name" plan -input=false -lock=false -no-color >"$tmp/$name.out" 2>&1; then
    cat "$tmp/$name.out"
    echo "demo: the documented example for $name did not plan" >&2
    exit 1
  fi
  if grep "Warning:" "$tmp/$name.out" | grep -vq "Provider development overrides"; then
    cat "$tmp/$name.out"
    echo "demo: the documented example for $name planned with a warning" >&2
    exit 1
  fi
  echo "$name: $(grep -E '^(Plan:|No changes|Changes to Outputs)' "$tmp/$name.out" | head -1)"
done

echo
echo "==> $cli_name plan of the function examples: each reads the campaign's status as well as its schedule, so each must plan cleanly at any time"
if has_functions; then
for dir in "$root"/examples/functions/*/; do
  name=function-$(basename "$dir")
  mkdir "$tmp/$name"
  cp "$root/examples/provider/provider.tf" "$dir"*.tf "$tmp/$name/"
  if ! "$cli" -chdir="$tmp/$name" plan -input=false -lock=false -no-color >"$tmp/$name.out" 2>&1; then
    cat "$tmp/$name.out"
    echo "demo: the example for $name did not plan" >&2
    exit 1
  fi
  echo "$name: $(grep -E '^(Plan:|No changes|Changes to Outputs)' "$tmp/$name.out" | head -1)"
done
else
  echo "skipped: $cli_name $cli_version has no provider functions ($cli_name has them from $functions_from): examples/demo/functions.tf and examples/functions are not planned"
  export SKIP_FUNCTION_EXAMPLES=1
fi

echo
echo "==> $cli_name plan of every terraform block in docs/ and README.md, each on its own"
bash "$root/scripts/plan-doc-examples.sh" "$tmp/docs-examples"

echo
echo "demo: done."
