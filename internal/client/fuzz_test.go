package client

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeCampaign feeds arbitrary bodies to the decoder: it must never
// panic, a success must carry every field the provider relies on, and a
// failure must be a DecodeError fit for a diagnostic.
func FuzzDecodeCampaign(f *testing.F) {
	seeds := seedFiles(f)
	names := make([]string, 0, len(seeds))
	for name := range seeds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f.Add(seeds[name])
	}
	for _, tc := range decodeCases() {
		f.Add([]byte(tc.body))
	}
	for _, body := range []string{
		`{"campaign_id":"c","name":"n","status":"s","app_config":{"retry_config":{"retry_interval_minutes":[1,-2,3e2]}},"allowed_schedule":{}}`,
		`{"campaign_id":"c","name":"n","status":"s","app_config":{"webhook_config":{"metadata":[{"a":{}}]}},"allowed_schedule":{"allowed_days":null}}`,
		`{"campaign_id":"c","name":"n","status":"s","app_config":{"retry_config":{"retry_interval_minutes":99999999999999999999}},"allowed_schedule":{}}`,
		`{"CAMPAIGN_ID":"c","Name":"n","STATUS":"s","App_Config":{},"allowed_schedule":{}}`,
		"\ufeff{}",
		`1é` + strings.Repeat("é", 40),
		`{"campaign_id":"c"`,
		`{"a":` + strings.Repeat("[", 10001),
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := decodeCampaign(body)
		if err != nil {
			if c != nil {
				t.Fatalf("a campaign and an error: %v", err)
			}
			var dErr *DecodeError
			if !errors.As(err, &dErr) || dErr.StatusCode != 200 {
				t.Fatalf("error %v (%T) is not a DecodeError for HTTP 200", err, err)
			}
			if msg := err.Error(); !utf8.ValidString(msg) {
				t.Fatalf("error message is not valid UTF-8: %q", msg)
			}
			return
		}
		if c == nil || c.CampaignID == nil || c.Name == nil || c.Status == nil || c.AppConfig == nil || c.AllowedSchedule == nil {
			t.Fatalf("decoded without a required field: %+v", c)
		}
		if rc := c.AppConfig.RetryConfig; rc != nil {
			l := rc.RetryIntervalMinutes
			if l.Present != (l.Values != nil) {
				t.Fatalf("retry_interval_minutes %#v: Present must match non-nil Values", l)
			}
		}
	})
}

var controlChars = regexp.MustCompile(`[\x00-\x1f\x7f]`)

// FuzzAPIMessage checks what an error body can put in a diagnostic: one
// line of valid UTF-8, bounded, and never the key.
func FuzzAPIMessage(f *testing.F) {
	for _, body := range []string{
		``, `{"detail":"x"}`, `{"detail":[{"loc":["a",1],"msg":"m"}]}`, `{"error":{"message":"m","code":7}}`,
		`{"message":"m"}`, "<html><body>x</body></html>", "caf\xe9\x00\n", `{"detail":null}`, `{"error":"s"}`,
		`{"detail":"\u0073k_live_0123456789"}`, "sk_live_0123456789 sk_live_0123456789",
	} {
		f.Add([]byte(body), "sk_live_0123456789")
	}
	validKey := regexp.MustCompile(`^[A-Za-z0-9_-]{8,}$`)
	f.Fuzz(func(t *testing.T, body []byte, key string) {
		msg := errorMessage(body)
		if !utf8.ValidString(msg) || controlChars.MatchString(msg) || msg != strings.TrimSpace(msg) {
			t.Fatalf("message %q is not one clean line", msg)
		}
		if n := utf8.RuneCountInString(msg); n > maxMessageLen+1 {
			t.Fatalf("message of %d runes", n)
		}
		// Keys are tokens; one that is part of the placeholder itself
		// cannot be told apart from it.
		if !validKey.MatchString(key) || strings.Contains(redacted, key) {
			return
		}
		c := &Client{cfg: Config{APIKey: key}}
		if got := c.apiMessage(body); strings.Contains(got, key) {
			t.Fatalf("the key is in %q", got)
		}
	})
}

// FuzzCampaignURL checks that any ids CheckID accepts become exactly three
// escaped segments that come back unchanged, and that anything else is
// refused with a message naming the field.
func FuzzCampaignURL(f *testing.F) {
	for _, ids := range [][3]string{
		{"org", "ws", "c"}, {"a/b", "c?d", "e#f"}, {"..", ".", ""}, {"%2F", "%", "%%"}, {" x", "y ", "\x00"},
		{"ताज", "🏠", "a\u00a0b"}, {"\xff\xfe", "a;b", "@:$&="},
	} {
		f.Add(ids[0], ids[1], ids[2])
	}
	base, err := ParseBaseURL("https://apps.sarvam.ai/api/scheduling")
	if err != nil {
		f.Fatal(err)
	}
	c := &Client{base: base}
	f.Fuzz(func(t *testing.T, org, ws, campaign string) {
		target, err := c.campaignURL(org, ws, campaign)
		if err != nil {
			named := false
			for _, field := range []string{"org_id ", "workspace_id ", "campaign_id "} {
				named = named || strings.HasPrefix(err.Error(), field)
			}
			if !named || target != "" {
				t.Fatalf("error %q does not name a field", err)
			}
			return
		}
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			t.Fatalf("built an unusable URL %q: %v", target, err)
		}
		if req.URL.Host != "apps.sarvam.ai" || req.URL.RawQuery != "" || req.URL.Fragment != "" {
			t.Fatalf("URL %q escaped its path", target)
		}
		sent := req.URL.EscapedPath()
		// "", api, scheduling, v1, orgs, {org}, workspaces, {ws}, campaigns, {id}
		segs := strings.Split(sent, "/")
		if len(segs) != 10 || strings.Join(segs[:5], "/") != "/api/scheduling/v1/orgs" || segs[6] != "workspaces" || segs[8] != "campaigns" {
			t.Fatalf("path %q is not the campaign path", sent)
		}
		for i, want := range map[int]string{5: org, 7: ws, 9: campaign} {
			if got, err := url.PathUnescape(segs[i]); err != nil || got != want {
				t.Fatalf("segment %d of %q is %q, want %q (%v)", i, sent, got, want, err)
			}
		}
	})
}
