package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// Every kind of client error becomes a diagnostic that names what was
// asked, what came back and what to do.
func TestReadError(t *testing.T) {
	asked := target{kind: "cohort", idAttr: "cohort_id", asked: `cohort "c" of campaign "x" in workspace "w" of org "o"`}
	for _, tc := range []struct {
		name        string
		err         error
		t           target
		summary     string
		detail      string
		onAttribute bool
	}{
		{"404", &client.APIError{StatusCode: 404, Message: "Cohort c not found"}, asked, "Cohort not found",
			`The Sarvam API has no cohort "c" of campaign "x" in workspace "w" of org "o" (the API answered HTTP 404 Not Found: Cohort c not found). Check the cohort_id, and that org_id and workspace_id name the workspace it belongs to. If every read fails this way, base_url may point at the wrong path`, true},
		{"404 of a listing", &client.APIError{StatusCode: 404}, target{kind: "campaign list", asked: "the campaign list in workspace \"w\" of org \"o\""}, "Campaign list not found",
			"The Sarvam API has no the campaign list", false},
		{"401", &client.APIError{StatusCode: 401, Message: "Invalid API key."}, asked, "Sarvam API key rejected",
			"HTTP 401 Unauthorized: Invalid API key.. The API key was not accepted or has no access to this workspace; a key belongs to one workspace. Set a valid key with the provider's api_key attribute or the SARVAM_API_KEY environment variable.", false},
		{"403", &client.APIError{StatusCode: 403}, asked, "Sarvam API key rejected", "HTTP 403 Forbidden", false},
		{"429", &client.APIError{StatusCode: 429, Attempts: 5}, asked, "Sarvam API error",
			"HTTP 429 Too Many Requests after 5 attempts. The API is rate limiting this key; try again later, or lower -parallelism.", false},
		{"503", &client.APIError{StatusCode: 503}, asked, "Sarvam API error",
			"HTTP 503 Service Unavailable. The API is failing; try again later. max_retries sets how often a read is retried.", false},
		{"400", &client.APIError{StatusCode: 400}, asked, "Sarvam API error", "HTTP 400 Bad Request. The API refused the request as sent; check the IDs and arguments.", false},
		{"422", &client.APIError{StatusCode: 422, Message: "sort_by: unknown field"}, asked, "Sarvam API error",
			"HTTP 422 Unprocessable Entity: sort_by: unknown field. The API refused the request as sent; check the IDs and arguments.", false},
		{"302", &client.APIError{StatusCode: 302, RedirectHost: "login.example.com"}, asked, "Sarvam API error",
			"a redirect to login.example.com, which is not followed. Check base_url: the scheduling API answers directly and does not redirect.", false},
		{"405", &client.APIError{StatusCode: 405}, asked, "Sarvam API error", "HTTP 405 Method Not Allowed. The API did not accept the request.", false},
		{"paging", &client.PaginationError{Endpoint: "List Cohorts", Reason: "offset did not advance"}, asked, "Sarvam API listing did not page correctly",
			"List Cohorts: the API's pages do not add up to one list: offset did not advance; no partial list is returned. Nothing was stored.", false},
		{"decode", &client.DecodeError{StatusCode: 200, Path: "result.total_records", Reason: "want an integer, got a JSON string"}, asked, "Unexpected response from the Sarvam API",
			`could not be decoded at "result.total_records": want an integer, got a JSON string. The response is not the object the API reference describes; check that base_url points at the scheduling API.`, false},
		{"transport", &client.TransportError{Host: "apps.example.com", Err: errors.New("connection refused")}, asked, "Could not reach the Sarvam API",
			"request to apps.example.com failed: connection refused. Check the network, any HTTPS_PROXY setting and base_url", false},
		{"request not sent", &client.RequestError{Host: "apps.example.com", Err: errors.New("invalid header")}, asked, "Could not send the request to the Sarvam API",
			"the request to apps.example.com was not sent: invalid header. Nothing reached the network and the request was not retried", false},
		{"anything else", errors.New("request to apps.example.com cancelled: context canceled"), asked, "Could not read the cohort",
			`Reading cohort "c" of campaign "x" in workspace "w" of org "o": request to apps.example.com cancelled: context canceled.`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			readError(&diags, tc.err, tc.t)
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			if d.Summary() != tc.summary || !strings.Contains(d.Detail(), tc.detail) {
				t.Fatalf("got %q: %s\nwant %q containing %s", d.Summary(), d.Detail(), tc.summary, tc.detail)
			}
			withPath, ok := d.(diag.DiagnosticWithPath)
			if tc.onAttribute != (ok && withPath.Path().Equal(path.Root(tc.t.idAttr))) {
				t.Fatalf("diagnostic on an attribute: %v, want %v", ok, tc.onAttribute)
			}
		})
	}
}

// The plumbing's own failures, which no configuration reaches through
// Terraform, each say what went wrong.
func TestDataSourcePlumbingErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("provider data of another type", func(t *testing.T) {
		var resp datasource.ConfigureResponse
		ds, ok := newCampaignsDataSource().(datasource.DataSourceWithConfigure)
		if !ok {
			t.Fatal("sarvam_campaigns cannot be configured")
		}
		ds.Configure(ctx, datasource.ConfigureRequest{ProviderData: "not provider data"}, &resp)
		if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Unexpected provider data" ||
			!strings.Contains(resp.Diagnostics[0].Detail(), "Expected *providerData, got string. This is a bug in the provider") {
			t.Fatalf("got %v", resp.Diagnostics)
		}
	})
	t.Run("read before configure", func(t *testing.T) {
		ds := newCampaignDataSource()
		req, resp := readRequest(t, ctx, ds, "MKN-1")
		ds.Read(ctx, req, resp)
		if !resp.Diagnostics.HasError() || resp.Diagnostics[0].Summary() != "Provider not configured" ||
			!strings.Contains(resp.Diagnostics[0].Detail(), "not configured before reading sarvam_campaign") {
			t.Fatalf("got %v", resp.Diagnostics)
		}
	})
}
