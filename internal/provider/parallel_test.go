package provider

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// A hundred data sources read at -parallelism=50 through one provider: every
// one gets its own campaign, and connections are shared rather than opened
// per read.
func TestCampaignDataSource_hundredReadsInParallel(t *testing.T) {
	clearEnv(t)
	fake := fakeapi.New(testKey)
	var opened atomic.Int64
	srv := httptest.NewUnstartedServer(fake)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	const n = 100
	ids := make([]string, n)
	names := map[string]knownvalue.Check{}
	for i := range ids {
		ids[i] = fmt.Sprintf("PAR-%03d", i)
		name := fmt.Sprintf("Parallel campaign %d", i)
		fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, ids[i], []byte(fmt.Sprintf(
			`{"campaign_id":%q,"name":%q,"status":"active","app_config":{"attempts_per_second":%d.5},"allowed_schedule":{"allowed_days":["Monday"]}}`,
			ids[i], name, i)))
		names[ids[i]] = knownvalue.StringExact(fmt.Sprintf("%s|%d.5", name, i))
	}
	t.Setenv("TF_CLI_ARGS_plan", "-parallelism=50")
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=50")
	t.Setenv("TF_CLI_ARGS_refresh", "-parallelism=50")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(srv.URL+fakeapi.BasePath) + `
locals {
  ids = ["` + strings.Join(ids, `", "`) + `"]
}
data "sarvam_campaign" "many" {
  count       = length(local.ids)
  campaign_id = local.ids[count.index]
}
output "read" {
  value = { for c in data.sarvam_campaign.many : c.campaign_id => "${c.name}|${c.app_config.attempts_per_second}" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("read", knownvalue.MapExact(names)),
			},
		}},
	})
	reads := 0
	for _, r := range fake.Requests() {
		if strings.Contains(r.EscapedPath, "/campaigns/PAR-") {
			reads++
		}
	}
	// Each Terraform command (plan, apply, refresh, show...) starts the
	// provider anew, so the pool is per command; what matters is that a
	// command's reads share connections instead of opening one each.
	t.Logf("%d reads over %d connections", reads, opened.Load())
	if reads < n {
		t.Fatalf("want at least %d reads, got %d", n, reads)
	}
	// Each command reads the hundred campaigns once, fifty at a time; with
	// a shared pool a command opens at most one connection per concurrent
	// read, without one it opens one per read.
	commands := int64(reads / n)
	if limit := commands * 50; opened.Load() > limit {
		t.Fatalf("%d connections for %d reads in %d commands (at most %d with a shared pool): connections are not reused", opened.Load(), reads, commands, limit)
	}
}
