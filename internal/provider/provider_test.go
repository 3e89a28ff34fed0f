package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	tfcompare "github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// testKey is recognisable so that any leak of it is easy to find.
const testKey = "sk_test_LEAKCHECK_5b1e7c2d9f"

const dsAddr = "data.sarvam_campaign.test"

var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"sarvam": providerserver.NewProtocol6WithError(New("test")()),
}

// providersWithEnv serves a provider whose environment is env alone, so
// that tests configured from the environment can run at once.
func providersWithEnv(env map[string]string) map[string]func() (tfprotov6.ProviderServer, error) {
	p := &sarvamProvider{version: "test", getenv: func(name string) string { return env[name] }}
	return map[string]func() (tfprotov6.ProviderServer, error){"sarvam": providerserver.NewProtocol6WithError(p)}
}

// startEnv holds the SARVAM_* variables the test binary was started with.
// TestMain takes them out of the environment, so that no test reads the
// developer's own settings; the acceptance suite puts them back when they
// name a workspace (accExternal).
var startEnv = map[string]string{}

// takeSarvamEnv moves every SARVAM_* variable from the environment into
// startEnv.
func takeSarvamEnv() {
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "SARVAM_") {
			startEnv[k] = v
			os.Unsetenv(k)
		}
	}
}

// clearEnv undoes, for this test, what a test before it left in the
// environment. TestMain has already taken the developer's own settings
// out, and a test that sets a variable runs alone (t.Setenv refuses a
// parallel test), so in a parallel test there is nothing to clear and
// clearEnv sets nothing.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, v := range []string{EnvAPIKey, EnvBaseURL, EnvOrgID, EnvWorkspaceID, EnvMaxRetries, EnvRequestTimeout} {
		if _, set := os.LookupEnv(v); set {
			t.Setenv(v, "")
		}
	}
}

// startFake serves a fresh fake API on loopback.
func startFake(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	clearEnv(t)
	fake := fakeapi.New(testKey)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL + fakeapi.BasePath
}

// providerBlock configures the provider for the fake API; extra lines are
// added inside the block.
func providerBlock(baseURL string, extra ...string) string {
	return requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  api_key      = %q
  base_url     = %q
  org_id       = %q
  workspace_id = %q
  %s
}
`, testKey, baseURL, fakeapi.OrgID, fakeapi.WorkspaceID, strings.Join(extra, "\n  "))
}

// requiredProviders names the provider by its registry address, as users do.
const requiredProviders = `
terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
  }
}
`

func TestMain(m *testing.M) {
	// The test harness serves the provider under this namespace.
	os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "sarvamai")
	after, err := serveGenerated()
	takeSarvamEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	printAccRequests()
	if failed := after(); code == 0 {
		code = failed
	}
	os.Exit(code)
}

func campaignBlock(id string) string {
	return fmt.Sprintf(`
