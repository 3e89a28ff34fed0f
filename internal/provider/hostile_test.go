package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// Servers written in the test to answer badly on purpose, read through
// Terraform with TF_LOG at trace: each diagnostic is asserted whole, and
// neither it nor any line of the log holds the key or a secret.

// answer is one response, given to every request.
type answer struct {
	status int
	header map[string]string
	body   string
}

// hostileAPI serves a to every request and returns its base URL.
func hostileAPI(t *testing.T, a answer) string {
	t.Helper()
	return hostileAPIFunc(t, func(*http.Request) answer { return a })
}

// hostileAPIFunc serves each request what answerFor gives it and returns
// its base URL.
func hostileAPIFunc(t *testing.T, answerFor func(*http.Request) answer) string {
	t.Helper()
	clearEnv(t)
	// From the environment, so that the key is in no configuration the
	// test harness logs.
	t.Setenv(EnvAPIKey, testKey)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := answerFor(r)
		for k, v := range a.header {
			w.Header()[k] = []string{v}
		}
		if a.body != "" && a.header["Content-Type"] == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + fakeapi.BasePath
}

// hostileProvider configures the provider for url, its key from the
// environment.
func hostileProvider(url string, extra ...string) string {
	return requiredProviders + `
provider "sarvam" {
  base_url     = "` + url + `"
  org_id       = "` + fakeapi.OrgID + `"
  workspace_id = "` + fakeapi.WorkspaceID + `"
  ` + strings.Join(extra, "\n  ") + `
}
`
}

// traced sets TF_LOG to trace into a file and returns a function that
// checks, once Terraform has run, that the log shows a response and none of
// forbidden.
func traced(t *testing.T, forbidden ...string) func() {
	t.Helper()
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	return func() {
		t.Helper()
		raw, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		log := string(raw)
		if !strings.Contains(log, "Sarvam API response") {
			t.Fatalf("the trace log shows no response; was it captured? (%d bytes)", len(log))
		}
		for _, f := range forbidden {
			if i := strings.Index(log, f); f != "" && i >= 0 {
				t.Fatalf("the trace log holds %q: …%s…", f, log[max(0, i-200):min(len(log), i+50)])
			}
		}
	}
}

// expectFailureTraced is expectFailure with TF_LOG at trace: the log must
// show the response, and none of forbidden may be in it.
func expectFailureTraced(t *testing.T, config, pattern string, forbidden ...string) {
	t.Helper()
	check := traced(t, forbidden...)
	expectFailure(t, config, pattern, forbidden...)
	check()
}

// hostileCampaign is a campaign body with extra fields spliced in.
func hostileCampaign(fields string) string {
	return `{"campaign_id":"` + fakeapi.LoanRemindersID + `","name":"x","status":"active","app_config":{},"allowed_schedule":{}` + fields + `}`
}

const hostileAsked = `Reading campaign "` + fakeapi.LoanRemindersID + `" in workspace "` + fakeapi.WorkspaceID + `" of org "` + fakeapi.OrgID + `"`

