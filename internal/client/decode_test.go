package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func requireCampaign(t *testing.T, got, want *Campaign) {
	t.Helper()
	if diff := diffCampaign(got, want); diff != "" {
		t.Fatal(diff)
	}
}

// diffCampaign describes how got differs from want, or returns "". It does
// not fail the test so that it can run on other goroutines, and does not
// change got, which readers of one shared request hold together.
func diffCampaign(got, want *Campaign) string {
	if got != nil && got.AppConfig != nil && got.AppConfig.WebhookConfig != nil && got.AppConfig.WebhookConfig.Metadata != nil {
		var buf bytes.Buffer
		if err := json.Compact(&buf, got.AppConfig.WebhookConfig.Metadata); err != nil {
			return fmt.Sprintf("metadata is not valid JSON: %v", err)
		}
		campaign, appConfig, webhook := *got, *got.AppConfig, *got.AppConfig.WebhookConfig
		webhook.Metadata = buf.Bytes()
		appConfig.WebhookConfig = &webhook
		campaign.AppConfig = &appConfig
		got = &campaign
	}
	if reflect.DeepEqual(got, want) {
		return ""
	}
	g, _ := json.MarshalIndent(got, "", "  ")
	w, _ := json.MarshalIndent(want, "", "  ")
	return fmt.Sprintf("campaign differs\n got: %s\nwant: %s\n got.IntegerList: %#v\nwant.IntegerList: %#v",
		g, w, retryIntervals(got), retryIntervals(want))
}

func retryIntervals(c *Campaign) any {
	if c == nil || c.AppConfig == nil || c.AppConfig.RetryConfig == nil {
		return nil
	}
	return c.AppConfig.RetryConfig.RetryIntervalMinutes
}

var seedExampleWant = &Campaign{
	CampaignSummary: CampaignSummary{
		Name:        ptr("<string>"),
		CampaignID:  ptr("<string>"),
		Status:      ptr("ended"),
		AppID:       ptr("<string>"),
		CreatedBy:   ptr("<string>"),
		CreatedAt:   ptr("2023-11-07T05:31:56Z"),
		UpdatedAt:   ptr("2023-11-07T05:31:56Z"),
		Description: ptr("<string>"),
		AppType:     ptr("agent"),
		AppVersion:  ptr(int64(123)),
		UpdatedBy:   ptr("<string>"),
	},
	AppConfig: &AppConfig{
		AppID:             ptr("<string>"),
		AppVersion:        ptr(int64(2)),
		AttemptsPerSecond: ptr(250.05),
		ConnectionConfigs: []ConnectionConfig{{
			ConnectionID: ptr("<string>"),
			PhoneNumbers: strPtrs("<string>"),
			Weight:       ptr(int64(1)),
		}},
		RetryConfig: &RetryConfig{
			MaxRetries: ptr(int64(10)),
			RetryOn: &RetryOn{
				Busy:          &RetryToggle{Enabled: ptr(true)},
				Failed:        &RetryToggle{Enabled: ptr(true)},
				NoAnswer:      &RetryToggle{Enabled: ptr(true)},
				ShortDuration: &ShortDurationRetry{Enabled: ptr(true), ThresholdSeconds: ptr(int64(123))},
				ProviderError: &ErrorRetry{Enabled: ptr(true), MaxRetries: ptr(int64(10)), RetryIntervalMinutes: ptr(int64(6))},
				InternalError: &ErrorRetry{Enabled: ptr(true), MaxRetries: ptr(int64(3)), RetryIntervalMinutes: ptr(int64(5))},
			},
			RetryIntervalMinutes: IntegerList{Present: true, Values: []int64{}},
		},
		AppType:       ptr("agent"),
		WebhookConfig: &WebhookConfig{URL: ptr("<string>"), Metadata: json.RawMessage(`{}`)},
	},
	StartTimestamp: ptr("2023-11-07T05:31:56Z"),
	EndTimestamp:   ptr("2023-11-07T05:31:56Z"),
	AllowedSchedule: &AllowedSchedule{
		AllowedStartTime: ptr("<string>"),
		AllowedEndTime:   ptr("<string>"),
		AllowedDays:      strPtrs("Monday"),
		Timezone:         ptr("Asia/Kolkata"),
	},
}

