package client

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func TestParseBaseURLAccepts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://apps.sarvam.ai/api/scheduling", "https://apps.sarvam.ai/api/scheduling"},
		{"https://apps.sarvam.ai/api/scheduling/", "https://apps.sarvam.ai/api/scheduling"},
		{"  https://apps.sarvam.ai/api/scheduling//  ", "https://apps.sarvam.ai/api/scheduling"},
		{"HTTPS://Apps.Sarvam.AI", "https://apps.sarvam.ai"},
		{"https://apps.sarvam.ai./api/scheduling", "https://apps.sarvam.ai/api/scheduling"},
		{"https://proxy.internal:8443", "https://proxy.internal:8443"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://127.0.0.1", "http://127.0.0.1"},
		{"http://127.10.0.3:9/x", "http://127.10.0.3:9/x"},
		{"http://[::1]:8080/api", "http://[::1]:8080/api"},
		{"http://localhost", "http://localhost"},
		{"http://LOCALHOST:3000", "http://localhost:3000"},
		{"HTTP://LOCALHOST:8787/api/scheduling", "http://localhost:8787/api/scheduling"},
		{"http://localhost.:3000", "http://localhost:3000"},
		{"http://127.0.0.1.:3000", "http://127.0.0.1:3000"},
		{"http://[::ffff:127.0.0.1]:3000", "http://127.0.0.1:3000"},
		{"http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000"},
		{"https://[2001:db8::1]/", "https://[2001:db8::1]"},
	} {
		u, err := ParseBaseURL(tc.in)
		if err != nil {
			t.Errorf("ParseBaseURL(%q): %v", tc.in, err)
			continue
		}
		if u.String() != tc.want {
			t.Errorf("ParseBaseURL(%q) = %s, want %s", tc.in, u, tc.want)
		}
	}
}

func TestParseBaseURLRefuses(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://example.com", "base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://example.com"},
		{"http://10.0.0.1:8080", "base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://10.0.0.1:8080"},
		{"http://localhost.evil.example", "base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://localhost.evil.example"},
		{"http://127.0.0.1.nip.io", "base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://127.0.0.1.nip.io"},
		{"http://", "base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://"},
		{"ftp://apps.sarvam.ai", `base_url must use https, not "ftp"`},
		{"file:///etc/passwd", `base_url must use https, not "file"`},
		{"javascript:alert(1)", `base_url must use https, not "javascript"`},
		{"https://", "base_url has no host"},
		{"https:///api", "base_url has no host"},
		{"https://:443", "base_url has no host"},
		{"apps.sarvam.ai/api/scheduling", `base_url "apps.sarvam.ai/api/scheduling" has no scheme: write https://apps.sarvam.ai/api/scheduling`},
		{"localhost:8787/api/scheduling", `base_url "localhost:8787/api/scheduling" has no scheme: write http://localhost:8787/api/scheduling (plain http is allowed to a loopback host), or https://localhost:8787/api/scheduling`},
		{"127.0.0.1:8787/api/scheduling", `base_url "127.0.0.1:8787/api/scheduling" has no scheme: write http://127.0.0.1:8787/api/scheduling (plain http is allowed to a loopback host), or https://127.0.0.1:8787/api/scheduling`},
		{"[::1]:8787", `base_url "[::1]:8787" has no scheme: write http://[::1]:8787 (plain http is allowed to a loopback host), or https://[::1]:8787`},
		{"/api/scheduling", "base_url must be an absolute https:// URL"},
		{"//apps.sarvam.ai/api", "base_url must be an absolute https:// URL"},
		{"", "base_url must be an absolute https:// URL"},
		{"https://apps.sarvam.ai/api?key=1", "base_url must not have a query string"},
		{"https://apps.sarvam.ai/api?", "base_url must not have a query string"},
		{"https://apps.sarvam.ai/api#frag", "base_url must not have a fragment"},
		{"https://apps sarvam.ai", "base_url is not a valid URL"},
		{"https://apps.sarvam.ai/%zz", "base_url is not a valid URL"},
		{"127.0.0.1:8080", `base_url "127.0.0.1:8080" has no scheme: write http://127.0.0.1:8080 (plain http is allowed to a loopback host), or https://127.0.0.1:8080`},
	} {
		u, err := ParseBaseURL(tc.in)
		if u != nil {
			t.Errorf("ParseBaseURL(%q) = %s, want an error", tc.in, u)
			continue
		}
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseBaseURL(%q)\n got: %v\nwant: %s", tc.in, err, tc.want)
		}
	}
}

// Credentials in the URL are refused without being repeated, however the
// URL is spelled, and even when it is otherwise invalid.
func TestParseBaseURLUserinfo(t *testing.T) {
	const user, pass = "alice-the-admin", "hunter2-S3CRET"
	for _, in := range []string{
		"https://" + user + ":" + pass + "@apps.sarvam.ai/api",
		"https://" + user + "@apps.sarvam.ai",
		"http://" + user + ":" + pass + "@example.com",
		"http://" + user + ":" + pass + "@127.0.0.1:8080",
		"ftp://" + user + ":" + pass + "@apps.sarvam.ai",
		"https://" + user + ":" + pass + "@",
		"https://" + user + ":" + pass + "@apps.sarvam.ai/?q#f",
		"https://" + user + ":" + pass + " x@apps.sarvam.ai",
		"https://" + user + ":" + pass + "@apps.sarvam.ai/%zz",
	} {
		u, err := ParseBaseURL(in)
		if u != nil || err == nil {
			t.Errorf("ParseBaseURL accepted a URL with credentials")
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, pass) || strings.Contains(msg, user) || strings.Contains(msg, "hunter2") {
			t.Errorf("credentials leaked: %s", msg)
		}
		if msg != "base_url must not contain a user name or password; the API key is the only credential" && msg != "base_url is not a valid URL" {
			t.Errorf("ParseBaseURL: unexpected error %q", msg)
		}
	}
	if _, err := New(Config{APIKey: "k", BaseURL: "https://" + user + ":" + pass + "@apps.sarvam.ai"}); err == nil || strings.Contains(err.Error(), pass) {
		t.Fatalf("New: %v", err)
	}
}

