#!/usr/bin/env bash
# Runs this module's tests: tests/*.tftest.hcl (mocked, then against the fake
# Sarvam API serving fixtures/), then tests/errors, which must fail at
# "Campaign not found". Needs sarvam-fakeapi on PATH, the provider through
# the CLI configuration in TF_CLI_CONFIG_FILE, and terraform (or TERRAFORM=tofu).
set -euo pipefail
cd "$(dirname "$0")"
tf=${TERRAFORM:-terraform}

# Any key will do: the fake accepts the one it is started with.
export SARVAM_API_KEY=test-key SARVAM_ORG_ID=org-test SARVAM_WORKSPACE_ID=ws-test
url_file=$(mktemp)
sarvam-fakeapi -fixtures fixtures -addr-file "$url_file" >/dev/null &
fake=$!
trap 'kill "$fake" 2>/dev/null; rm -f "$url_file"' EXIT
for _ in $(seq 100); do grep -q /api/scheduling "$url_file" && break; sleep 0.1; done
SARVAM_BASE_URL=$(cat "$url_file")
export SARVAM_BASE_URL

"$tf" test

# expect_failures cannot catch a provider's error: check that this run fails,
# and at the right error.
if out=$("$tf" test -test-directory=tests/errors -no-color 2>&1); then
  echo "$out"
  echo "tests/errors passed; it must fail at Campaign not found" >&2
  exit 1
fi
if ! grep -q "Error: Campaign not found" <<<"$out"; then
  echo "$out"
  echo "tests/errors failed, but not at Campaign not found" >&2
  exit 1
fi
echo "tests/errors: failed at Campaign not found, as it must."
