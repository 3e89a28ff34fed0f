package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// endpointCall runs one endpoint with the given ids, as many as it takes,
// in order.
type endpointCall struct {
	name string
	call func(c *Client, ids ...string) error
	// ids is how many ids the endpoint takes: org, workspace, then its own.
	ids int
}

// endpointCalls finds every endpoint of the Client, so that an endpoint
// added is tested without a line here: every exported method that takes a
// context, ids as strings and, for a list, a ListQuery, and returns a
// value and an error.
func endpointCalls() []endpointCall {
	var out []endpointCall
	ctxType, errType, queryType := reflect.TypeFor[context.Context](), reflect.TypeFor[error](), reflect.TypeFor[ListQuery]()
	for m := range reflect.TypeFor[*Client]().Methods() {
		in := m.Type.NumIn() // the receiver, the context, the ids, the query
		if in < 2 || m.Type.In(1) != ctxType || m.Type.NumOut() != 2 || m.Type.Out(1) != errType {
			continue
		}
		list := m.Type.In(in-1) == queryType
		ids := in - 2
		if list {
			ids--
		}
		for i := range ids {
			if m.Type.In(2+i).Kind() != reflect.String {
				ids = -1
				break
			}
		}
		if ids < 2 {
			continue
		}
		out = append(out, endpointCall{m.Name, func(c *Client, given ...string) error {
			args := []reflect.Value{reflect.ValueOf(c), reflect.ValueOf(context.Background())}
			for _, id := range given[:ids] {
				args = append(args, reflect.ValueOf(id))
			}
			if list {
				args = append(args, reflect.ValueOf(ListQuery{}))
			}
			err, _ := m.Func.Call(args)[1].Interface().(error)
			return err
		}, ids})
	}
	return out
}

// The search finds the endpoints the Client had when it was written, each
// with the ids it takes, so it cannot pass by finding none.
func TestEndpointCallsFindsEveryEndpoint(t *testing.T) {
	found := map[string]int{}
	for _, e := range endpointCalls() {
		found[e.name] = e.ids
	}
	for name, ids := range map[string]int{"GetCampaign": 3, "GetCohort": 4, "GetWebhookConfig": 3, "ListCampaigns": 2, "ListCohorts": 3, "ListWebhookConfigs": 2} {
		if found[name] != ids {
			t.Errorf("endpoint %s: found with %d ids, want %d (found: %v)", name, found[name], ids, found)
		}
	}
}

func TestEndpointsNotFound(t *testing.T) {
	for _, e := range endpointCalls() {
		t.Run(e.name, func(t *testing.T) {
			p := newPager(t, func(int, url.Values) (int, string) { return 404, `{"detail":"Not Found"}` })
			err := e.call(p.c, "o", "w", "c", "x")
			requireErrorText(t, err, "the API answered HTTP 404 Not Found: Not Found")
			if !IsNotFound(err) {
				t.Fatalf("IsNotFound(%v) is false", err)
			}
			if n := len(p.requests()); n != 1 {
				t.Fatalf("%d requests", n)
			}
		})
	}
}

// Every id of every endpoint is sent as exactly one escaped segment, in
// order: org and workspace after /v1/orgs and /workspaces, each of the
// others after a word that names its kind.
func TestEndpointsEscapeIDs(t *testing.T) {
	ids := []string{"org/1", "ws?2", "c#3/../x", "id/with/slashes %"}
	word := regexp.MustCompile(`^[a-z_]+$`)
	for _, e := range endpointCalls() {
		t.Run(e.name, func(t *testing.T) {
			p := newPager(t, func(int, url.Values) (int, string) { return 404, `` })
			_ = e.call(p.c, ids...)
			reqs := p.requests()
			if len(reqs) != 1 {
				t.Fatalf("requests %v, want one", reqs)
			}
			segments := strings.Split(strings.TrimPrefix(reqs[0].EscapedPath(), "/v1/orgs/"+url.PathEscape(ids[0])+"/workspaces/"+url.PathEscape(ids[1])), "/")
			var got []string
			for i := 1; i+1 < len(segments); i += 2 {
				if !word.MatchString(segments[i]) {
					t.Fatalf("path %s: %q is not a word naming a kind", reqs[0].EscapedPath(), segments[i])
				}
				got = append(got, segments[i+1])
			}
			if len(segments)%2 == 0 {
				// A list ends in the word naming what it lists.
				if last := segments[len(segments)-1]; !word.MatchString(last) {
					t.Fatalf("path %s ends in %q", reqs[0].EscapedPath(), last)
				}
			}
			var want []string
			for _, id := range ids[2:e.ids] {
				want = append(want, url.PathEscape(id))
			}
			if segments[0] != "" || !slices.Equal(got, want) {
				t.Fatalf("path %s: ids after the workspace %q, want %q", reqs[0].EscapedPath(), got, want)
			}
		})
	}
}

