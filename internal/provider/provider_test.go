package provider

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

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
