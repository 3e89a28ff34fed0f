#!/usr/bin/env bash
# make test: every test of the module, in two lanes at once, then the checks
# of the report they write together.
#
#   race lane: the packages with no CLI (the client, the fake, the root
#     package, the commands and scripts) under the race detector, then the tests of
#     internal/provider that drive a CLI down each concurrent path of the
#     provider (shared reads, reads in parallel, a paged list read ahead)
#     under the race detector too;
#   CLI lane: the rest of internal/provider and internal/clitest, whose
#     tests drive a Terraform CLI, without it: there the
#     race detector slows the provider several times over and the
#     concurrent code is the client's, covered above.
#
# Each lane writes its own go test -json report; a line every 20 s says how
# far both have come. Then relcheck checks RELIABILITY.md against the joined
# report (TEST_REPORT), acccount counts the acceptance tests, and the last
# line counts every test and subtest.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
report=${TEST_REPORT:-build/test-report.json}
mkdir -p "$(dirname "$report")"
race_report="${report%.json}-race.json"
cli_report="${report%.json}-cli.json"
rm -f "$report" "$race_report" "$cli_report"

# The provider's tests that take a concurrent path through a CLI.
concurrent='^(TestCampaignDataSource_identicalReadsShareRequests|TestCampaignDataSource_hundredReadsInParallel|TestCampaignsDataSource_pages)$'
cli_pkgs=(./internal/provider ./internal/clitest)
mapfile -t race_pkgs < <(go list ./... | grep -v -x \
  -e github.com/sarvamai/terraform-provider-sarvam/internal/provider -e github.com/sarvamai/terraform-provider-sarvam/internal/clitest)

go build -o build/testcount ./scripts/testcount
build/testcount -progress 20s "$race_report" "$cli_report" &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT

race_rc=0 cli_rc=0
go tool gotestsum --format pkgname-and-test-fails --jsonfile "$race_report" --raw-command -- bash -c '
  rc=0
  go test -json -count=1 -race -timeout 30m "$@" || rc=$?
  go test -json -count=1 -race -timeout 30m -run "$0" ./internal/provider || rc=$?
  exit $rc' "$concurrent" "${race_pkgs[@]}" &
race_pid=$!
go tool gotestsum --format pkgname-and-test-fails --jsonfile "$cli_report" -- \
  -count=1 -timeout 30m -skip "$concurrent" "${cli_pkgs[@]}" || cli_rc=$?
wait $race_pid || race_rc=$?
kill $ticker 2>/dev/null || true

cat "$race_report" "$cli_report" >"$report"
read -r passed skipped failed < <(build/testcount "$report" | head -1)
echo
rc=0
go run ./scripts/relcheck "$report" RELIABILITY.md || rc=1
go run ./scripts/acccount "$report" || rc=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$race_rc" -ne 0 ] || [ "$cli_rc" -ne 0 ] || [ "$failed" -ne 0 ]; then rc=1; fi
exit $rc
