package client

import (
	"context"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func TestNotFound(t *testing.T) {
	h := newHarness(t, nil)
	c, err := h.get("no-such-campaign")
	if c != nil {
		t.Fatalf("got a campaign with a 404")
	}
	requireErrorText(t, err, "the API answered HTTP 404 Not Found: Campaign no-such-campaign not found (code campaign_not_found)")
	if !IsNotFound(err) || HasStatus(err, 401) {
		t.Fatalf("IsNotFound=%v HasStatus(401)=%v, want true false", IsNotFound(err), HasStatus(err, 401))
	}
	apiErr := requireAs[*APIError](t, err)
	if apiErr.StatusCode != 404 || apiErr.Attempts != 1 {
		t.Fatalf("APIError %+v, want status 404 after 1 attempt", apiErr)
	}
	h.requireRequests(t, 1)
}

func TestNotFoundInOtherWorkspace(t *testing.T) {
	h := newHarness(t, nil)
	// An API that answers another workspace as if it were empty.
	h.fake.SetModes(fakeapi.Modes{Foreign: fakeapi.ForeignHidden})
	_, err := h.c.GetCampaign(context.Background(), fakeapi.OrgID, "ws-other", fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 404 Not Found: Campaign MKN-Loan-Le-181e5d84-a3cc not found (code campaign_not_found)")
	if !IsNotFound(err) {
		t.Fatalf("IsNotFound false for %v", err)
	}
}

func TestWrongKeyIsUnauthorized(t *testing.T) {
	const wrongKey = "sk_live_WRONG-but-still-secret-42"
	h := newHarness(t, func(c *Config) { c.APIKey = wrongKey })
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 401 Unauthorized: Invalid API key (code invalid_api_key)")
	if !HasStatus(err, 401) || IsNotFound(err) {
		t.Fatalf("HasStatus(401)=%v IsNotFound=%v, want true false", HasStatus(err, 401), IsNotFound(err))
	}
	if strings.Contains(err.Error(), wrongKey) {
		t.Fatalf("the key leaked: %v", err)
	}
	reqs := h.fake.Requests()
	if len(reqs) != 1 || !reqs[0].KeyPresent || reqs[0].KeyMatched {
		t.Fatalf("requests %+v, want one with a key that did not match", reqs)
	}
}

func TestForbiddenIsUnauthorized(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.Inject(fakeapi.Fault{Status: 403, Body: `{"error":{"message":"This key cannot read workspace ws-collections","type":"permission_error","code":"forbidden"}}`})
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 403 Forbidden: This key cannot read workspace ws-collections (code forbidden)")
	if !HasStatus(err, 403) || IsNotFound(err) {
		t.Fatalf("HasStatus(403)=%v IsNotFound=%v, want true false", HasStatus(err, 403), IsNotFound(err))
	}
	requireNoKey(t, err.Error())
	h.requireRequests(t, 1)
}

// An API that echoes the rejected key back must not get it into a
// diagnostic, whichever error shape it uses and however long the message.
func TestEchoedKeyRedacted(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{401, `{"error":{"message":"Invalid API key ` + testKey + `","code":"invalid_api_key"}}`,
			"the API answered HTTP 401 Unauthorized: Invalid API key [REDACTED] (code invalid_api_key)"},
		{403, `{"detail":"key ` + testKey + ` lacks scope"}`,
			"the API answered HTTP 403 Forbidden: key [REDACTED] lacks scope"},
		{401, `bad key: ` + testKey,
			"the API answered HTTP 401 Unauthorized: bad key: [REDACTED]"},
		// Escaped in JSON, the key only appears once the message is decoded.
		{401, `{"detail":"key \u0073k_test_7Hq2pLx9Vb4Nw8Rz-DO-NOT-LEAK"}`,
			"the API answered HTTP 401 Unauthorized: key [REDACTED]"},
		// Cut by the message length limit, a prefix of the key would remain.
		{400, `{"detail":"` + strings.Repeat("x", maxMessageLen-20) + " " + testKey + `"}`,
			"the API answered HTTP 400 Bad Request: " + strings.Repeat("x", maxMessageLen-20) + " [REDACTED]"},
	} {
		h := newHarness(t, nil)
		h.fake.Inject(fakeapi.Fault{Status: tc.status, Body: tc.body})
		_, err := h.get(fakeapi.LoanRemindersID)
		requireErrorText(t, err, tc.want)
		requireNoKey(t, err.Error())
		for n := 8; n < len(testKey); n++ {
			if strings.Contains(err.Error(), testKey[:n]) {
				t.Fatalf("a %d byte prefix of the key leaked: %v", n, err)
			}
		}
	}
}

// TestNotRetried covers the statuses that will not change on a retry: with
// retries available, each is still asked exactly once.
func TestNotRetried(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{400, `{"detail":"campaign_id is malformed"}`, "the API answered HTTP 400 Bad Request: campaign_id is malformed"},
		{401, `{"error":{"message":"Missing API key.","type":"authentication_error","code":"missing_api_key"}}`,
			"the API answered HTTP 401 Unauthorized: Missing API key (code missing_api_key)"},
		{403, `{"detail":"Forbidden"}`, "the API answered HTTP 403 Forbidden: Forbidden"},
		{404, `{"detail":"Not Found"}`, "the API answered HTTP 404 Not Found: Not Found"},
		{405, ``, "the API answered HTTP 405 Method Not Allowed"},
		{422, `{"detail":[{"loc":["path","campaign_id"],"msg":"String should have at most 64 characters","type":"string_too_long"}]}`,
			"the API answered HTTP 422 Unprocessable Entity: path.campaign_id: String should have at most 64 characters"},
		{501, `{"error":{"message":"not implemented"}}`, "the API answered HTTP 501 Not Implemented: not implemented"},
		{302, ``, "the API answered HTTP 302 Found, a redirect without a Location header, which is not followed"},
	} {
		h := newHarness(t, func(c *Config) { c.MaxRetries = 5 })
		h.recordWaits()
		h.fake.Inject(fakeapi.Fault{Status: tc.status, Body: tc.body})
		_, err := h.get(fakeapi.LoanRemindersID)
		requireErrorText(t, err, tc.want)
		h.requireRequests(t, 1)
		if w := h.recordedWaits(); len(w) != 0 {
			t.Fatalf("HTTP %d: waited %v before giving up, want no wait", tc.status, w)
		}
	}
}

func TestErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"FastAPI detail list", 422,
			`{"detail":[{"loc":["path","campaign_id"],"msg":"String should have at most 64 characters","type":"string_too_long"},` +
				`{"loc":["query","limit"],"msg":"Input should be less than or equal to 100","type":"less_than_equal"},` +
				`{"loc":["body","items",0],"msg":"Field required","type":"missing"},{"msg":"no location"}]}`,
			"the API answered HTTP 422 Unprocessable Entity: path.campaign_id: String should have at most 64 characters; " +
				"query.limit: Input should be less than or equal to 100; body.items.0: Field required; no location"},
		{"FastAPI detail string", 422, `{"detail":"Campaign is in a terminal state"}`,
			"the API answered HTTP 422 Unprocessable Entity: Campaign is in a terminal state"},
		{"FastAPI detail object", 422, `{"detail":{"reason":"odd"}}`,
			`the API answered HTTP 422 Unprocessable Entity: {"reason":"odd"}`},
		{"documented error shape", 400, `{"error":{"message":"Bad id","type":"invalid_request_error","code":"bad_id","data":{"details":[1]}}}`,
			"the API answered HTTP 400 Bad Request: Bad id (code bad_id)"},
		{"numeric code", 400, `{"error":{"message":"Bad id","code":4001}}`,
			"the API answered HTTP 400 Bad Request: Bad id (code 4001)"},
		{"empty code", 405, `{"error":{"message":"Method Not Allowed","type":"method_not_allowed","code":""}}`,
			"the API answered HTTP 405 Method Not Allowed: Method Not Allowed"},
		{"null code", 400, `{"error":{"message":"Bad id","code":null}}`,
			"the API answered HTTP 400 Bad Request: Bad id"},
		{"top-level message", 400, `{"message":"Gateway says no"}`,
			"the API answered HTTP 400 Bad Request: Gateway says no"},
		{"JSON without a message", 400, `{"status":"bad"}`,
			`the API answered HTTP 400 Bad Request: {"status":"bad"}`},
		{"plain text with control characters", 400, "bad\x00things\r\n\thappened\x1b[31m",
			"the API answered HTTP 400 Bad Request: bad things happened [31m"},
		{"invalid UTF-8", 400, "caf\xe9 closed",
			"the API answered HTTP 400 Bad Request: caf\uFFFD closed"},
		{"empty body", 400, ``, "the API answered HTTP 400 Bad Request"},
		{"white space body", 404, " \r\n ", "the API answered HTTP 404 Not Found"},
		{"long message", 400, `{"detail":"` + strings.Repeat("é", 2*maxMessageLen) + `"}`,
			"the API answered HTTP 400 Bad Request: " + strings.Repeat("é", maxMessageLen) + "…"},
		{"HTML 404", 404, "<!DOCTYPE html>\n<html><head><title>404</title></head><body>nginx</body></html>",
			"the API answered HTTP 404 Not Found: (an HTML page, not an API error)"},
		{"unknown status", 499, `{"detail":"client closed"}`, "the API answered HTTP 499: client closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.fake.Inject(fakeapi.Fault{Status: tc.status, Body: tc.body})
			_, err := h.get(fakeapi.LoanRemindersID)
			requireErrorText(t, err, tc.want)
			apiErr := requireAs[*APIError](t, err)
			if apiErr.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", apiErr.StatusCode, tc.status)
			}
		})
	}
}

// TestRetryableErrorBodies checks that the final error of an exhausted retry
// still reports the status and whatever the body said, HTML or nothing.
func TestRetryableErrorBodies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"HTML 502", 502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>",
			"the API answered HTTP 502 Bad Gateway after 2 attempts and 1ms of waiting between them: (an HTML page, not an API error)"},
		{"empty 503", 503, ``, "the API answered HTTP 503 Service Unavailable after 2 attempts and 1ms of waiting between them"},
		{"JSON 500", 500, `{"detail":"Internal Server Error"}`, "the API answered HTTP 500 Internal Server Error after 2 attempts and 1ms of waiting between them: Internal Server Error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.MaxRetries = 1 })
			h.fake.Inject(fakeapi.Fault{Status: tc.status, Body: tc.body}, fakeapi.Fault{Status: tc.status, Body: tc.body})
			_, err := h.get(fakeapi.LoanRemindersID)
			requireErrorText(t, err, tc.want)
			h.requireRequests(t, 2)
		})
	}
}
