package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// pager is an httptest server whose answers a test scripts, and a Client
// pointed at it. It records the escaped path and query of every request.
type pager struct {
	srv *httptest.Server
	c   *Client

	mu   sync.Mutex
	reqs []*url.URL
}

// serveFunc answers the n-th request (from 0) with a status and a body.
type serveFunc func(n int, q url.Values) (int, string)

func newPager(t *testing.T, serve serveFunc) *pager {
	t.Helper()
	p := &pager{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		n := len(p.reqs)
		p.reqs = append(p.reqs, r.URL)
		p.mu.Unlock()
		status, body := serve(n, r.URL.Query())
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(p.srv.Close)
	c, err := New(fastConfig(p.srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	p.c = c
	return p
}

func (p *pager) requests() []*url.URL {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]*url.URL(nil), p.reqs...)
}

// requireQueries checks the offset and limit of every request, in order.
func (p *pager) requireQueries(t *testing.T, want ...string) {
	t.Helper()
	if got := p.queries(); !reflect.DeepEqual(got, want) {
		t.Fatalf("requests\n got: %q\nwant: %q", got, want)
	}
}

// requireQueriesAfterFirst checks the first request, then the others in any
// order: pages after the first are read concurrently.
func (p *pager) requireQueriesAfterFirst(t *testing.T, first string, rest ...string) {
	t.Helper()
	got := p.queries()
	if len(got) == 0 || got[0] != first || !sameMultiset(got[1:], rest) {
		t.Fatalf("requests\n got: %q\nwant: %q then %q in any order", got, first, rest)
	}
}

func (p *pager) queries() []string {
	var got []string
	for _, u := range p.requests() {
		q := u.Query()
		got = append(got, "offset="+q.Get("offset")+" limit="+q.Get("limit"))
	}
	return got
}

// sameMultiset reports whether a and b hold the same strings as often.
func sameMultiset(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func campaignItem(i int) string {
	return fmt.Sprintf(`{"name":"campaign %d","campaign_id":"cmp-%04d","status":"active","app_id":"app-1","created_by":"u@example.com",`+
		`"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","description":null,"app_type":"agent","app_version":3,"updated_by":null}`, i, i)
}

func campaignItems(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, campaignItem(i))
	}
	return out
}

// envelope is one list response. A negative total or offset is left out.
func envelope(items []string, total, offset int, next bool) string {
	fields := []string{`"items":[` + strings.Join(items, ",") + `]`, fmt.Sprintf(`"limit":%d`, len(items))}
	if total >= 0 {
		fields = append(fields, fmt.Sprintf(`"total":%d`, total))
	}
	if offset >= 0 {
		fields = append(fields, fmt.Sprintf(`"offset":%d`, offset))
	}
	if next {
		fields = append(fields, `"next_page_uri":"/next"`)
	} else {
		fields = append(fields, `"next_page_uri":null`)
	}
	return "{" + strings.Join(fields, ",") + `,"prev_page_uri":null}`
}

func queryInt(q url.Values, name string) int {
	n, _ := strconv.Atoi(q.Get(name))
	return n
}

// honest pages through all as the API documents it.
func honest(all []string) serveFunc {
	return func(_ int, q url.Values) (int, string) {
		offset, limit := queryInt(q, "offset"), queryInt(q, "limit")
		end := min(offset+limit, len(all))
		start := min(offset, end)
		return 200, envelope(all[start:end], len(all), offset, end < len(all))
	}
}

func campaignIDs(r *ListResult[CampaignSummary]) []string {
	ids := make([]string, len(r.Items))
	for i, s := range r.Items {
		ids[i] = *s.CampaignID
	}
	return ids
}

// idRange is the ids of campaignItems(0, n).
func idRange(n int) []string {
	var ids []string
	for i := range n {
		ids = append(ids, fmt.Sprintf("cmp-%04d", i))
	}
	return ids
}

func (p *pager) listCampaigns(q ListQuery) (*ListResult[CampaignSummary], error) {
	return p.c.ListCampaigns(context.Background(), "org-1", "ws-1", q)
}