// loanRemindersWant is the fully populated campaign decoded from its
// fixture, for the tests that check what a read delivers; that it decodes
// every field of the fixture is TestGetCampaignDecodesEverySeed's, against
// the fixture itself. Its metadata is compacted, as diffCampaign compares it.
var loanRemindersWant = func() *Campaign {
	c, err := decodeCampaign(mustSeed(fakeapi.LoanRemindersID))
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, c.AppConfig.WebhookConfig.Metadata); err != nil {
		panic(err)
	}
	c.AppConfig.WebhookConfig.Metadata = buf.Bytes()
	return c
}()

// policyRenewalWant spells out the nils: null and absent both decode to nil,
// and an empty list stays an empty, non-nil list.
var policyRenewalWant = &Campaign{
	CampaignSummary: CampaignSummary{
		Name:        ptr("Motor policy renewals"),
		CampaignID:  ptr("RNW-Motor-Po-7c1f0a92-55de"),
		Status:      ptr("scheduled"),
		AppID:       ptr("app-renewal-22b1"),
		CreatedBy:   ptr("ops-bot"),
		CreatedAt:   ptr("2026-11-20T08:00:00"),
		UpdatedAt:   ptr("2026-11-20T08:00:00.250"),
		Description: nil,
		AppType:     nil,
		AppVersion:  nil,
		UpdatedBy:   nil,
	},
	AppConfig: &AppConfig{
		AppID:             ptr("app-renewal-22b1"),
		AppVersion:        nil,
		AttemptsPerSecond: ptr(2.0),
		ConnectionConfigs: []ConnectionConfig{},
		RetryConfig: &RetryConfig{
			MaxRetries:           ptr(int64(2)),
			RetryOn:              nil,
			RetryIntervalMinutes: IntegerList{Present: true, Values: []int64{30}},
		},
		AppType:       ptr("agent"),
		WebhookConfig: nil,
		PhoneRotation: nil,
	},
	StartTimestamp: ptr("2026-12-01T09:15:00"),
	EndTimestamp:   ptr("2026-12-15T18:00:00"),
	AllowedSchedule: &AllowedSchedule{
		AllowedStartTime: ptr("10:00"),
		AllowedEndTime:   ptr("17:00"),
		AllowedDays:      strPtrs(),
		Timezone:         ptr("Asia/Kolkata"),
	},
}

var leadFollowupWant = &Campaign{
	CampaignSummary: CampaignSummary{
		Name:        ptr("लीड फॉलो-अप — होम लोन 🏠"),
		CampaignID:  ptr("LEAD-Home-Lo-3b9e0c11-77af"),
		Status:      ptr("archived"),
		AppID:       ptr("wf-lead-qualify-09"),
		CreatedBy:   ptr("meera.iyer@example.in"),
		CreatedAt:   ptr("2026-09-14T10:20:30+05:30"),
		UpdatedAt:   ptr("2026-11-27T23:59:59.999+05:30"),
		Description: ptr("ग्राहकों से होम लोन के बारे में बात करें। Calls leads in Hindi and English."),
		AppType:     ptr("workflow"),
		AppVersion:  ptr(int64(7)),
		UpdatedBy:   nil,
	},
	AppConfig: &AppConfig{
		AppID:             ptr("wf-lead-qualify-09"),
		AppVersion:        ptr(int64(7)),
		AttemptsPerSecond: ptr(0.1),
		ConnectionConfigs: []ConnectionConfig{{
			ConnectionID: ptr("conn-twilio-del-03"),
			PhoneNumbers: strPtrs("+911140003001", "+911140003002"),
			Weight:       ptr(int64(1)),
		}},
		RetryConfig: &RetryConfig{
			MaxRetries: ptr(int64(0)),
			RetryOn: &RetryOn{
				Busy:          &RetryToggle{Enabled: ptr(true)},
				ShortDuration: &ShortDurationRetry{Enabled: ptr(false), ThresholdSeconds: ptr(int64(8))},
			},
			RetryIntervalMinutes: IntegerList{Present: true, Values: []int64{}},
		},
		AppType:       ptr("workflow"),
		WebhookConfig: &WebhookConfig{URL: ptr("https://crm.example.in/hooks/लीड"), Metadata: json.RawMessage(`{}`)},
	},
	StartTimestamp: ptr("2026-09-15T09:00:00+05:30"),
	EndTimestamp:   ptr("2026-12-31T18:00:00+05:30"),
	AllowedSchedule: &AllowedSchedule{
		AllowedStartTime: ptr("11:00"),
		AllowedEndTime:   ptr("19:30"),
		AllowedDays:      strPtrs("Sunday", "Diwali"),
		Timezone:         ptr("Asia/Kolkata"),
	},
}

