package provider

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

func TestRead_panicBecomesDiagnosticWithoutKey(t *testing.T) {
	c, err := client.New(client.Config{BaseURL: "https://apps.example.com", APIKey: testKey, Transport: panickingTransport{}})
	if err != nil {
		t.Fatal(err)
	}
	ds, ok := newCampaignDataSource().(*singleDataSource[campaignModel, *campaignModel, client.Campaign])
	if !ok {
		t.Fatalf("newCampaignDataSource returned %T", newCampaignDataSource())
	}
	ds.data = &providerData{client: c, apiKey: testKey, orgID: "o", workspaceID: "w"}

	ctx := context.Background()
	req, resp := readRequest(t, ctx, ds, "MKN-1")
	ds.Read(ctx, req, resp)

	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error diagnostic after the panic")
	}
	d := resp.Diagnostics.Errors()[0]
	text := d.Summary() + " " + d.Detail()
	if !strings.Contains(text, "Internal error in the sarvam provider") || !strings.Contains(text, "boom with header [REDACTED]") {
		t.Fatalf("unexpected diagnostic: %s", text)
	}
	if strings.Contains(text, testKey) {
		t.Fatalf("the key is in the diagnostic: %s", text)
	}
}

// After a panic, the log gets the stack and the panic value, both masked.
func TestRead_panicLogMasked(t *testing.T) {
	c, err := client.New(client.Config{BaseURL: "https://apps.example.com", APIKey: testKey, Transport: panickingTransport{}})
	if err != nil {
		t.Fatal(err)
	}
	ds, ok := newCampaignDataSource().(*singleDataSource[campaignModel, *campaignModel, client.Campaign])
	if !ok {
		t.Fatalf("newCampaignDataSource returned %T", newCampaignDataSource())
	}
	ds.data = &providerData{client: c, apiKey: testKey, orgID: "o", workspaceID: "w"}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	req, resp := readRequest(t, ctx, ds, "MKN-1")
	ds.Read(ctx, req, resp)

	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range entries {
		if e["@message"] == "Panic while reading sarvam_campaign" {
			found = true
			if !strings.Contains(fmt.Sprint(e["stack"]), "recoverPanic") || fmt.Sprint(e["panic"]) != "boom with header [REDACTED]" {
				t.Fatalf("unexpected panic log entry: %v", e)
			}
		}
	}
	if !found {
		t.Fatalf("no panic log entry in %d entries", len(entries))
	}
	if strings.Contains(logs.String(), testKey) {
		t.Fatal("the API key is in the log after a panic")
	}
}
