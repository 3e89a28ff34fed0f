package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// The mistakes a new user makes in the first hour end at once, with a
// message that names the cause.

// A base_url that already holds the API's own path is refused before any
// request: the provider appends /v1/orgs/… itself.
func TestProvider_baseURLWithAPIPath(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	for _, bad := range []string{url + "/v1", url + "/v1/", url + "/v1/orgs/" + fakeapi.OrgID} {
		t.Run(bad, func(t *testing.T) {
			expectFailure(t, providerBlock(bad)+campaignBlock(fakeapi.LoanRemindersID),
				`Invalid base_url.*base_url must stop before /v1: the provider appends /v1/orgs/\{org_id\}/workspaces/\{workspace_id\}/… itself`, testKey)
		})
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("want no request, got %d", n)
	}
}

// A base_url at the wrong path gets 404s: the message says that base_url may
// be the cause when every read fails this way. The fake API, like the real
// one, serves only its exact mount.
func TestProvider_baseURLWrongPath(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	wrong := url[:len(url)-len(fakeapi.BasePath)] + "/api/schedule"
	expectFailure(t, providerBlock(wrong)+campaignBlock(fakeapi.LoanRemindersID),
		exact("Not found: check base_url first",
			`Reading campaign "`+fakeapi.LoanRemindersID+`" in workspace "ws-collections" of org "org-acme-finance": the API answered HTTP 404 Not Found: Not Found. `+
				`The answer is what a server gives for a path it does not serve ({"detail": "Not Found"}, a page, or an empty or non-JSON body), not the API's word about the campaign, `+
				`so the request most likely reached no route of the scheduling API: base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it. `+
				`If base_url is right, the campaign was not found: check campaign_id, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`), testKey)
}

// A host name that does not resolve is not retried as if it were a passing
// fault, and the message names the host. The resolver is an in-process one
// that answers NXDOMAIN, so the test does not depend on the machine's.
func TestProvider_unknownHostFailsAtOnce(t *testing.T) {
	t.Parallel()
	clearEnv(t)
	asked := nxdomainResolver(t)
	const host = "apps.sarvamm.invalid"
	expectFailure(t, requiredProviders+fmt.Sprintf(`
provider "sarvam" {
  api_key      = %q
  base_url     = "https://%s/api/scheduling"
  org_id       = %q
  workspace_id = %q
}
`, testKey, host, fakeapi.OrgID, fakeapi.WorkspaceID)+campaignBlock(fakeapi.LoanRemindersID),
		`Could not reach the Sarvam API.*Reading campaign "`+fakeapi.LoanRemindersID+`" in workspace "ws-collections" of org "org-acme-finance": `+
			`request to `+host+` failed: no such host `+host+`\. This is not retried, as asking again would fail the same way: `+
			`check base_url, the network and any HTTPS_PROXY setting\.`, testKey)
	names := asked()
	if len(names) == 0 {
		t.Fatal("the in-process resolver was never asked: the answer came from elsewhere")
	}
	for _, n := range names {
		if !strings.HasPrefix(n, host) {
			t.Fatalf("the resolver was asked for %q, want only %s: %v", n, host, names)
		}
	}
}

// A redirect is not followed, and the message says so and names only the
// host it pointed at.
func TestProvider_redirectNamed(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 302, Header: map[string]string{"Location": "https://login.example.com/sso?next=/secret-path&token=abc"}})
	expectFailure(t, providerBlock(url)+campaignBlock(fakeapi.LoanRemindersID),
		`Sarvam API error.*HTTP 302 Found, a redirect to login.example.com, which is not followed.*Check base_url: the scheduling API answers directly and does not redirect`,
		testKey, "secret-path", "token=abc", "See the message above")
}

// An API that accepts the request and never answers: with the default
// max_retries, a timed-out attempt is tried once more, not five times, and
// the message says how long the read waited and which setting sets it.
func TestProvider_hangingAPIBounded(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Hang: true}, fakeapi.Fault{Hang: true}, fakeapi.Fault{Hang: true})
	expectFailure(t, providerBlock(url, `request_timeout = "1s"`)+campaignBlock(fakeapi.LoanRemindersID),
		`Could not reach the Sarvam API.*timed out.*request timeout of 1s on 2 attempts \(.* in all\); request_timeout sets the per-attempt limit\. `+
			`If the API is slow rather than down, raise request_timeout; max_retries does not change this, as a timed-out attempt is retried once\. `+
			`Otherwise check the network, any HTTPS_PROXY setting and base_url\.`, testKey)
	if n := len(fake.Requests()); n != 2 {
		t.Fatalf("want 2 attempts, got %d", n)
	}
}