// Every message that quotes the API takes the key out, however the
// server places it.
func TestHostileKeyNeverShown(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answer  answer
		summary string
		detail  string
	}{
		{"a timestamp echoing the key", answer{status: 200, body: hostileCampaign(`,"created_at":"token ` + testKey + `"`)},
			"Unexpected campaign from the Sarvam API",
			hostileAsked + `: the response was read, but a value in it could not be used: created_at: "token [REDACTED]" is not an RFC 3339 timestamp. Nothing was stored. If this persists, report it with the field name above.`},
		{"a redirect to a host named by the key", answer{status: 302, header: map[string]string{"Location": "http://" + testKey + ".invalid/x"}},
			"Sarvam API error",
			hostileAsked + `: the API answered HTTP 302 Found, a redirect to [REDACTED].invalid, which is not followed. Check base_url: the scheduling API answers directly and does not redirect.`},
		{"an error message echoing the key", answer{status: 400, body: `{"error":{"message":"bad key ` + testKey + `","code":"` + testKey + `"}}`},
			"Sarvam API error",
			hostileAsked + `: the API answered HTTP 400 Bad Request: bad key [REDACTED] (code [REDACTED]). The API refused the request as sent; check the IDs and arguments.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := hostileAPI(t, tc.answer)
			expectFailureTraced(t, hostileProvider(url)+campaignBlock(fakeapi.LoanRemindersID), exact(tc.summary, tc.detail), testKey)
		})
	}
}

// A campaign's top-level webhook_config whose custom headers are named as
// the decoder matches them ("cuſtom_headers", with U+017F) is read with
// them withheld, from the state and from the log; "customHeaders", which
// the decoder does not match, is data and kept.
func TestHostileCampaignWebhookCredentialsFolded(t *testing.T) {
	const header = "Bearer campaign-hdr-4e2b"
	url := hostileAPI(t, answer{status: 200, body: hostileCampaign(`,"webhook_config":{"url":"https://hooks.example.com/done",` +
		`"cuſtom_headers":{"Authorization":"` + header + `"},"customHeaders":{"note":"kept as data"}}`)})
	check := traced(t, header, testKey)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: hostileProvider(url) + campaignBlock(fakeapi.LoanRemindersID),
			ConfigStateChecks: []statecheck.StateCheck{
				stateHasNo{header, "kept as data"},
				stateHasNo{"cuſtom_headers", "hooks.example.com/done"},
			},
		}},
	})
	check()
}

// listPage is one page of campaigns from..to of a list that reports total.
func listPage(from, to, total, offset int) string {
	items := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		items = append(items, fmt.Sprintf(`{"campaign_id":"cmp-%04d","name":"campaign %d","status":"active"}`, i, i))
	}
	next := "null"
	if offset+len(items) < total {
		next = `"/next"`
	}
	return fmt.Sprintf(`{"items":[%s],"total":%d,"offset":%d,"next_page_uri":%s}`, strings.Join(items, ","), total, offset, next)
}

const hostileListAsked = `Reading the campaign list in workspace "` + fakeapi.WorkspaceID + `" of org "` + fakeapi.OrgID + `"`

// Through Terraform, a list whose pages alternate between two sets of 100
// while total says 500 is an error that says so, not 200 campaigns; a page
// that fails for good is named by its offset.
func TestHostileListsThroughTerraform(t *testing.T) {
	t.Run("alternating pages", func(t *testing.T) {
		url := hostileAPIFunc(t, func(r *http.Request) answer {
			offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
			from := (offset / 100 % 2) * 100
			return answer{status: 200, body: listPage(from, from+100, 500, offset)}
		})
		once := `300 items were listed twice, the first "cmp-0000" again on the page at offset 200, leaving 200 distinct items, where the API reports a total of 500`
		expectFailureTraced(t, hostileProvider(url)+`data "sarvam_campaigns" "test" {}`, exact("Sarvam API listing did not page correctly",
			hostileListAsked+`: List Campaigns: the API's pages do not add up to one list: the list changed while it was read (`+once+
				`), and again when read once more from the start (`+once+`); a retry usually helps once the list stops changing; no partial list is returned. `+
				`Nothing was stored. If this persists, report it to Sarvam with the message above.`), testKey)
	})
	t.Run("a page that fails for good", func(t *testing.T) {
		url := hostileAPIFunc(t, func(r *http.Request) answer {
			offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
			if offset == 300 {
				return answer{status: 503, body: `{"error":{"message":"overloaded"}}`}
			}
			return answer{status: 200, body: listPage(offset, offset+100, 1000, offset)}
		})
		expectFailureTraced(t, hostileProvider(url, "max_retries = 0")+`data "sarvam_campaigns" "test" {}`, exact("Sarvam API error",
			hostileListAsked+`: reading the page at offset 300: the API answered HTTP 503 Service Unavailable: overloaded. `+
				`The API is failing; try again later. max_retries sets how often a read is retried.`), testKey)
	})
}

