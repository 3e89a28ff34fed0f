package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"strconv"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// envGeneratedSeed, when set, serves the fake's generated data set, made
// from that seed, for the whole run and hands it to the acceptance suite
// through the environment only, as a real workspace is handed to it: the
// suite has never seen its names, counts or ids (make testacc-generated).
const envGeneratedSeed = "SARVAM_ACC_GENERATED_SEED"

// generatedKey is the generated server's key.
const generatedKey = "sk_test_GENERATED_LEAKCHECK_93b0"

// serveGenerated starts the generated server when envGeneratedSeed asks
// for it, and returns what to run after the tests: a report of the
// requests the server answered, failing the run on any but GET.
func serveGenerated() (after func() int, err error) {
	raw := os.Getenv(envGeneratedSeed)
	if raw == "" {
		return func() int { return 0 }, nil
	}
	seed, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%s=%q: not a whole number", envGeneratedSeed, raw)
	}
	fake, g := fakeapi.NewGenerated(generatedKey, seed)
	srv := httptest.NewServer(fake)
	// What a maintainer would export for a real workspace, and nothing else:
	// the webhook configuration is found by listing.
	for k, v := range map[string]string{
		"TF_ACC": "1", EnvAPIKey: generatedKey, EnvBaseURL: srv.URL + fakeapi.BasePath,
		EnvOrgID: g.Org, EnvWorkspaceID: g.Workspace,
		envTestForeignWorkspace: g.OtherWorkspace, envTestForeignCampaign: g.ForeignCampaignID,
	} {
		if err := os.Setenv(k, v); err != nil {
			return nil, err
		}
	}
	fmt.Printf("generated server (seed %d): %d campaigns, %d cohorts, %d webhook configurations\n", seed, g.Campaigns, g.Cohorts, g.Webhooks)
	return func() int {
		srv.Close()
		reqs := fake.Requests()
		code := 0
		for _, r := range reqs {
			if r.Method != "GET" {
				fmt.Printf("FAIL: the suite sent %s %s\n", r.Method, r.EscapedPath)
				code = 1
			}
		}
		fmt.Printf("generated server answered %d requests\n", len(reqs))
		return code
	}, nil
}