func TestGetCampaignDecodesEverySeed(t *testing.T) {
	for id, want := range map[string]*Campaign{
		fakeapi.SeedExampleID:   seedExampleWant,
		fakeapi.PolicyRenewalID: policyRenewalWant,
		fakeapi.LeadFollowupID:  leadFollowupWant,
	} {
		t.Run(id, func(t *testing.T) {
			h := newHarness(t, nil)
			got, err := h.get(id)
			if err != nil {
				t.Fatalf("GetCampaign: %v", err)
			}
			requireCampaign(t, got, want)
			h.requireRequests(t, 1)
		})
	}
	// The fully populated campaign holds every field of its fixture, and
	// nothing else: encoded back by its json tags, it is the fixture, so a
	// field added to Campaign and the fixture needs no line here.
	t.Run(fakeapi.LoanRemindersID, func(t *testing.T) {
		h := newHarness(t, nil)
		got, err := h.get(fakeapi.LoanRemindersID)
		if err != nil {
			t.Fatalf("GetCampaign: %v", err)
		}
		fixture := mustSeed(fakeapi.LoanRemindersID)
		encoded, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := integerLists(decodeJSON(t, encoded)), decodeJSON(t, fixture); !reflect.DeepEqual(g, w) {
			t.Fatalf("the campaign decoded differs from its fixture\n got: %s\nwant: %s", encoded, fixture)
		}
		h.requireRequests(t, 1)
	})
}

// decodeJSON is b as untyped JSON, numbers as written.
func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// integerLists replaces each IntegerList in v, which encodes as its Go
// fields, by the list it holds, as the API sends it: null when not present.
func integerLists(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if present, ok := v["Present"].(bool); ok && len(v) == 2 {
			if !present {
				return nil
			}
			return v["Values"]
		}
		for k, x := range v {
			v[k] = integerLists(x)
		}
	case []any:
		for i, x := range v {
			v[i] = integerLists(x)
		}
	}
	return v
}

// TestSeedsAllCovered keeps the table above in step with the seed files: a
// new seed without an expected value fails here.
func TestSeedsAllCovered(t *testing.T) {
	entries := seedFiles(t)
	covered := map[string]bool{
		fakeapi.SeedExampleID: true, fakeapi.LoanRemindersID: true,
		fakeapi.PolicyRenewalID: true, fakeapi.LeadFollowupID: true,
	}
	if len(entries) != len(covered) {
		t.Fatalf("%d seed files, %d with expected values", len(entries), len(covered))
	}
	for name, body := range entries {
		var head struct {
			CampaignID string `json:"campaign_id"`
		}
		if err := json.Unmarshal(body, &head); err != nil || !covered[head.CampaignID] {
			t.Errorf("seed %s (campaign %q) has no expected value", name, head.CampaignID)
		}
	}
}

// minimal is the smallest body the decoder accepts; tests splice one field
// into it.
const minimal = `{"campaign_id":"c","name":"n","status":"active","app_config":{%s},"allowed_schedule":{}}`

func TestRetryIntervalMinutesShapes(t *testing.T) {
	for _, tc := range []struct {
		name string
		json string
		want IntegerList
	}{
		{"scalar", `"retry_interval_minutes": 30`, IntegerList{Present: true, Values: []int64{30}}},
		{"scalar zero", `"retry_interval_minutes": 0`, IntegerList{Present: true, Values: []int64{0}}},
		{"empty list", `"retry_interval_minutes": []`, IntegerList{Present: true, Values: []int64{}}},
		{"list", `"retry_interval_minutes": [5, 10, 20]`, IntegerList{Present: true, Values: []int64{5, 10, 20}}},
		{"null", `"retry_interval_minutes": null`, IntegerList{}},
		{"absent", `"max_retries": 1`, IntegerList{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := decodeCampaign([]byte(fmt.Sprintf(minimal, `"retry_config":{`+tc.json+`}`)))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			got := c.AppConfig.RetryConfig.RetryIntervalMinutes
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v, want %#v", got, tc.want)
			}
			// Present with no values must stay distinguishable from absent.
			if tc.want.Present && got.Values == nil {
				t.Fatalf("present list decoded with nil Values")
			}
		})
	}
}

