#!/usr/bin/env bash
# Plans every ```terraform block of docs/**/*.md and README.md on its own,
# in a directory of its own, against the fake API that the caller serves.
# The caller (scripts/demo.sh) exports the Terraform CLI configuration and
# SARVAM_* settings. A block that names no provider gets examples/provider/
# provider.tf; one with a provider block but no required_providers gets that
# block alone. A block preceded by the line
#   <!-- example: the plan stops at its postcondition -->
# must fail there, and nowhere else. A block preceded by
#   <!-- example: not a root configuration; terraform test runs it -->
# (a module's own files, a .tftest.hcl) is skipped, and so is one preceded by
#   <!-- example: not planned; REASON -->
# where REASON says what the plan would need that the demo does not have,
# such as a provider other than sarvam. Every other block must
# plan with no error and no warning. With SKIP_FUNCTION_EXAMPLES=1 (a CLI
# without provider functions), a block that calls one is skipped and said so.
# Usage: plan-doc-examples.sh WORKDIR
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$1
tf=${TERRAFORM:-terraform}
mkdir -p "$work"

required='terraform {
  required_providers {
    sarvam = {
      source = "sarvamai/sarvam"
    }
  }
}'

# extract FILE: writes each block to $work/<slug>-<n>/main.tf, and an
# expect-postcondition file beside a block that is marked so.
extract() {
  local file=$1 slug
  slug=$(echo "${file#"$root"/}" | tr '/.' '__')
  awk -v dir="$work/$slug" '
    /^<!-- example: the plan stops at its postcondition -->$/ { marked = 1; next }
    /^<!-- example: not a root configuration; terraform test runs it -->$/ { skip = 1; next }
    /^<!-- example: not planned; .+ -->$/ { skip = 1; next }
    /^```terraform$/ && skip { skip = 0; skipping = 1; next }
    /^```/ && skipping { skipping = 0; next }
    skipping { next }
    /^```terraform$/ { n++; out = dir "-" n; system("mkdir -p " out); inside = 1
      if (marked) { printf "" > (out "/expect-postcondition") } marked = 0; next }
    /^```/ && inside { inside = 0; close(out "/main.tf"); next }
    inside { print > (out "/main.tf"); next }
    /[^[:space:]]/ { marked = 0; skip = 0 }
  ' "$file"
}

while IFS= read -r -d '' file; do extract "$file"; done < <(find "$root/docs" -name '*.md' -print0 | sort -z)
extract "$root/README.md"

failed=0
count=0
for dir in "$work"/*/; do
  name=$(basename "$dir")
  count=$((count + 1))
  if [ "${SKIP_FUNCTION_EXAMPLES:-}" = 1 ] && grep -q 'provider::' "$dir/main.tf"; then
    echo "$name: skipped, it calls a provider function"
    continue
  fi
  if ! grep -q 'provider "sarvam"' "$dir/main.tf" && ! grep -q required_providers "$dir/main.tf"; then
    cp "$root/examples/provider/provider.tf" "$dir/"
  elif ! grep -q required_providers "$dir/main.tf"; then
    echo "$required" > "$dir/required.tf"
  fi
  if "$tf" -chdir="$dir" plan -input=false -lock=false -no-color >"$dir/plan.out" 2>&1; then
    if [ -e "$dir/expect-postcondition" ]; then
      cat "$dir/plan.out"; echo "docs: $name planned, but it is marked to stop at its postcondition" >&2; failed=1
    elif grep "Warning:" "$dir/plan.out" | grep -vq "Provider development overrides"; then
      cat "$dir/plan.out"; echo "docs: $name planned with a warning" >&2; failed=1
    else
      echo "$name: $(grep -E '^(Plan:|No changes|Changes to Outputs)' "$dir/plan.out" | head -1)"
    fi
  elif [ -e "$dir/expect-postcondition" ] && grep -q "Resource postcondition failed" "$dir/plan.out" &&
    [ "$(grep -c 'Error:' "$dir/plan.out")" = 1 ]; then
    echo "$name: stopped at its postcondition, as it is marked to"
  else
    cat "$dir/plan.out"; echo "docs: $name did not plan on its own" >&2; failed=1
  fi
done
[ "$count" -gt 0 ] || { echo "docs: no terraform block found" >&2; exit 1; }
exit "$failed"