// TestPathSegmentEscaping sends awkward ids through the fake: each must
// arrive as exactly one escaped segment and name the right campaign.
func TestPathSegmentEscaping(t *testing.T) {
	for _, id := range []string{
		"a/b", "../../admin", "a/../b", "x?y=1", "x#frag", "100%", "%2F", "%25", "two words", "a+b", "a;b,c",
		"ताज-महल", "emoji 🏠", "tab\u00a0nbsp", "a\\b", "'quote\"", "<string>", "...", ".hidden", "a.", "@:$&=",
	} {
		t.Run(id, func(t *testing.T) {
			h := newHarness(t, nil)
			// Put the seed under the awkward id: a 200 proves the fake
			// routed the escaped segment to it.
			h.fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, id, mustSeed(fakeapi.PolicyRenewalID))
			if _, err := h.get(id); err != nil {
				t.Fatalf("GetCampaign(%q): %v", id, err)
			}
			reqs := h.fake.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			want := fakeapi.BasePath + "/v1/orgs/org-acme-finance/workspaces/ws-collections/campaigns/" + url.PathEscape(id)
			if reqs[0].EscapedPath != want {
				t.Fatalf("path sent %q, want %q", reqs[0].EscapedPath, want)
			}
			segs := strings.Split(reqs[0].EscapedPath, "/")
			if len(segs) != 10 {
				t.Fatalf("path %q has %d segments, want 10", reqs[0].EscapedPath, len(segs))
			}
			if got, err := url.PathUnescape(segs[9]); err != nil || got != id {
				t.Fatalf("last segment %q unescapes to %q (%v), want %q", segs[9], got, err, id)
			}
		})
	}
}

// Every id, not only the campaign's, is escaped, and a base URL path is kept.
func TestPathEscapingAllSegmentsAndBasePath(t *testing.T) {
	h := newHarness(t, nil)
	c, err := New(fastConfig(h.srv.URL + "/api/scheduling/"))
	if err != nil {
		t.Fatal(err)
	}
	// This test is about paths: the key reads every workspace.
	h.fake.SetModes(fakeapi.Modes{Foreign: fakeapi.ForeignOpen})
	h.fake.Put("org/1", "ws?2", "c#3", mustSeed(fakeapi.PolicyRenewalID))
	if _, err := c.GetCampaign(context.Background(), "org/1", "ws?2", "c#3"); err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	want := "/api/scheduling/v1/orgs/org%2F1/workspaces/ws%3F2/campaigns/c%233"
	if reqs := h.fake.Requests(); len(reqs) != 1 || reqs[0].EscapedPath != want {
		t.Fatalf("requests %+v, want one to %s", reqs, want)
	}
}

func TestInvalidIDsRefusedBeforeAnyRequest(t *testing.T) {
	type ids struct{ org, ws, campaign string }
	ok := ids{fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID}
	for _, tc := range []struct {
		ids  ids
		want string
	}{
		{ids{ok.org, ok.ws, ""}, "campaign_id must not be empty"},
		{ids{"", ok.ws, ok.campaign}, "org_id must not be empty"},
		{ids{ok.org, "", ok.campaign}, "workspace_id must not be empty"},
		{ids{ok.org, ok.ws, "  "}, "campaign_id must not be only white space"},
		{ids{ok.org, "\t\n", ok.campaign}, "workspace_id must not be only white space"},
		{ids{ok.org, ok.ws, " x"}, "campaign_id must not start or end with white space"},
		{ids{"x ", ok.ws, ok.campaign}, "org_id must not start or end with white space"},
		{ids{ok.org, ok.ws, "x\u00a0"}, "campaign_id must not start or end with white space"},
		{ids{ok.org, ok.ws, "."}, `campaign_id must not be "."`},
		{ids{ok.org, "..", ok.campaign}, `workspace_id must not be ".."`},
		{ids{ok.org, ok.ws, "a\x00b"}, "campaign_id must not contain control characters"},
		{ids{ok.org, ok.ws, "a\nb"}, "campaign_id must not contain control characters"},
		{ids{ok.org, ok.ws, "a\tb"}, "campaign_id must not contain control characters"},
		{ids{"a\x7fb", ok.ws, ok.campaign}, "org_id must not contain control characters"},
		{ids{ok.org, "a\x1bb", ok.campaign}, "workspace_id must not contain control characters"},
		// The first bad id is the one named.
		{ids{"", "..", "a\x00"}, "org_id must not be empty"},
	} {
		h := newHarness(t, nil)
		c, err := h.c.GetCampaign(context.Background(), tc.ids.org, tc.ids.ws, tc.ids.campaign)
		if c != nil {
			t.Fatalf("got a campaign for %q", tc.ids)
		}
		requireErrorText(t, err, tc.want)
		h.requireRequests(t, 0)
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "127.0.0.1": true, "127.255.255.254": true, "::1": true,
		"": false, "0.0.0.0": false, "::": false, "10.0.0.1": false, "localhost.": true, "LOCALHOST.": true, "127.0.0.1.": true, "localhost..": false, "localhost.example": false, "example.com": false, "::ffff:127.0.0.1": true,
	} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}
