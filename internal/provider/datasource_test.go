package provider

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// Every kind of client error becomes a diagnostic that names what was
// asked, what came back and what to do; each detail is checked whole.
func TestReadError(t *testing.T) {
	scope := scopeModel{OrgID: types.StringValue("o"), WorkspaceID: types.StringValue("w")}
	asked := target{kind: "cohort", idAttr: "cohort_id", check: "cohort_id and campaign_id", scope: scope, asked: `cohort "c" of campaign "x" in workspace "w" of org "o"`}
	list := target{kind: "campaign list", item: "campaign", idAttr: "workspace_id", scope: scope, asked: `the campaign list in workspace "w" of org "o"`}
	reading := `Reading cohort "c" of campaign "x" in workspace "w" of org "o": `
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	for _, tc := range []struct {
		name    string
		err     error
		t       target
		summary string
		detail  string
		attr    string
	}{
		{"404", &client.APIError{StatusCode: 404, Message: "Cohort c not found", Shaped: true}, asked, "Cohort not found",
			reading + `the API answered HTTP 404 Not Found: Cohort c not found. Check cohort_id and campaign_id, and that org_id and workspace_id ("w" of org "o") name the workspace it belongs to.`, "cohort_id"},
		{"404 of a listing", &client.APIError{StatusCode: 404, Message: "Workspace w not found", Shaped: true}, list, "Workspace not found",
			`Reading the campaign list in workspace "w" of org "o": the API answered HTTP 404 Not Found: Workspace w not found. Either workspace "w" of org "o" does not exist, or this key does not belong to it: ` +
				`a key belongs to one workspace, and the API may answer 404 for a workspace the key cannot read. Check workspace_id and org_id, and that the key (api_key or SARVAM_API_KEY) is one of that workspace.`, "workspace_id"},
		{"404 of a workspace", &client.APIError{StatusCode: 404, Message: "No such workspace", Code: "workspace_not_found", Shaped: true}, asked, "Workspace not found",
			reading + `the API answered HTTP 404 Not Found: No such workspace. Either workspace "w" of org "o" does not exist, or this key does not belong to it: ` +
				`a key belongs to one workspace, and the API may answer 404 for a workspace the key cannot read. Check workspace_id and org_id, and that the key (api_key or SARVAM_API_KEY) is one of that workspace.`, "workspace_id"},
		{"404 in FastAPI's words", &client.APIError{StatusCode: 404, Message: "Cohort c not found", Origin: client.OriginAPI}, asked, "Cohort not found",
			reading + `the API answered HTTP 404 Not Found: Cohort c not found. Check cohort_id and campaign_id, and that org_id and workspace_id ("w" of org "o") name the workspace it belongs to.`, "cohort_id"},
		{"404 not from the API", &client.APIError{StatusCode: 404, Message: "(an HTML page, not an API error)", Origin: client.OriginRouteMiss}, asked, "Not found: check base_url first",
			reading + `the API answered HTTP 404 Not Found: (an HTML page, not an API error). The answer is what a server gives for a path it does not serve ({"detail": "Not Found"}, a page, or an empty or non-JSON body), not the API's word about the cohort, ` +
				`so the request most likely reached no route of the scheduling API: base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it. ` +
				`If base_url is right, the cohort was not found: check cohort_id and campaign_id, and that org_id and workspace_id ("w" of org "o") name the workspace it belongs to.`, ""},
		{"404 of unclear origin", &client.APIError{StatusCode: 404, Message: "no such thing"}, asked, "Cohort not found",
			reading + `the API answered HTTP 404 Not Found: no such thing. Check cohort_id and campaign_id, and that org_id and workspace_id ("w" of org "o") name the workspace it belongs to. ` +
				`The answer is not in a shape the API is known to use ({"error": {…}} or {"detail": "…"}), so the request may also have reached no route of the scheduling API: ` +
				`base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it.`, "cohort_id"},
		{"404 of a listing, of unclear origin", &client.APIError{StatusCode: 404, Message: "no such thing"}, list, "Workspace not found",
			`Reading the campaign list in workspace "w" of org "o": the API answered HTTP 404 Not Found: no such thing. Either workspace "w" of org "o" does not exist, or this key does not belong to it: ` +
				`a key belongs to one workspace, and the API may answer 404 for a workspace the key cannot read. Check workspace_id and org_id, and that the key (api_key or SARVAM_API_KEY) is one of that workspace. ` +
				`The answer is not in a shape the API is known to use ({"error": {…}} or {"detail": "…"}), so the request may also have reached no route of the scheduling API: ` +
				`base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it.`, "workspace_id"},
		{"401, the API's full stop kept", &client.APIError{StatusCode: 401, Message: "Invalid API key."}, asked, "Sarvam API key rejected",
			reading + "the API answered HTTP 401 Unauthorized: Invalid API key. Set a valid key with the provider's api_key attribute or the SARVAM_API_KEY environment variable.", ""},
		{"403", &client.APIError{StatusCode: 403}, asked, "Sarvam API key does not belong to this workspace",
			reading + `the API answered HTTP 403 Forbidden. The key was accepted, but this key does not belong to workspace "w" of org "o": a key belongs to one workspace. ` +
				`Check workspace_id and org_id, or use a key of that workspace (api_key or SARVAM_API_KEY).`, ""},
		{"429", &client.APIError{StatusCode: 429, Attempts: 5, Waited: 62 * time.Second}, asked, "Sarvam API error",
			reading + "the API answered HTTP 429 Too Many Requests after 5 attempts and 1m2s of waiting between them. The API is rate limiting this key; try again later, or lower -parallelism.", ""},
		{"503", &client.APIError{StatusCode: 503}, asked, "Sarvam API error",
			reading + "the API answered HTTP 503 Service Unavailable. The API is failing; try again later. max_retries sets how often a read is retried.", ""},
		{"400", &client.APIError{StatusCode: 400}, asked, "Sarvam API error",
			reading + "the API answered HTTP 400 Bad Request. The API refused the request as sent; check the IDs and arguments.", ""},
		{"422 naming no argument", &client.APIError{StatusCode: 422, Message: "limit: too large", QueryParams: []string{"limit"}}, asked, "Sarvam API error",
			reading + "the API answered HTTP 422 Unprocessable Entity: limit: too large. The API refused the request as sent; check the IDs and arguments.", ""},
		{"422 naming search", &client.APIError{StatusCode: 422, Message: "search: too long", QueryParams: []string{"search"}}, list, "Argument refused by the Sarvam API",
			`Reading the campaign list in workspace "w" of org "o": the API answered HTTP 422 Unprocessable Entity: search: too long. The API refused the value of search (its query parameter search). Check the search term.`, "search"},
		{"302", &client.APIError{StatusCode: 302, RedirectHost: "login.example.com"}, asked, "Sarvam API error",
			reading + "the API answered HTTP 302 Found, a redirect to login.example.com, which is not followed. Check base_url: the scheduling API answers directly and does not redirect.", ""},
		{"405", &client.APIError{StatusCode: 405}, asked, "Sarvam API error", reading + "the API answered HTTP 405 Method Not Allowed. The API did not accept the request.", ""},
		{"paging", &client.PaginationError{Endpoint: "List Cohorts", Reason: "offset did not advance"}, asked, "Sarvam API listing did not page correctly",
			reading + "List Cohorts: the API's pages do not add up to one list: offset did not advance; no partial list is returned. Nothing was stored. If this persists, report it to Sarvam with the message above.", ""},
		{"decode", &client.DecodeError{StatusCode: 200, Path: "result.total_records", Reason: "want an integer, got a JSON string"}, asked, "Unexpected response from the Sarvam API",
			reading + `HTTP 200 response could not be decoded at "result.total_records": want an integer, got a JSON string. The response is not the object the API reference describes; check that base_url points at the scheduling API.`, ""},
		{"refused, retried", &client.TransportError{Host: "apps.example.com", Attempts: 5, Err: refused}, asked, "Could not reach the Sarvam API",
			reading + "request to apps.example.com failed after 5 attempts: dial tcp: connection refused. Check that the API is up at base_url, the network and any HTTPS_PROXY setting; max_retries sets how often a failed connection is retried.", ""},
		{"timed out", &client.TransportError{Host: "apps.example.com", Attempts: 2, Timeout: true, TimedOut: 2, RequestTimeout: 30 * time.Second, Elapsed: 61 * time.Second, Err: context.DeadlineExceeded}, asked, "Could not reach the Sarvam API",
			reading + "request to apps.example.com timed out: no complete response within the request timeout of 30s on 2 attempts (1m1s in all); request_timeout sets the per-attempt limit. " +
				"If the API is slow rather than down, raise request_timeout; max_retries does not change this, as a timed-out attempt is retried once. Otherwise check the network, any HTTPS_PROXY setting and base_url.", ""},
		{"no such host, not retried", &client.TransportError{Host: "apps.example.invalid", Err: &net.DNSError{Name: "apps.example.invalid", Err: "no such host", IsNotFound: true}}, asked, "Could not reach the Sarvam API",
			reading + "request to apps.example.invalid failed: no such host apps.example.invalid. This is not retried, as asking again would fail the same way: check base_url, the network and any HTTPS_PROXY setting.", ""},
		{"request not sent", &client.RequestError{Host: "apps.example.com", Err: errors.New("invalid header")}, asked, "Could not send the request to the Sarvam API",
			reading + "the request to apps.example.com was not sent: invalid header. Nothing reached the network and the request was not retried; check the provider's settings.", ""},
		{"anything else", errors.New("request to apps.example.com cancelled: context canceled"), asked, "Could not read the cohort",
			reading + "request to apps.example.com cancelled: context canceled.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			readError(&diags, tc.err, tc.t)
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			if d.Summary() != tc.summary || d.Detail() != tc.detail {
				t.Fatalf("got %q:\n%s\nwant %q:\n%s", d.Summary(), d.Detail(), tc.summary, tc.detail)
			}
			withPath, ok := d.(diag.DiagnosticWithPath)
			if (tc.attr != "") != ok || (ok && !withPath.Path().Equal(path.Root(tc.attr))) {
				t.Fatalf("diagnostic on an attribute: %v, want %q", d, tc.attr)
			}
		})
	}
}

// A listed item that cannot be mapped is named as the item it is, in a
// sentence that reads for a list.
func TestMappingError(t *testing.T) {
	var diags diag.Diagnostics
	mappingError(&diags, errors.New(`cohorts[2].created_at: "yesterday" is not an RFC 3339 timestamp`),
		target{kind: "campaign", item: "cohort", asked: `the cohorts of campaign "x" in workspace "w" of org "o"`})
	want := `Reading the cohorts of campaign "x" in workspace "w" of org "o": the response was read, but a value in it could not be used: ` +
		`cohorts[2].created_at: "yesterday" is not an RFC 3339 timestamp. Nothing was stored. If this persists, report it with the field name above.`
	if len(diags) != 1 || diags[0].Summary() != "Unexpected cohort from the Sarvam API" || diags[0].Detail() != want {
		t.Fatalf("got %v\nwant %s", diags, want)
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
