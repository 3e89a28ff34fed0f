package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// FuzzMapCampaign feeds arbitrary campaign JSON through the mapping and into
// Terraform state. Whatever the API sends, the provider must not panic, and
// whatever it maps must fit the schema.
func FuzzMapCampaign(f *testing.F) {
	seeds, err := filepath.Glob("../fakeapi/fixtures/campaigns/*.json")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seed campaigns: %v", err)
	}
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`{"app_config":{"webhook_config":{"metadata":{"a":[1,"x",null,{"b":true}],"n":1e400}}}}`,
		`{"app_config":{"webhook_config":{"metadata":[1,2]}}}`,
		`{"app_config":{"webhook_config":{"metadata":"text"}}}`,
		`{"created_at":"2026-01-01T00:00:00","updated_at":"garbage"}`,
		`{"app_config":{"retry_config":{"retry_interval_minutes":7}}}`,
	} {
		f.Add([]byte(s))
	}
	schema := schemaOf(newCampaignDataSource())
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, body []byte) {
		var c client.Campaign
		if json.Unmarshal(body, &c) != nil {
			return
		}
		var m campaignModel
		if err := m.fromAPI(&c); err != nil {
			return
		}
		state := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatalf("mapped campaign does not fit the schema: %v\nbody: %s", diags, body)
		}
	})
}

// FuzzFreeFormJSON feeds arbitrary free-form JSON, as a webhook's metadata
// or a campaign's top-level webhook_config holds, through the bounds the
// client keeps and the mapping into Terraform state. Past the bounds both
// refuse it; within them every valid value maps and fits the schema; and
// nothing under the body cap may take unbounded time or memory, which the
// fuzzer's own limits catch. Its seed corpus, in
// testdata/fuzz/FuzzFreeFormJSON, runs as a plain test.
func FuzzFreeFormJSON(f *testing.F) {
	for _, s := range []string{
		`{"team":"collections","n":1,"tags":["a",null,true]}`,
		`{"s":"}}}]]]{{{[[[\"","k:":{"":-0.0e+0}}`,
		`[1e400,-1e-400,1.5E+2]`,
	} {
		f.Add([]byte(s))
	}
	schema := schemaOf(newCampaignDataSource())
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, raw []byte) {
		reason := client.CheckFreeForm(raw)
		metadata, err := jsonToDynamic(raw)
		if reason != "" {
			if err == nil {
				t.Fatalf("past the bounds (%s), yet mapped: %q", reason, raw)
			}
			return
		}
		if err != nil {
			return // not one JSON value
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			// Nothing at all reads as an absent value: null.
			if !metadata.IsNull() {
				t.Fatalf("an empty value mapped to %v", metadata)
			}
			return
		}
		if !json.Valid(raw) {
			t.Fatalf("mapped JSON that is not valid: %q", raw)
		}
		// Within the bounds, the value goes into state as a read puts it.
		c := client.Campaign{AppConfig: &client.AppConfig{WebhookConfig: &client.WebhookConfig{Metadata: raw}}}
		var m campaignModel
		if err := m.fromAPI(&c); err != nil {
			t.Fatalf("metadata mapped alone, but not in a campaign: %v", err)
		}
		if metadata.IsNull() != m.AppConfig.WebhookConfig.Metadata.IsNull() {
			t.Fatalf("the campaign's metadata differs from the value mapped alone")
		}
		state := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatalf("mapped metadata does not fit the schema: %v\nmetadata: %q", diags, raw)
		}
	})
}