func TestListCampaignsPages(t *testing.T) {
	p := newPager(t, honest(campaignItems(0, 250)))
	r, err := p.listCampaigns(ListQuery{})
	if err != nil {
		t.Fatalf("ListCampaigns: %v", err)
	}
	if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(250)) || total(r) != 250 {
		t.Fatalf("got %d items (total %d), want cmp-0000 … cmp-0249 in order and total 250", len(got), total(r))
	}
	p.requireQueriesAfterFirst(t, "offset=0 limit=100", "offset=100 limit=100", "offset=200 limit=100")
	for _, u := range p.requests() {
		if u.EscapedPath() != "/v1/orgs/org-1/workspaces/ws-1/campaigns" {
			t.Fatalf("path %s", u.EscapedPath())
		}
	}
	want := CampaignSummary{
		Name: ptr("campaign 7"), CampaignID: ptr("cmp-0007"), Status: ptr("active"), AppID: ptr("app-1"),
		CreatedBy: ptr("u@example.com"), CreatedAt: ptr("2026-01-02T03:04:05Z"), UpdatedAt: ptr("2026-01-02T03:04:05Z"),
		AppType: ptr("agent"), AppVersion: ptr(int64(3)),
	}
	if !reflect.DeepEqual(r.Items[7], want) {
		t.Fatalf("item 7 = %+v, want %+v", r.Items[7], want)
	}
}

// A summary may lack everything but its id, name and status, as an
// experiment's campaign lacks app_id and app_version.
func TestListCampaignsNullableFields(t *testing.T) {
	p := newPager(t, func(int, url.Values) (int, string) {
		return 200, envelope([]string{`{"name":"n","campaign_id":"c","status":"scheduled","app_id":null,"app_version":null}`}, 1, 0, false)
	})
	r, err := p.listCampaigns(ListQuery{})
	if err != nil {
		t.Fatalf("ListCampaigns: %v", err)
	}
	if len(r.Items) != 1 || r.Items[0].AppID != nil || r.Items[0].AppVersion != nil || r.Items[0].CreatedAt != nil {
		t.Fatalf("items %+v", r.Items)
	}
}

func TestListQuerySent(t *testing.T) {
	for _, tc := range []struct {
		name    string
		q       ListQuery
		cohorts bool
		want    string
	}{
		{"defaults", ListQuery{}, false, "limit=100&offset=0&sort_by=created_at&sort_order=desc"},
		{"every filter", ListQuery{Status: "paused", Search: "a&b c/d=%", SortBy: "name", SortOrder: "asc"}, false,
			"campaign_status=paused&limit=100&offset=0&search=a%26b+c%2Fd%3D%25&sort_by=name&sort_order=asc"},
		{"cohorts have no status filter", ListQuery{Status: "paused", Search: "march"}, true,
			"limit=100&offset=0&search=march&sort_by=created_at&sort_order=desc"},
		{"max results below a page", ListQuery{MaxResults: 7}, false, "limit=7&offset=0&sort_by=created_at&sort_order=desc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, func(int, url.Values) (int, string) { return 200, envelope(nil, 0, 0, false) })
			var err error
			if tc.cohorts {
				_, err = p.c.ListCohorts(context.Background(), "o", "w", "c", tc.q)
			} else {
				_, err = p.listCampaigns(tc.q)
			}
			if err != nil {
				t.Fatal(err)
			}
			reqs := p.requests()
			if len(reqs) != 1 || reqs[0].RawQuery != tc.want {
				t.Fatalf("queries %v, want one with %s", reqs, tc.want)
			}
		})
	}
	c, err := New(fastConfig("https://apps.sarvam.ai"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListCampaigns(context.Background(), "o", "w", ListQuery{MaxResults: -1})
	requireErrorText(t, err, "max results must be 0 or more, got -1")
}

func TestListMaxResults(t *testing.T) {
	t.Run("within one page", func(t *testing.T) {
		p := newPager(t, honest(campaignItems(0, 250)))
		r, err := p.listCampaigns(ListQuery{MaxResults: 5})
		if err != nil {
			t.Fatal(err)
		}
		if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(5)) || total(r) != 250 {
			t.Fatalf("got %q total %d", got, total(r))
		}
		p.requireQueries(t, "offset=0 limit=5")
	})
	t.Run("across pages", func(t *testing.T) {
		p := newPager(t, honest(campaignItems(0, 250)))
		r, err := p.listCampaigns(ListQuery{MaxResults: 150})
		if err != nil {
			t.Fatal(err)
		}
		if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(150)) {
			t.Fatalf("got %d items", len(got))
		}
		p.requireQueries(t, "offset=0 limit=100", "offset=100 limit=50")
	})
	t.Run("server ignores the limit", func(t *testing.T) {
		p := newPager(t, func(int, url.Values) (int, string) { return 200, envelope(campaignItems(0, 40), 40, 0, false) })
		r, err := p.listCampaigns(ListQuery{MaxResults: 3})
		if err != nil {
			t.Fatal(err)
		}
		if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(3)) {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("more than there are", func(t *testing.T) {
		p := newPager(t, honest(campaignItems(0, 30)))
		r, err := p.listCampaigns(ListQuery{MaxResults: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Items) != 30 || total(r) != 30 {
			t.Fatalf("%d items, total %d", len(r.Items), total(r))
		}
		p.requireQueries(t, "offset=0 limit=100")
	})
}

// Each way the API can say the list is over ends paging at once.
func TestListStops(t *testing.T) {
	for _, tc := range []struct {
		name  string
		serve serveFunc
		want  int
	}{
		{"no next page and no total", func(int, url.Values) (int, string) {
			return 200, `{"items":[` + campaignItem(0) + `],"offset":0,"next_page_uri":null}`
		}, 1},
		{"next page absent and no total", func(int, url.Values) (int, string) {
			return 200, `{"items":[` + campaignItem(0) + `],"offset":0}`
		}, 1},
		{"next page empty string and no total", func(int, url.Values) (int, string) {
			return 200, `{"items":[` + campaignItem(0) + `],"offset":0,"next_page_uri":""}`
		}, 1},
		{"no next page, total reached", func(int, url.Values) (int, string) { return 200, envelope(campaignItems(0, 100), 100, 0, false) }, 100},
		{"offset reaches total, next page given", func(int, url.Values) (int, string) { return 200, envelope(campaignItems(0, 100), 100, 0, true) }, 100},
		{"empty page, next page given, total reached", func(_ int, q url.Values) (int, string) {
			offset := queryInt(q, "offset")
			if offset == 0 {
				return 200, envelope(campaignItems(0, 100), 100, 0, true)
			}
			return 200, envelope(nil, 100, offset, true)
		}, 100},
		{"empty page, no total", func(int, url.Values) (int, string) { return 200, `{"items":[],"offset":0,"next_page_uri":"/x"}` }, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, tc.serve)
			r, err := p.listCampaigns(ListQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Items) != tc.want {
				t.Fatalf("%d items, want %d", len(r.Items), tc.want)
			}
			p.requireQueries(t, "offset=0 limit=100")
		})
	}
}