func TestEndpointsRefuseBadIDs(t *testing.T) {
	for _, tc := range []struct {
		endpoint string
		ids      []string
		want     string
	}{
		{"ListCampaigns", []string{"", "w", "c", "x"}, "org_id must not be empty"},
		{"ListCampaigns", []string{"o", "..", "c", "x"}, `workspace_id must not be ".."`},
		{"ListCohorts", []string{"o", "w", " c", "x"}, "campaign_id must not start or end with white space"},
		{"GetCohort", []string{"o", "w", "c", ""}, "cohort_id must not be empty"},
		{"GetCohort", []string{"o", "w", "c", "a\nb"}, "cohort_id must not contain control characters"},
		{"GetWebhookConfig", []string{"o", "w", "."}, `webhook_id must not be "."`},
	} {
		for _, e := range endpointCalls() {
			if e.name != tc.endpoint {
				continue
			}
			p := newPager(t, func(int, url.Values) (int, string) { return 200, `{}` })
			requireErrorText(t, e.call(p.c, tc.ids...), tc.want)
			if n := len(p.requests()); n != 0 {
				t.Fatalf("%s sent %d requests for a bad id", tc.endpoint, n)
			}
		}
	}
}

const cohortBody = `{"name":"March list","cohort_id":"coh-1","status":"completed","source_type":"csv","created_by":"u@example.com",` +
	`"created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:05:00Z","result":%s,"updated_by":null}`

func TestGetCohort(t *testing.T) {
	for _, tc := range []struct {
		result string
		want   *CohortResult
	}{
		{`{"total_records":120,"valid_records":118,"rejected_records":2}`, &CohortResult{TotalRecords: ptr(int64(120)), ValidRecords: ptr(int64(118)), RejectedRecords: ptr(int64(2))}},
		{`null`, nil},
		{`{"total_records":5}`, &CohortResult{TotalRecords: ptr(int64(5))}},
	} {
		p := newPager(t, func(int, url.Values) (int, string) { return 200, fmt.Sprintf(cohortBody, tc.result) })
		got, err := p.c.GetCohort(context.Background(), "o", "w", "c", "coh-1")
		if err != nil {
			t.Fatal(err)
		}
		want := &Cohort{
			Name: ptr("March list"), CohortID: ptr("coh-1"), Status: ptr("completed"), SourceType: ptr("csv"),
			CreatedBy: ptr("u@example.com"), CreatedAt: ptr("2026-03-01T10:00:00Z"), UpdatedAt: ptr("2026-03-01T10:05:00Z"),
			Result: tc.want,
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("result %s: got %+v, want %+v", tc.result, got, want)
		}
	}
	for body, want := range map[string]string{
		`{"name":"n","status":"completed"}`:                                        `HTTP 200 response could not be decoded at "cohort_id": a required field is missing or null`,
		`{"cohort_id":"h","status":"completed"}`:                                   `HTTP 200 response could not be decoded at "name": a required field is missing or null`,
		`{"cohort_id":"h","name":"n","status":null}`:                               `HTTP 200 response could not be decoded at "status": a required field is missing or null`,
		`{"cohort_id":"h","name":"n","status":"s","result":[]}`:                    `HTTP 200 response could not be decoded at "result": want an object, got a JSON array`,
		`{"cohort_id":"h","name":"n","status":"s","result":{"valid_records":1.5}}`: `HTTP 200 response could not be decoded at "result.valid_records": want an integer, got a JSON number 1.5`,
	} {
		p := newPager(t, func(int, url.Values) (int, string) { return 200, body })
		got, err := p.c.GetCohort(context.Background(), "o", "w", "c", "h")
		if got != nil {
			t.Fatalf("got a cohort for %s", body)
		}
		requireErrorText(t, err, want)
	}
}

