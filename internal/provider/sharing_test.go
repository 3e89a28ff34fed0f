package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// markingProvider notes how many requests the fake had seen each time
// Terraform configured the provider. Each configuration builds a new client
// and Terraform runs one command at a time, so the requests between two
// marks are those of one client.
type markingProvider struct {
	*sarvamProvider
	fake  *fakeapi.Server
	mu    sync.Mutex
	marks []int
}

func (p *markingProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	p.mu.Lock()
	p.marks = append(p.marks, len(p.fake.Requests()))
	p.mu.Unlock()
	p.sarvamProvider.Configure(ctx, req, resp)
}

// Forty data sources over four campaigns send four requests each time the
// provider is configured, whatever the order Terraform reads them in, and
// every one gets its own campaign's values.
func TestCampaignDataSource_identicalReadsShareRequests(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	const n, distinct = 40, 4
	ids := make([]string, distinct)
	want := make([]knownvalue.Check, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("SHR-%d", i)
		fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, ids[i], []byte(fmt.Sprintf(
			`{"campaign_id":%q,"name":"Shared %d","status":"active","app_config":{},"allowed_schedule":{}}`, ids[i], i)))
	}
	for i := range want {
		want[i] = knownvalue.StringExact(fmt.Sprintf("Shared %d", i%distinct))
	}
	p := &markingProvider{sarvamProvider: &sarvamProvider{version: "test"}, fake: fake}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"sarvam": providerserver.NewProtocol6WithError(p),
		},
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + fmt.Sprintf(`
data "sarvam_campaign" "many" {
  count       = %d
  campaign_id = format("SHR-%%d", count.index %% %d)
}
output "names" {
  value = data.sarvam_campaign.many[*].name
}
`, n, distinct),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("names", knownvalue.ListExact(want)),
			},
		}},
	})
	requests := fake.Requests()
	bounds := append(p.marks, len(requests))
	reading := 0
	for i := range len(bounds) - 1 {
		perCampaign := map[string]int{}
		for _, r := range requests[bounds[i]:bounds[i+1]] {
			if j := strings.Index(r.EscapedPath, "/campaigns/SHR-"); j >= 0 {
				perCampaign[r.EscapedPath[j+len("/campaigns/"):]]++
			}
		}
		if len(perCampaign) == 0 {
			continue // a command that read no data source
		}
		reading++
		for _, id := range ids {
			if perCampaign[id] != 1 {
				t.Errorf("configuration %d: requests per campaign %v, want one for each of %v", i+1, perCampaign, ids)
				break
			}
		}
	}
	t.Logf("%d configurations, %d of them read the %d data sources", len(p.marks), reading, n)
	if reading == 0 {
		t.Fatal("no configuration read the campaigns")
	}
}