// An API that gives no next_page_uri at all is paged by its total.
func TestListPagesByTotalWithoutNextPage(t *testing.T) {
	p := newPager(t, func(_ int, q url.Values) (int, string) {
		offset := queryInt(q, "offset")
		return 200, fmt.Sprintf(`{"items":[%s],"total":150,"offset":%d}`, strings.Join(campaignItems(offset, min(offset+100, 150)), ","), offset)
	})
	r, err := p.listCampaigns(ListQuery{})
	if err != nil || len(r.Items) != 150 || total(r) != 150 {
		t.Fatalf("got %v, %v; want 150 items", r, err)
	}
	p.requireQueries(t, "offset=0 limit=100", "offset=100 limit=100")
}

// Each guard ends a misbehaving listing with a PaginationError and no list,
// after a bounded number of requests.
func TestListPaginationGuards(t *testing.T) {
	for _, tc := range []struct {
		name     string
		serve    serveFunc
		q        ListQuery
		want     string
		requests int
	}{
		// A total of 200 plans one page after the first, so the request
		// count is exact; TestListParallelGuards has many in flight.
		{"same page again", func(_ int, q url.Values) (int, string) {
			// Ignores offset but claims to honour it.
			return 200, envelope(campaignItems(0, 100), 200, queryInt(q, "offset"), true)
		}, ListQuery{}, "page at offset 100 returned the same items as offset 0", 2},
		{"offset not as asked", func(int, url.Values) (int, string) {
			return 200, envelope(campaignItems(0, 100), 200, 0, true)
		}, ListQuery{}, "asked for the page at offset 100, got the page at offset 0", 2},
		{"total changes on every read", func(_ int, q url.Values) (int, string) {
			offset := queryInt(q, "offset")
			return 200, envelope(campaignItems(offset, offset+100), 200+offset, offset, true)
		}, ListQuery{}, "the list changed while it was read (the total went from 200 to 300 at the page at offset 100), " +
			"and again when read once more from the start (the total went from 200 to 300 at the page at offset 100); a retry usually helps once the list stops changing", 4},
		{"empty page short of the total", func(int, url.Values) (int, string) { return 200, envelope(nil, 500, 0, true) },
			ListQuery{}, "the page at offset 0 is empty, but the API reports a total of 500", 1},
		{"no next page, total larger", func(int, url.Values) (int, string) { return 200, envelope(campaignItems(0, 100), 500, 0, false) },
			ListQuery{}, "the API says no page follows offset 100, but reports a total of 500", 1},
		{"total over the cap", func(int, url.Values) (int, string) {
			return 200, envelope(campaignItems(0, 100), 100001, 0, true)
		}, ListQuery{}, "total of 100001 items is more than the 100000 a list reads", 1},
		{"more than 1000 pages", func(_ int, q url.Values) (int, string) {
			// One new item per page, no total, and always a next page.
			offset := queryInt(q, "offset")
			return 200, envelope(campaignItems(offset, offset+1), -1, offset, true)
		}, ListQuery{}, "more than 1000 pages (1000 items) and still not at the end", 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, tc.serve)
			var r *ListResult[CampaignSummary]
			var err error
			withTimeout(t, func() { r, err = p.listCampaigns(tc.q) })
			if r != nil {
				t.Fatalf("got a list of %d with the error", len(r.Items))
			}
			requireErrorText(t, err, "List Campaigns: the API's pages do not add up to one list: "+tc.want+"; no partial list is returned")
			pErr := requireAs[*PaginationError](t, err)
			if pErr.Endpoint != "List Campaigns" || pErr.Reason != tc.want {
				t.Fatalf("PaginationError %+v", pErr)
			}
			if n := len(p.requests()); n != tc.requests {
				t.Fatalf("%d requests, want %d", n, tc.requests)
			}
		})
	}
	// A total over the cap is no obstacle when fewer items are asked for.
	p := newPager(t, func(int, url.Values) (int, string) { return 200, envelope(campaignItems(0, 10), 100001, 0, true) })
	r, err := p.listCampaigns(ListQuery{MaxResults: 10})
	if err != nil || len(r.Items) != 10 || total(r) != 100001 {
		t.Fatalf("got %v, %v", r, err)
	}
	// A total that changes once, from campaigns created during the read,
	// has the list read once more from the start, which then succeeds.
	p = newPager(t, func(n int, q url.Values) (int, string) {
		offset := queryInt(q, "offset")
		total := 250 + min(n, 2)
		return 200, envelope(campaignItems(offset, min(offset+100, total)), total, offset, offset+100 < total)
	})
	r, err = p.listCampaigns(ListQuery{})
	if err != nil || len(r.Items) != 252 || total(r) != 252 {
		t.Fatalf("got %d items, total %d, %v", len(r.Items), total(r), err)
	}
}