func TestListCohorts(t *testing.T) {
	var items []string
	for i := range 130 {
		items = append(items, fmt.Sprintf(`{"cohort_id":"coh-%d","name":"n%d","status":"processing","result":null}`, i, i))
	}
	p := newPager(t, honest(items))
	r, err := p.c.ListCohorts(context.Background(), "o", "w", "c", ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 130 || total(r) != 130 || *r.Items[129].CohortID != "coh-129" || r.Items[0].Result != nil {
		t.Fatalf("got %d cohorts, total %d", len(r.Items), total(r))
	}
	p.requireQueries(t, "offset=0 limit=100", "offset=100 limit=100")
}

// The documented five configurations are a limit of the API, not of the
// reader: 130 are read in full, with or without a total, and fields the API
// adds, on the envelope or on an item, are ignored.
func TestListWebhookConfigs(t *testing.T) {
	item := func(i int) string {
		return fmt.Sprintf(`{"webhook_id":"wh-%03d","name":"hook %d","url":"https://hooks.example.com/%d","created_by":"u@example.com",`+
			`"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z","custom_headers":{"X-N":"%d"},"updated_by":null,"retries":3}`, i, i, i, i)
	}
	var items []string
	for i := range 130 {
		items = append(items, item(i))
	}
	for _, tc := range []struct {
		name      string
		withTotal bool
	}{{"with total", true}, {"without total", false}} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, func(_ int, q url.Values) (int, string) {
				offset := queryInt(q, "offset")
				end := min(offset+queryInt(q, "limit"), len(items))
				total := -1
				if tc.withTotal {
					total = len(items)
				}
				body := envelope(items[offset:end], total, offset, end < len(items))
				return 200, strings.Replace(body, "{", `{"region":"in-1",`, 1)
			})
			r, err := p.c.ListWebhookConfigs(context.Background(), "o", "w", ListQuery{Search: "hook"})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Items) != 130 || *r.Items[0].WebhookID != "wh-000" || *r.Items[129].WebhookID != "wh-129" || *r.Items[7].CustomHeaders["X-N"] != "7" {
				t.Fatalf("got %d configurations: %+v", len(r.Items), r.Items)
			}
			if tc.withTotal != (r.Total != nil) {
				t.Fatalf("total %v, want one only when the API reports it", r.Total)
			}
			p.requireQueries(t, "offset=0 limit=100", "offset=100 limit=100")
			if q := p.requests()[0].Query(); q.Get("search") != "hook" || q.Get("sort_by") != "created_at" || q.Get("sort_order") != "desc" || q.Has("status") {
				t.Fatalf("query %v", q)
			}
		})
	}
	p := newPager(t, func(int, url.Values) (int, string) {
		return 200, envelope([]string{`{"name":"n","url":"https://x"}`}, 1, 0, false)
	})
	_, err := p.c.ListWebhookConfigs(context.Background(), "o", "w", ListQuery{})
	requireErrorText(t, err, `HTTP 200 response could not be decoded at "items[0].webhook_id": a required field is missing or null`)
}

