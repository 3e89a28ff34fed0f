package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// The acceptance suite (TestAcc*) reads one workspace through the provider
// configured by the environment alone, as a user's CI would. With TF_ACC and
// SARVAM_API_KEY, SARVAM_ORG_ID and SARVAM_WORKSPACE_ID set it reads that
// workspace (SARVAM_BASE_URL as the provider reads it); otherwise each test
// starts the fake API and points those variables at it, so the suite runs
// under make test whether TF_ACC is set or not. The tests know nothing of
// the data: they choose their subjects from what the API lists and assert
// what holds for any workspace.

// Optional variables, for what no list can find.
const (
	envTestWebhookID        = "SARVAM_TEST_WEBHOOK_ID"
	envTestForeignWorkspace = "SARVAM_TEST_FOREIGN_WORKSPACE_ID"
	envTestForeignCampaign  = "SARVAM_TEST_FOREIGN_CAMPAIGN_ID"
)

// accSample bounds every list the suite reads: a workspace may hold
// thousands of campaigns, and a sample of this many is five pages.
const accSample = 500

// accKey is the fake's key; recognisable so that a leak is easy to find.
const accKey = "sk_test_ACC_LEAKCHECK_4d2e9b17"

// The fake's other workspace, holding a campaign the key may not read.
const (
	accForeignWorkspace = "ws-acc-elsewhere"
	accForeignCampaign  = "ACC-Elsewhere-0001"
)

// accExternal reports whether the suite reads a workspace given by the
// environment the tests were started with rather than a fake of its own.
func accExternal() bool {
	if os.Getenv("TF_ACC") == "" {
		return false
	}
	for _, v := range []string{EnvAPIKey, EnvOrgID, EnvWorkspaceID} {
		if startEnv[v] == "" {
			return false
		}
	}
	return true
}

// accTarget is the workspace one acceptance test reads.
type accTarget struct {
	org, workspace string
	// fake is the test's own fake API, nil for a workspace the
	// environment names.
	fake   *fakeapi.Server
	client *client.Client
	raw    *rawAPI
	// env is the environment the test's provider is configured from: the
	// one the tests were started with, or the test's own fake's.
	env map[string]string
}

// getenv reads the test's environment.
func (tg *accTarget) getenv(name string) string { return tg.env[name] }

// accParallel runs an acceptance test beside the others when each has a
// fake of its own; against a workspace the environment names they run one
// at a time, as the API's rate limit prefers.
func accParallel(t *testing.T) {
	t.Helper()
	if !accExternal() {
		t.Parallel()
	}
}

// accRequests counts what the fake answered across the suite, for the
// request count the suite prints at the end.
var accRequests struct {
	sync.Mutex
	n, tests int
}

func newAccTarget(t *testing.T) *accTarget {
	t.Helper()
	env := startEnv
	var fake *fakeapi.Server
	if !accExternal() {
		fake, env = startAccFake(t)
	}
	tg := targetFromEnv(t, env)
	tg.fake = fake
	return tg
}

