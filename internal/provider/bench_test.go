package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// benchCampaign decodes the fully populated seed campaign, with the caller
// numbers of its first connection replaced by n distinct ones when n > 0.
func benchCampaign(tb testing.TB, n int) *client.Campaign {
	tb.Helper()
	body, ok := fakeapi.New("k").Campaign(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	if !ok {
		tb.Fatal("no seed campaign")
	}
	var c client.Campaign
	if err := json.Unmarshal(body, &c); err != nil {
		tb.Fatal(err)
	}
	if n > 0 {
		numbers := make([]*string, n)
		for i := range numbers {
			s := fmt.Sprintf("+9180%08d", i)
			numbers[i] = &s
		}
		c.AppConfig.ConnectionConfigs[0].PhoneNumbers = numbers
	}
	return &c
}

// BenchmarkMapCampaign maps the full campaign to its model.
func BenchmarkMapCampaign(b *testing.B) {
	c := benchCampaign(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		var m campaignModel
		if err := m.fromAPI(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCampaignState maps the full campaign and sets it into state as
// a read does (setState, which builds the values directly).
func BenchmarkCampaignState(b *testing.B) {
	benchState(b, benchCampaign(b, 0))
}

// BenchmarkCampaignStateReflection does the same by the framework's
// reflection over the model, as a read did before.
func BenchmarkCampaignStateReflection(b *testing.B) {
	benchStateBy(b, benchCampaign(b, 0), func(ctx context.Context, state *tfsdk.State, m any) diag.Diagnostics { return state.Set(ctx, m) })
}

// BenchmarkCampaignStatePhoneNumbers does the same with n caller numbers;
// ns/number staying flat as n grows shows the time is linear.
func BenchmarkCampaignStatePhoneNumbers(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			benchState(b, benchCampaign(b, n))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/number")
		})
	}
}

func benchState(b *testing.B, c *client.Campaign) { benchStateBy(b, c, setState) }

// benchStateBy maps c and sets it into a new state with set, as a read does.
func benchStateBy(b *testing.B, c *client.Campaign, set func(context.Context, *tfsdk.State, any) diag.Diagnostics) {
	schema := schemaOf(newCampaignDataSource())
	ctx := context.Background()
	typ := schema.Type().TerraformType(ctx)
	b.ReportAllocs()
	for b.Loop() {
		var m campaignModel
		if err := m.fromAPI(c); err != nil {
			b.Fatal(err)
		}
		state := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(typ, nil)}
		if diags := set(ctx, &state, &m); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkTimestamp measures what a typed timestamp costs over a plain
// string holding the same checked value.
func BenchmarkTimestamp(b *testing.B) {
	v := "2026-11-10T05:30:00+05:30"
	b.Run("timetypes.RFC3339", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := timestamp("created_at", &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("types.String", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
				b.Fatal(err)
			}
			_ = types.StringValue(v)
		}
	})
	b.Run("semantic equality", func(b *testing.B) {
		prior, next := timetypes.NewRFC3339ValueMust(v), timetypes.NewRFC3339ValueMust("2026-11-10T00:00:00Z")
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if _, diags := prior.StringSemanticEquals(ctx, next); diags.HasError() {
				b.Fatal(diags)
			}
		}
	})
}

// chainMetadata is a list of chains objects, each nested depth deep around
// a number of the most digits and exponent the bounds let through.
func chainMetadata(chains, depth int) json.RawMessage {
	number := "-1." + strings.Repeat("7", client.MaxNumberDigits-4) + "e-400"
	links := make([]string, chains)
	for i := range links {
		links[i] = strings.Repeat(`{"a":`, depth-1) + number + strings.Repeat("}", depth-1)
	}
	return json.RawMessage("[" + strings.Join(links, ",") + "]")
}

// flatMetadata is one object of n members, each a number as above.
func flatMetadata(n int) json.RawMessage {
	number := "-1." + strings.Repeat("7", client.MaxNumberDigits-4) + "e-400"
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf(`"m%d":%s`, i, number)
	}
	return json.RawMessage("{" + strings.Join(members, ",") + "}")
}

// BenchmarkWorstAcceptedMetadata maps and sets into state the costliest
// metadata the bounds of client.CheckFreeForm let through, in three
// shapes near client.MaxFreeFormWeight; the largest B/op is the figure
// RELIABILITY.md gives. The mapping itself refuses anything past the
// bounds, so each shape is known to be accepted.
func BenchmarkWorstAcceptedMetadata(b *testing.B) {
	for _, tc := range []struct {
		name     string
		metadata json.RawMessage
	}{
		{"4 chains 64 deep", chainMetadata(4, client.MaxFreeFormDepth)},
		{"220 chains 8 deep", chainMetadata(220, 8)},
		{"4999 members", flatMetadata(4999)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if reason := client.CheckFreeForm(tc.metadata); reason != "" {
				b.Fatalf("not accepted: %s", reason)
			}
			c := benchCampaign(b, 0)
			c.AppConfig.WebhookConfig.Metadata = tc.metadata
			b.ReportMetric(float64(len(tc.metadata)), "metadata-bytes")
			benchState(b, c)
		})
	}
}