// A campaign created mid-read shifts the list: the second page starts with
// the first page's last item, and one item is listed twice in it. The read
// is not returned with the repeats dropped: the list is read once more from
// the start, which gives it whole.
func TestListDedup(t *testing.T) {
	shifted := func(shift bool) serveFunc {
		return func(n int, q url.Values) (int, string) {
			offset := queryInt(q, "offset")
			switch {
			case offset == 0:
				return 200, envelope(campaignItems(0, 100), 201, offset, true)
			case offset == 100 && (shift || n < 3):
				// Shifted by one, with a duplicate inside the page too.
				items := append(campaignItems(99, 150), campaignItem(120))
				items = append(items, campaignItems(150, 198)...)
				return 200, envelope(items, 201, offset, true)
			case offset == 100:
				return 200, envelope(campaignItems(100, 200), 201, offset, true)
			case shift || n < 3:
				return 200, envelope(campaignItems(198, 201), 201, offset, false)
			default:
				return 200, envelope(campaignItems(200, 201), 201, offset, false)
			}
		}
	}
	p := newPager(t, shifted(false))
	r, err := p.listCampaigns(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(201)) {
		t.Fatalf("got %d items: %q…", len(got), got[:min(len(got), 5)])
	}
	if n := len(p.requests()); n != 6 {
		t.Fatalf("%d requests, want 6: three pages, then the same three again", n)
	}

	// Shifted on every read: an error that says what was listed twice.
	p = newPager(t, shifted(true))
	r, err = p.listCampaigns(ListQuery{})
	if r != nil {
		t.Fatalf("got a list of %d with repeated items", len(r.Items))
	}
	once := `2 items were listed twice, the first "cmp-0099" again on the page at offset 100, leaving 201 distinct items, where the API reports a total of 201`
	requireErrorText(t, err, "List Campaigns: the API's pages do not add up to one list: the list changed while it was read ("+once+"), and again when read once more from the start ("+once+
		"); a retry usually helps once the list stops changing; no partial list is returned")
	if !requireAs[*PaginationError](t, err).Changed {
		t.Fatal("PaginationError.Changed is false")
	}
}