func TestUnknownFieldsIgnored(t *testing.T) {
	body := fmt.Sprintf(minimal, `"future":{"deep":[1,2,{"x":null}]},"phone_rotation":{"agent":false,"extra":1}`)
	body = strings.Replace(body, `{"campaign_id"`, `{"brand_new":"value","other":[true],"campaign_id"`, 1)
	c, err := decodeCampaign([]byte(body))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if c.AppConfig.PhoneRotation == nil || c.AppConfig.PhoneRotation.Agent == nil || *c.AppConfig.PhoneRotation.Agent {
		t.Fatalf("phone_rotation = %#v, want agent false", c.AppConfig.PhoneRotation)
	}
}

// decodeCase is a 200 body that must be refused, and the exact error.
type decodeCase struct {
	name string
	body string
	want string
	path string
}

func decodeCases() []decodeCase {
	loan := strings.TrimSpace(string(mustSeed(fakeapi.LoanRemindersID)))
	truncated := loan[:len(loan)/2]
	return []decodeCase{
		{"empty body", ``, `HTTP 200 response could not be decoded: the body is empty`, ""},
		{"white space body", " \n\t ", `HTTP 200 response could not be decoded: the body is empty`, ""},
		{"truncated JSON", truncated,
			fmt.Sprintf(`HTTP 200 response could not be decoded: invalid JSON at byte %d of %d: unexpected end of JSON input`, len(truncated), len(truncated)), ""},
		{"invalid UTF-8", `{"campaign_id":"c","name":"bad ` + "\xff\xfe" + `","status":"a","app_config":{},"allowed_schedule":{}}`,
			`HTTP 200 response could not be decoded: the body is not valid UTF-8`, ""},
		{"JSON array", `[{"campaign_id":"c"}]`, `HTTP 200 response could not be decoded: want a JSON object, got a list`, ""},
		{"JSON string", `"campaign"`, `HTTP 200 response could not be decoded: want a JSON object, got a string`, ""},
		{"JSON null", `null`, `HTTP 200 response could not be decoded: want a JSON object, got null`, ""},
		{"JSON number", `42`, `HTTP 200 response could not be decoded: want a JSON object, got the number 42`, ""},
		{"number then text", `1` + strings.Repeat("é", 40),
			`HTTP 200 response could not be decoded: want a JSON object, got the number 1` + strings.Repeat("é", 15) + `…`, ""},
		{"JSON boolean", `true`, `HTTP 200 response could not be decoded: want a JSON object, got a boolean`, ""},
		{"HTML page", `<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>`,
			`HTTP 200 response could not be decoded: want a JSON object, got an HTML page`, ""},
		{"plain text", `OK`, `HTTP 200 response could not be decoded: want a JSON object, got text that is not JSON`, ""},
		{"trailing garbage", `{"campaign_id":"c"} x`,
			`HTTP 200 response could not be decoded: invalid JSON at byte 21 of 21: invalid character 'x' after top-level value`, ""},
		{"string for a number", fmt.Sprintf(minimal, `"attempts_per_second":"fast"`),
			`HTTP 200 response could not be decoded at "app_config.attempts_per_second": want a number, got a JSON string`,
			"app_config.attempts_per_second"},
		{"retry_interval_minutes string", fmt.Sprintf(minimal, `"retry_config":{"retry_interval_minutes":"x"}`),
			`HTTP 200 response could not be decoded at "app_config.retry_config.retry_interval_minutes": want an integer or a list of integers, got a JSON string`,
			"app_config.retry_config.retry_interval_minutes"},
		{"retry_interval_minutes fraction", fmt.Sprintf(minimal, `"retry_config":{"retry_interval_minutes":1.5}`),
			`HTTP 200 response could not be decoded at "app_config.retry_config.retry_interval_minutes": want an integer or a list of integers, got a JSON number 1.5`,
			"app_config.retry_config.retry_interval_minutes"},
		{"retry_interval_minutes list of strings", fmt.Sprintf(minimal, `"retry_config":{"retry_interval_minutes":["x"]}`),
			`HTTP 200 response could not be decoded at "app_config.retry_config.retry_interval_minutes": want an integer or a list of integers, got a JSON list with a non-integer`,
			"app_config.retry_config.retry_interval_minutes"},
		{"retry_interval_minutes list with a null", fmt.Sprintf(minimal, `"retry_config":{"retry_interval_minutes":[5,null]}`),
			`HTTP 200 response could not be decoded at "app_config.retry_config.retry_interval_minutes": want an integer or a list of integers, got a JSON list with a null`,
			"app_config.retry_config.retry_interval_minutes"},
		{"retry_interval_minutes object", fmt.Sprintf(minimal, `"retry_config":{"retry_interval_minutes":{}}`),
			`HTTP 200 response could not be decoded at "app_config.retry_config.retry_interval_minutes": want an integer or a list of integers, got a JSON object`,
			"app_config.retry_config.retry_interval_minutes"},
		{"fraction for an integer", fmt.Sprintf(minimal, `"app_version":2.5`),
			`HTTP 200 response could not be decoded at "app_config.app_version": want an integer, got a JSON number 2.5`,
			"app_config.app_version"},
		{"object for a list", strings.Replace(fmt.Sprintf(minimal, ``), `"allowed_schedule":{}`, `"allowed_schedule":{"allowed_days":{"0":"Monday"}}`, 1),
			`HTTP 200 response could not be decoded at "allowed_schedule.allowed_days": want a list, got a JSON object`,
			"allowed_schedule.allowed_days"},
		{"number for a string", strings.Replace(fmt.Sprintf(minimal, ``), `"name":"n"`, `"name":7`, 1),
			`HTTP 200 response could not be decoded at "name": want a string, got a JSON number`, "name"},
		{"string for a boolean", fmt.Sprintf(minimal, `"phone_rotation":{"agent":"yes"}`),
			`HTTP 200 response could not be decoded at "app_config.phone_rotation.agent": want a boolean, got a JSON string`,
			"app_config.phone_rotation.agent"},
		{"list for an object", fmt.Sprintf(minimal, `"retry_config":{"retry_on":[]}`),
			`HTTP 200 response could not be decoded at "app_config.retry_config.retry_on": want an object, got a JSON array`,
			"app_config.retry_config.retry_on"},
		{"string for an object", strings.Replace(fmt.Sprintf(minimal, ``), `"app_config":{}`, `"app_config":"agent"`, 1),
			`HTTP 200 response could not be decoded at "app_config": want an object, got a JSON string`, "app_config"},
		{"number too large", fmt.Sprintf(minimal, `"app_version":99999999999999999999`),
			`HTTP 200 response could not be decoded at "app_config.app_version": want an integer, got the JSON number 99999999999999999999, which is out of range for a 64-bit integer`,
			"app_config.app_version"},
		{"nesting too deep", fmt.Sprintf(minimal, `"webhook_config":{"metadata":`+strings.Repeat("[", 10001)+strings.Repeat("]", 10001)+`}`),
			`HTTP 200 response could not be decoded: invalid JSON at byte 10089 of 20118: invalid character '[' exceeded max depth`, ""},
		{"app_config null", strings.Replace(fmt.Sprintf(minimal, ``), `"app_config":{}`, `"app_config":null`, 1),
			`HTTP 200 response could not be decoded at "app_config": a required field is missing or null`, "app_config"},
		{"app_config missing", `{"campaign_id":"c","name":"n","status":"active","allowed_schedule":{}}`,
			`HTTP 200 response could not be decoded at "app_config": a required field is missing or null`, "app_config"},
		{"campaign_id missing", `{"name":"n","status":"active","app_config":{},"allowed_schedule":{}}`,
			`HTTP 200 response could not be decoded at "campaign_id": a required field is missing or null`, "campaign_id"},
		{"name null", strings.Replace(fmt.Sprintf(minimal, ``), `"name":"n"`, `"name":null`, 1),
			`HTTP 200 response could not be decoded at "name": a required field is missing or null`, "name"},
		{"status missing", `{"campaign_id":"c","name":"n","app_config":{},"allowed_schedule":{}}`,
			`HTTP 200 response could not be decoded at "status": a required field is missing or null`, "status"},
		{"allowed_schedule null", strings.Replace(fmt.Sprintf(minimal, ``), `"allowed_schedule":{}`, `"allowed_schedule":null`, 1),
			`HTTP 200 response could not be decoded at "allowed_schedule": a required field is missing or null`, "allowed_schedule"},
		{"empty object", `{}`,
			`HTTP 200 response could not be decoded at "campaign_id": a required field is missing or null`, "campaign_id"},
	}
}