// Answers that would take unbounded work end at once with an error that
// says where and what; a 204 and a number out of range say what they are.
func TestHostileBoundedAnswers(t *testing.T) {
	const notTheObject = ` The response is not the object the API reference describes; check that base_url points at the scheduling API.`
	deep := strings.Repeat(`{"a":`, 9990) + "1" + strings.Repeat("}", 9990)
	for _, tc := range []struct {
		name   string
		answer answer
		detail string
	}{
		{"metadata 9,990 deep", answer{status: 200, body: hostileCampaign(`,"app_config":{"webhook_config":{"metadata":` + deep + `}}`)},
			`: HTTP 200 response could not be decoded at "app_config.webhook_config.metadata": nested 9990 levels deep, more than the 64 levels the provider reads.`},
		{"a number 1e10000000", answer{status: 200, body: hostileCampaign(`,"app_config":{"webhook_config":{"metadata":{"n":1e10000000}}}`)},
			`: HTTP 200 response could not be decoded at "app_config.webhook_config.metadata": the number 1e10000000 has an exponent beyond ±400, which the provider does not read.`},
		{"attempts_per_second 1e400", answer{status: 200, body: hostileCampaign(`,"app_config":{"attempts_per_second":1e400}`)},
			`: HTTP 200 response could not be decoded at "app_config.attempts_per_second": want a number, got the JSON number 1e400, which is out of range for a 64-bit floating-point number.`},
		{"204 No Content", answer{status: 204},
			`: HTTP 204 response could not be decoded: the API answered 204 No Content, an empty answer where a JSON object was expected.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// hostileCampaign has an app_config of its own; the case's
			// replaces it, as the decoder keeps the last.
			url := hostileAPI(t, tc.answer)
			expectFailureTraced(t, hostileProvider(url)+campaignBlock(fakeapi.LoanRemindersID),
				exact("Unexpected response from the Sarvam API", hostileAsked+tc.detail+notTheObject), testKey)
		})
	}
}

const (
	hostileScope     = ` Check campaign_id, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`
	hostileRouteMiss = ` The answer is what a server gives for a path it does not serve ({"detail": "Not Found"}, a page, or an empty or non-JSON body), not the API's word about the campaign, so the request most likely reached no route of the scheduling API: base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it. If base_url is right, the campaign was not found: check campaign_id, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`
)

// First contact with a server that is not ours: a FastAPI-style missing
// object, a route miss, a gateway's HTML page, a 401 that echoes the key and
// a 429 that never ends are each told apart, worded whole, and hold the key
// neither in the diagnostic nor in the trace log.
func TestHostileFirstContact(t *testing.T) {
	const html = "<html><body><h1>404 Not Found</h1><p>nginx</p></body></html>"
	for _, tc := range []struct {
		name    string
		answer  answer
		extra   string
		summary string
		detail  string
	}{
		{"a missing campaign in FastAPI words", answer{status: 404, body: `{"detail":"Campaign not found"}`}, "",
			"Campaign not found", hostileAsked + `: the API answered HTTP 404 Not Found: Campaign not found.` + hostileScope},
		{"a route miss", answer{status: 404, body: `{"detail":"Not Found"}`}, "",
			summaryNotTheAPI, hostileAsked + `: the API answered HTTP 404 Not Found: Not Found.` + hostileRouteMiss},
		{"a gateway HTML 404", answer{status: 404, header: map[string]string{"Content-Type": "text/html"}, body: html}, "",
			summaryNotTheAPI, hostileAsked + `: the API answered HTTP 404 Not Found: (an HTML page, not an API error).` + hostileRouteMiss},
		{"a 401 that echoes the key", answer{status: 401, body: `{"detail":"Invalid API key ` + testKey + `"}`}, "",
			"Sarvam API key rejected", hostileAsked + `: the API answered HTTP 401 Unauthorized: Invalid API key [REDACTED]. ` +
				`Set a valid key with the provider's api_key attribute or the SARVAM_API_KEY environment variable.`},
		{"a 429 that never ends", answer{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"detail":"Too many requests"}`}, "max_retries = 1",
			"Sarvam API error", hostileAsked + `: the API answered HTTP 429 Too Many Requests after 2 attempts and 1s of waiting between them: Too many requests. ` +
				`The API is rate limiting this key; try again later, or lower -parallelism.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := hostileAPI(t, tc.answer)
			expectFailureTraced(t, hostileProvider(url, tc.extra)+campaignBlock(fakeapi.LoanRemindersID), exact(tc.summary, tc.detail), testKey)
		})
	}
}