func TestListRetriesAPage(t *testing.T) {
	all := honest(campaignItems(0, 150))
	p := newPager(t, func(n int, q url.Values) (int, string) {
		if n == 1 {
			return 503, `{"detail":"busy"}`
		}
		return all(n, q)
	})
	r, err := p.listCampaigns(ListQuery{})
	if err != nil || len(r.Items) != 150 {
		t.Fatalf("got %v, %v", r, err)
	}
	p.requireQueries(t, "offset=0 limit=100", "offset=100 limit=100", "offset=100 limit=100")
}

func TestListDecodeErrors(t *testing.T) {
	good := campaignItem(1)
	for _, tc := range []struct {
		name, body, want, path string
	}{
		{"items missing", `{"total":1,"offset":0}`, `HTTP 200 response could not be decoded at "items": a required field is missing or null`, "items"},
		{"items null", `{"items":null,"total":1}`, `HTTP 200 response could not be decoded at "items": a required field is missing or null`, "items"},
		{"items an object", `{"items":{"0":{}},"total":1}`, `HTTP 200 response could not be decoded at "items": want a list, got an object`, "items"},
		{"items a string", `{"items":"none"}`, `HTTP 200 response could not be decoded at "items": want a list, got a string`, "items"},
		{"envelope a list", `[` + good + `]`, `HTTP 200 response could not be decoded: want a JSON object, got a list`, ""},
		{"total a string", `{"items":[],"total":"many"}`, `HTTP 200 response could not be decoded at "total": want an integer, got a JSON string`, "total"},
		{"item without its id", `{"items":[` + strings.Join([]string{good, good, good, `{"name":"n","status":"active"}`}, ",") + `],"total":4}`,
			`HTTP 200 response could not be decoded at "items[3].campaign_id": a required field is missing or null`, "items[3].campaign_id"},
		{"item without a name", `{"items":[{"campaign_id":"c","name":null,"status":"active"}]}`,
			`HTTP 200 response could not be decoded at "items[0].name": a required field is missing or null`, "items[0].name"},
		{"item field of the wrong type", `{"items":[` + good + `,{"campaign_id":"c","name":"n","status":"s","app_version":"3"}]}`,
			`HTTP 200 response could not be decoded at "items[1].app_version": want an integer, got a JSON string`, "items[1].app_version"},
		{"item null", `{"items":[` + good + `,` + good + `,null]}`, `HTTP 200 response could not be decoded at "items[2]": want a JSON object, got null`, "items[2]"},
		{"item a number", `{"items":[7]}`, `HTTP 200 response could not be decoded at "items[0]": want a JSON object, got the number 7`, "items[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPager(t, func(int, url.Values) (int, string) { return 200, tc.body })
			r, err := p.listCampaigns(ListQuery{})
			if r != nil {
				t.Fatalf("got a list with the error")
			}
			requireErrorText(t, err, tc.want)
			if dErr := requireAs[*DecodeError](t, err); dErr.Path != tc.path {
				t.Fatalf("path %q, want %q", dErr.Path, tc.path)
			}
			if n := len(p.requests()); n != 1 {
				t.Fatalf("%d requests: a bad body is not retried", n)
			}
		})
	}
	// A bad item on a later page fails the whole list: nothing is cut short.
	p := newPager(t, func(n int, q url.Values) (int, string) {
		if n == 0 {
			return 200, `{"items":[{"cohort_id":"h1","name":"a","status":"completed"}],"total":2,"offset":0,"next_page_uri":"/n"}`
		}
		return 200, `{"items":[{"name":"b","status":"failed"}],"total":2,"offset":1,"next_page_uri":null}`
	})
	r, err := p.c.ListCohorts(context.Background(), "o", "w", "c", ListQuery{})
	if r != nil {
		t.Fatalf("got a partial list")
	}
	requireErrorText(t, err, `reading the page at offset 1: HTTP 200 response could not be decoded at "items[0].cohort_id": a required field is missing or null`)
	if pErr := requireAs[*ListPageError](t, err); pErr.Offset != 1 {
		t.Fatalf("ListPageError.Offset = %d, want 1", pErr.Offset)
	}
}

// total is the list's total, -1 when the API reported none.
func total[T any](r *ListResult[T]) int64 {
	if r.Total == nil {
		return -1
	}
	return *r.Total
}