data "sarvam_campaign" "test" {
  campaign_id = %q
}
`, id)
}

// expectFailure runs one config that must fail, and checks the whole error
// text: it must match want and contain none of forbidden. ExpectError cannot
// assert that something is absent, so the error is taken through ErrorCheck.
// Each space in pattern matches any run of white space, since Terraform
// wraps long diagnostics.
func expectFailure(t *testing.T, config string, pattern string, forbidden ...string) {
	t.Helper()
	expectFailureIn(t, nil, config, pattern, forbidden...)
}

// expectFailureIn is expectFailure with a provider whose environment is env
// alone (nil: the process's).
func expectFailureIn(t *testing.T, env map[string]string, config string, pattern string, forbidden ...string) {
	t.Helper()
	want := regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
	providers := testProviders
	if env != nil {
		providers = providersWithEnv(env)
	}
	got := applyError(t, nil, providers, config)
	if !want.MatchString(got.Error()) {
		t.Fatalf("error does not match %s:\n%s", want, got)
	}
	for _, f := range forbidden {
		if f != "" && strings.Contains(got.Error(), f) {
			t.Fatalf("error contains %q, which must never be shown:\n%s", f, got)
		}
	}
}

// applyError applies config, which must fail, with the version checks and
// the providers given, and returns its error; nil when the CLI was skipped.
// The test fails if config applied.
func applyError(t *testing.T, versions []tfversion.TerraformVersionCheck, providers map[string]func() (tfprotov6.ProviderServer, error), config string) error {
	t.Helper()
	var got error
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   versions,
		ProtoV6ProviderFactories: providers,
		ErrorCheck: func(err error) error {
			got = err
			return nil
		},
		Steps: []resource.TestStep{{Config: config}},
	})
	if got == nil && !t.Skipped() {
		t.Fatalf("the config was applied without error:\n%s", config)
	}
	return got
}

// expectNoError applies a config that must succeed.
func expectNoError(t *testing.T, config string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: config}},
	})
}

// expectNoErrorIn is expectNoError with a provider whose environment is env
// alone.
func expectNoErrorIn(t *testing.T, env map[string]string, config string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: providersWithEnv(env),
		Steps:                    []resource.TestStep{{Config: config}},
	})
}

func expect(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New(attr), v)
}

func strs(vs ...string) knownvalue.Check {
	c := make([]knownvalue.Check, len(vs))
	for i, v := range vs {
		c[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(c)
}

func ints(vs ...int64) knownvalue.Check {
	c := make([]knownvalue.Check, len(vs))
	for i, v := range vs {
		c[i] = knownvalue.Int64Exact(v)
	}
	return knownvalue.ListExact(c)
}

func enabled(b bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{"enabled": knownvalue.Bool(b)})
}

// everyAttributeSet fails when any attribute of the data source at addr, at
// any depth, is null: read from a fully populated fixture, a null means a
// mapping line is missing. Free-form values (dynamic attributes, whose
// content is the API's own JSON) are skipped by their dotted path.
func everyAttributeSet(addr string, freeForm ...string) statecheck.StateCheck {
	return attributesSet{addr: addr, freeForm: freeForm}
}

type attributesSet struct {
	addr     string
	freeForm []string
}

func (c attributesSet) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	values, err := attributeValues(req, c.addr)
	if err != nil {
		resp.Error = err
		return
	}
	var nulls []string
	for name, v := range values {
		nulls = append(nulls, c.nullPaths(name, v)...)
	}
	if len(nulls) > 0 {
		sort.Strings(nulls)
		resp.Error = fmt.Errorf("%s has null attributes: %s", c.addr, strings.Join(nulls, ", "))
	}
}

// attributeValues returns the top-level attributes of the data source at
// addr in the state checked.
func attributeValues(req statecheck.CheckStateRequest, addr string) (map[string]any, error) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		return nil, fmt.Errorf("no state")
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == addr {
			return r.AttributeValues, nil
		}
	}
	return nil, fmt.Errorf("%s is not in the state", addr)
}

// expectWhole checks the data source at addr whole, as ObjectExact checks a
// nested object: every attribute want names must hold its value, and an
// attribute that want does not name fails the check. ExpectKnownValue starts
// from one named attribute, so checks of it one by one cannot see an
// attribute added beside them.
func expectWhole(addr string, want map[string]knownvalue.Check) statecheck.StateCheck {
	return wholeObject{addr: addr, want: want}
}

type wholeObject struct {
	addr string
	want map[string]knownvalue.Check
}

func (c wholeObject) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	values, err := attributeValues(req, c.addr)
	if err != nil {
		resp.Error = err
		return
	}
	var unexpected, missing []string
	for name := range values {
		if _, ok := c.want[name]; !ok {
			unexpected = append(unexpected, name)
		}
	}
	for name := range c.want {
		if _, ok := values[name]; !ok {
			missing = append(missing, name)
		}
	}
	sort.Strings(unexpected)
	sort.Strings(missing)
	switch {
	case len(unexpected) > 0:
		resp.Error = fmt.Errorf("%s has attributes the check does not name: %s", c.addr, strings.Join(unexpected, ", "))
	case len(missing) > 0:
		resp.Error = fmt.Errorf("%s lacks attributes the check names: %s", c.addr, strings.Join(missing, ", "))
	default:
		if err := knownvalue.ObjectExact(c.want).CheckValue(values); err != nil {
			resp.Error = fmt.Errorf("%s: %w", c.addr, err)
		}
	}
}

// nullPaths lists the paths under at whose value is null. Empty lists and
// objects are set values: an empty list is what the API sent.
func (c attributesSet) nullPaths(at string, v any) []string {
	if slices.Contains(c.freeForm, at) {
		return nil
	}
	switch v := v.(type) {
	case nil:
		return []string{at}
	case map[string]any:
		var out []string
		for k, e := range v {
			out = append(out, c.nullPaths(at+"."+k, e)...)
		}
		return out
	case []any:
		var out []string
		for i, e := range v {
			out = append(out, c.nullPaths(fmt.Sprintf("%s[%d]", at, i), e)...)
		}
		return out
	default:
		return nil
	}
}

var compareSame = tfcompare.ValuesSame()