func TestGetWebhookConfig(t *testing.T) {
	const secret = "whsec_S1GN1NG-DO-NOT-KEEP"
	base := `{"webhook_id":"wh-1","name":"results","url":"https://hooks.example.com/in","created_by":"u@example.com",` +
		`"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-02T00:00:00Z","updated_by":"v@example.com"%s}`
	for _, tc := range []struct {
		name, extra string
		want        map[string]*string
	}{
		{"custom_headers absent", ``, nil},
		{"custom_headers null", `,"custom_headers":null`, nil},
		{"custom_headers empty", `,"custom_headers":{}`, map[string]*string{}},
		{"custom_headers with values", `,"custom_headers":{"Authorization":"Bearer abc","X-Team":"ops","X-Null":null}`,
			map[string]*string{"Authorization": ptr("Bearer abc"), "X-Team": ptr("ops"), "X-Null": nil}},
		{"signing_secret dropped", `,"signing_secret":"` + secret + `","Signing_Secret":"` + secret + `"`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, func(int, url.Values) (int, string) { return 200, fmt.Sprintf(base, tc.extra) })
			got, err := p.c.GetWebhookConfig(context.Background(), "o", "w", "wh-1")
			if err != nil {
				t.Fatal(err)
			}
			want := &WebhookConfiguration{
				WebhookID: ptr("wh-1"), Name: ptr("results"), URL: ptr("https://hooks.example.com/in"), CreatedBy: ptr("u@example.com"),
				CreatedAt: ptr("2026-01-01T00:00:00Z"), UpdatedAt: ptr("2026-01-02T00:00:00Z"), UpdatedBy: ptr("v@example.com"),
				CustomHeaders: tc.want,
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, want %+v", got, want)
			}
			if (got.CustomHeaders == nil) != (tc.want == nil) {
				t.Fatalf("custom_headers nil is %v, want %v", got.CustomHeaders == nil, tc.want == nil)
			}
			if dump := fmt.Sprintf("%#v", got); strings.Contains(dump, secret) {
				t.Fatalf("the signing secret was kept: %s", dump)
			}
			if enc, _ := json.Marshal(got); strings.Contains(string(enc), secret) || strings.Contains(string(enc), "signing") {
				t.Fatalf("the signing secret was kept: %s", enc)
			}
		})
	}
	for body, want := range map[string]string{
		`{"name":"n","url":"https://x"}`:                        `HTTP 200 response could not be decoded at "webhook_id": a required field is missing or null`,
		`{"webhook_id":"w","name":"n","url":null}`:              `HTTP 200 response could not be decoded at "url": a required field is missing or null`,
		`{"webhook_id":"w","url":"u","custom_headers":[]}`:      `HTTP 200 response could not be decoded at "custom_headers": want an object, got a JSON array`,
		`{"webhook_id":"w","url":"u","custom_headers":{"a":1}}`: `HTTP 200 response could not be decoded at "custom_headers": want a string, got a JSON number`,
	} {
		p := newPager(t, func(int, url.Values) (int, string) { return 200, body })
		got, err := p.c.GetWebhookConfig(context.Background(), "o", "w", "w")
		if got != nil {
			t.Fatalf("got a configuration for %s", body)
		}
		requireErrorText(t, err, want)
	}
}

// The top-level webhook_config is kept as a raw object, apart from
// app_config.webhook_config; null and absent both read as nil.
func TestCampaignTopLevelWebhookConfig(t *testing.T) {
	inner := `"webhook_config":{"url":"https://inner.example/h","metadata":{"k":1}}`
	for _, tc := range []struct {
		name, top string
		want      string
	}{
		{"absent", ``, ``},
		{"null", `,"webhook_config":null`, ``},
		{"object", `,"webhook_config":{"webhook_id":"wh-1","events":["completed"]}`, `{"webhook_id":"wh-1","events":["completed"]}`},
		{"empty object", `,"webhook_config":{}`, `{}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.TrimSuffix(fmt.Sprintf(minimal, inner), "}") + tc.top + "}"
			c, err := decodeCampaign([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			if string(c.WebhookConfig) != tc.want || (tc.want == "") != (c.WebhookConfig == nil) {
				t.Fatalf("webhook_config %q, want %q", c.WebhookConfig, tc.want)
			}
			if w := c.AppConfig.WebhookConfig; w == nil || w.URL == nil || *w.URL != "https://inner.example/h" || string(w.Metadata) != `{"k":1}` {
				t.Fatalf("app_config.webhook_config %+v", w)
			}
		})
	}
	for top, want := range map[string]string{
		`"url"`: `HTTP 200 response could not be decoded at "webhook_config": want an object or null, got a string`,
		`[]`:    `HTTP 200 response could not be decoded at "webhook_config": want an object or null, got a list`,
		`7`:     `HTTP 200 response could not be decoded at "webhook_config": want an object or null, got the number 7`,
	} {
		body := strings.TrimSuffix(fmt.Sprintf(minimal, ``), "}") + `,"webhook_config":` + top + "}"
		c, err := decodeCampaign([]byte(body))
		if c != nil {
			t.Fatalf("decoded %s", top)
		}
		requireErrorText(t, err, want)
		if dErr := requireAs[*DecodeError](t, err); dErr.Path != "webhook_config" {
			t.Fatalf("path %q", dErr.Path)
		}
	}
}