// seedFiles reads the fake's seed campaigns from disk, the same files it
// embeds, keyed by file name.
func seedFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "fakeapi", "fixtures", "campaigns", "*.json"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no seed campaigns found: %v", err)
	}
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

func mustSeed(id string) []byte {
	b, ok := fakeapi.New("k").Campaign(fakeapi.OrgID, fakeapi.WorkspaceID, id)
	if !ok {
		panic("no seed " + id)
	}
	return b
}

// TestGetCampaignRefusesMalformedBodies serves each body through the fake, so
// the whole path from the wire to the error is covered.
func TestGetCampaignRefusesMalformedBodies(t *testing.T) {
	for _, tc := range decodeCases() {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "bad", []byte(tc.body))
			c, err := h.get("bad")
			if c != nil {
				t.Fatalf("got a campaign %+v with the error", c)
			}
			requireErrorText(t, err, tc.want)
			dErr := requireAs[*DecodeError](t, err)
			if dErr.Path != tc.path || dErr.StatusCode != 200 {
				t.Fatalf("DecodeError path %q status %d, want path %q status 200", dErr.Path, dErr.StatusCode, tc.path)
			}
			// A bad body is not transient: it is not retried.
			h.requireRequests(t, 1)
		})
	}
}

// TestLargeCampaign decodes ten thousand phone numbers and metadata nested
// as deep as the provider reads (MaxFreeFormDepth, an object and a list a
// level here), far deeper than any real webhook payload.
func TestLargeCampaign(t *testing.T) {
	const numbers, depth = 10000, MaxFreeFormDepth / 2
	phones := make([]string, numbers)
	for i := range phones {
		phones[i] = fmt.Sprintf("+9122%08d", i)
	}
	phoneJSON, _ := json.Marshal(phones)
	metadata := strings.Repeat(`{"k":[`, depth) + `"leaf"` + strings.Repeat(`]}`, depth)
	body := fmt.Sprintf(minimal, `"connection_configs":[{"connection_id":"bulk","phone_numbers":`+string(phoneJSON)+`,"weight":1}],`+
		`"webhook_config":{"url":"https://x.example/h","metadata":`+metadata+`}`)

	h := newHarness(t, nil)
	h.fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "big", []byte(body))
	c, err := h.get("big")
	if err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	got := c.AppConfig.ConnectionConfigs[0].PhoneNumbers
	if !reflect.DeepEqual(got, strPtrs(phones...)) {
		t.Fatalf("got %d phone numbers, want %d identical ones", len(got), len(phones))
	}
	if string(c.AppConfig.WebhookConfig.Metadata) != metadata {
		t.Fatalf("metadata was not kept byte for byte")
	}
}

// strPtrs builds a list of non-null strings as the client decodes them.
func strPtrs(vs ...string) []*string {
	out := make([]*string, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out
}

// A null inside a list of strings stays null: it is not turned into "".
func TestNullInsideStringLists(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "nulls", []byte(`{"campaign_id":"nulls","name":"n","status":"active",
		"app_config":{"connection_configs":[{"connection_id":"c","phone_numbers":["+911",null]}]},
		"allowed_schedule":{"allowed_days":[null,"Monday"]}}`))
	c, err := h.get("nulls")
	if err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	phones := c.AppConfig.ConnectionConfigs[0].PhoneNumbers
	if len(phones) != 2 || phones[0] == nil || *phones[0] != "+911" || phones[1] != nil {
		t.Fatalf("phone_numbers %v, want [+911 <nil>]", phones)
	}
	days := c.AllowedSchedule.AllowedDays
	if len(days) != 2 || days[0] != nil || days[1] == nil || *days[1] != "Monday" {
		t.Fatalf("allowed_days %v, want [<nil> Monday]", days)
	}
}