// targetFromEnv is the workspace the provider's variables in env name.
func targetFromEnv(t *testing.T, env map[string]string) *accTarget {
	t.Helper()
	tg := &accTarget{env: env}
	// The settings resolve as the provider resolves them.
	var diags diag.Diagnostics
	s := envLookup(tg.getenv).resolve(providerModel{}, &diags)
	if diags.HasError() {
		t.Fatalf("provider settings from the environment: %v", diags)
	}
	c, err := s.newClient("terraform-provider-sarvam/acceptance")
	if err != nil {
		t.Fatal(err)
	}
	tg.org, tg.workspace, tg.client = s.orgID, s.workspaceID, c
	tg.raw, err = newRawAPI(s.baseURL, s.apiKey, s.orgID, s.workspaceID)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// newFakeTarget is newAccTarget for tests of how the provider meets the
// fake's modes, which need the fake: with a workspace named by the
// environment they are skipped, as they say nothing about that workspace.
func newFakeTarget(t *testing.T) *accTarget {
	t.Helper()
	tg := newAccTarget(t)
	if tg.fake == nil {
		t.Skip("this test sets the fake's modes; TF_ACC and SARVAM_* name a workspace instead")
	}
	return tg
}

// startAccFake serves the demo data, with a campaign in another workspace
// for the cross-workspace check, and returns the environment that points
// the provider at it. When the test ends it fails on any request that was
// not a GET.
func startAccFake(t *testing.T) (*fakeapi.Server, map[string]string) {
	t.Helper()
	fake := fakeapi.New(accKey)
	fake.Put(fakeapi.OrgID, accForeignWorkspace, accForeignCampaign, []byte(fake.Body(fakeapi.LoanRemindersID)))
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	env := map[string]string{
		EnvAPIKey: accKey, EnvBaseURL: srv.URL + fakeapi.BasePath,
		EnvOrgID: fakeapi.OrgID, EnvWorkspaceID: fakeapi.WorkspaceID,
		envTestForeignWorkspace: accForeignWorkspace, envTestForeignCampaign: accForeignCampaign,
	}
	t.Cleanup(func() {
		reqs := fake.Requests()
		checkAllGET(t, reqs)
		if !strings.HasPrefix(t.Name(), "TestAcc") {
			return
		}
		accRequests.Lock()
		accRequests.n += len(reqs)
		accRequests.tests++
		accRequests.Unlock()
	})
	return fake, env
}

// printAccRequests says what the acceptance tests asked of their fakes.
func printAccRequests() {
	accRequests.Lock()
	defer accRequests.Unlock()
	if accRequests.tests > 0 {
		fmt.Printf("acceptance tests: %d requests to the fake over %d tests, all GET\n", accRequests.n, accRequests.tests)
	}
}

// checkAllGET fails on any request that could change something.
func checkAllGET(t *testing.T, reqs []fakeapi.Request) {
	t.Helper()
	for _, r := range reqs {
		if r.Method != http.MethodGet {
			t.Errorf("the suite sent %s %s; it may only read", r.Method, r.EscapedPath)
		}
	}
}

// run applies the steps: as a unit test against the fake, so that it runs
// without TF_ACC, and as an acceptance test against a workspace the
// environment names. Every config starts with an empty provider block. A
// config that calls a provider function is skipped on CLIs without them.
func (tg *accTarget) run(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	tc := resource.TestCase{ProtoV6ProviderFactories: providersWithEnv(tg.env), Steps: steps}
	for i := range steps {
		if strings.Contains(steps[i].Config, "provider::") {
			tc.TerraformVersionChecks = functionVersions
		}
		steps[i].Config = requiredProviders + "provider \"sarvam\" {}\n" + steps[i].Config
	}
	if tg.fake != nil {
		resource.UnitTest(t, tc)
		return
	}
	resource.Test(t, tc)
}

// runExpectingError applies config and returns its error, nil if it applied.
func (tg *accTarget) runExpectingError(t *testing.T, config string, checks ...statecheck.StateCheck) error {
	t.Helper()
	var got error
	tc := resource.TestCase{
		ProtoV6ProviderFactories: providersWithEnv(tg.env),
		ErrorCheck: func(err error) error {
			got = err
			return nil
		},
		Steps: []resource.TestStep{{Config: requiredProviders + "provider \"sarvam\" {}\n" + config, ConfigStateChecks: checks}},
	}
	if tg.fake != nil {
		resource.UnitTest(t, tc)
	} else {
		resource.Test(t, tc)
	}
	return got
}

// campaignSample lists the first campaigns, newest first, as a test's
// subjects. It fails the test on an empty workspace, where no invariant
// can be checked.
func (tg *accTarget) campaignSample(t *testing.T, n int) []client.CampaignSummary {
	t.Helper()
	list, err := tg.client.ListCampaigns(context.Background(), tg.org, tg.workspace, client.ListQuery{MaxResults: n})
	if err != nil {
		t.Fatalf("listing campaigns to choose subjects: %v", err)
	}
	if len(list.Items) == 0 {
		t.Fatalf("workspace %q lists no campaigns; the acceptance tests need at least one", tg.workspace)
	}
	return list.Items
}

// skipCheck says why one check did not run; the test goes on.
func skipCheck(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Logf("SKIPPED CHECK: "+format, args...)
}

// hcl quotes s as a Terraform string.
func hcl(s string) string {
	return fmt.Sprintf("%q", strings.NewReplacer("${", "$${", "%{", "%%{").Replace(s))
}
