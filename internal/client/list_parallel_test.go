package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// pageTransport answers list requests in memory as a test scripts them, and
// counts the requests in flight at once. Nothing goes over a network.
type pageTransport struct {
	// answer gives the status, Retry-After (or "") and body for a request
	// at offset with limit; attempt counts the requests at that offset, from
	// 1. It may block until the request's context ends.
	answer func(ctx context.Context, offset, limit, attempt int) (int, string, string, error)

	mu                    sync.Mutex
	queries               []string
	attempts              map[int]int
	inFlight, maxInFlight int
	cancelled             int
	watches               []watch
}

// watch is a channel closed once cond holds; cond runs under mu.
type watch struct {
	cond func() bool
	ch   chan struct{}
}

func (p *pageTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	p.mu.Lock()
	p.queries = append(p.queries, fmt.Sprintf("offset=%d limit=%d", offset, limit))
	if p.attempts == nil {
		p.attempts = map[int]int{}
	}
	p.attempts[offset]++
	attempt := p.attempts[offset]
	p.inFlight++
	p.maxInFlight = max(p.maxInFlight, p.inFlight)
	p.notify()
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.inFlight--
		if r.Context().Err() != nil {
			p.cancelled++
		}
		p.notify()
		p.mu.Unlock()
	}()
	status, retryAfter, body, err := p.answer(r.Context(), offset, limit, attempt)
	if err != nil {
		return nil, err
	}
	header := http.Header{"Content-Type": {"application/json"}}
	if retryAfter != "" {
		header.Set("Retry-After", retryAfter)
	}
	return &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// when returns a channel closed once cond holds; cond runs under p.mu.
func (p *pageTransport) when(cond func() bool) <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := watch{cond, make(chan struct{})}
	p.watches = append(p.watches, w)
	p.notify()
	return w.ch
}

func (p *pageTransport) notify() {
	kept := p.watches[:0]
	for _, w := range p.watches {
		if w.cond() {
			close(w.ch)
		} else {
			kept = append(kept, w)
		}
	}
	p.watches = kept
}

// waitFor waits for ch to close, or for ctx to end.
func waitFor(ctx context.Context, ch <-chan struct{}) error {
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// arrived is closed once n requests have arrived in all.
func (p *pageTransport) arrived(n int) <-chan struct{} {
	return p.when(func() bool { return len(p.queries) >= n })
}

func (p *pageTransport) counts() (requests, maxInFlight, cancelled int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queries), p.maxInFlight, p.cancelled
}

// requireQueries checks that the first request asked for the first full
// page, and the others for rest, in any order.
func (p *pageTransport) requireQueries(t *testing.T, rest ...string) {
	t.Helper()
	const first = "offset=0 limit=100"
	p.mu.Lock()
	got := append([]string(nil), p.queries...)
	p.mu.Unlock()
	if len(got) == 0 || got[0] != first || !sameMultiset(got[1:], rest) {
		t.Fatalf("requests\n got: %q\nwant: %q then %q in any order", got, first, rest)
	}
}

// pageClient is a Client whose requests go to tr, waits recorded instead of
// slept, on a clock that stands still.
func pageClient(t *testing.T, tr http.RoundTripper, log Logger) (*Client, *harness) {
	t.Helper()
	c, err := New(Config{
		BaseURL: "https://api.sarvam.test", APIKey: testKey, MaxRetries: 3, RequestTimeout: time.Minute,
		Backoff: time.Millisecond, MaxBackoff: time.Millisecond, MaxRetryWait: time.Minute,
		Transport: tr, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{c: c}
	h.recordWaits()
	h.fixClock()
	return c, h
}

// listOf lists campaigns through c, failing the test if the call hangs.
func listOf(t *testing.T, c *Client, q ListQuery) (*ListResult[CampaignSummary], error) {
	t.Helper()
	var r *ListResult[CampaignSummary]
	var err error
	withTimeout(t, func() { r, err = c.ListCampaigns(context.Background(), "org-1", "ws-1", q) })
	return r, err
}

// mustList is listOf for a list that must be read without error.
func mustList(t *testing.T, c *Client, q ListQuery) *ListResult[CampaignSummary] {
	t.Helper()
	r, err := listOf(t, c, q)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pageOf is the honest page at offset of a list of n items.
func pageOf(n, offset, limit int) string {
	end := min(offset+limit, n)
	return envelope(campaignItems(min(offset, end), end), n, offset, end < n)
}

// planned is the requests for the pages from offset from up to to.
func planned(from, to, limit int) []string {
	var out []string
	for o := from; o < to; o += limit {
		out = append(out, fmt.Sprintf("offset=%d limit=%d", o, min(limit, to-o)))
	}
	return out
}

// Over the fake API on a real loopback server, 2,007 campaigns take 21
// requests, come back in the API's order (the same as read page by page),
// and use no more connections than pages in flight.
func TestListParallelRequestsAndConnections(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.AddCampaigns(2000, "Bulk")
	l := listEndpoint[CampaignSummary]{
		endpoint: "List Campaigns", path: scoped(fakeapi.OrgID, fakeapi.WorkspaceID, word("campaigns")),
		query: listQueryOf(t, ListQuery{}), key: func(s *CampaignSummary) string { return *s.CampaignID }, required: campaignSummaryRequired,
	}
	var r *ListResult[CampaignSummary]
	var err error
	withTimeout(t, func() { r, err = listAll(context.Background(), h.c, l, 0) })
	if err != nil {
		t.Fatal(err)
	}
	stats := h.fake.Stats()
	if stats.Requests != 21 || stats.Connections > pagesInFlight {
		t.Fatalf("%d requests over %d connections, want 21 over at most %d", stats.Requests, stats.Connections, pagesInFlight)
	}
	// The same list read page by page, by a client of its own.
	other, err := New(fastConfig(h.srv.URL + fakeapi.BasePath))
	if err != nil {
		t.Fatal(err)
	}
	want, err := readPageByPage(context.Background(), other, l, newListState(l, 0), false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := campaignIDs(r), campaignIDs(want); len(got) != 2007 || !reflect.DeepEqual(got, want) || total(r) != 2007 {
		t.Fatalf("got %d ids (total %d), want the 2007 read page by page, in the same order", len(got), total(r))
	}
	if n := h.fake.Stats().Requests; n != 42 {
		t.Fatalf("page by page: %d requests", n-21)
	}
}

func listQueryOf(t *testing.T, q ListQuery) map[string][]string {
	t.Helper()
	v, err := listQuery(q, "campaign_status")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Every page after the first waits until pagesInFlight requests are in
// flight, so the bound is reached; it is never exceeded.
func TestListParallelBound(t *testing.T) {
	const n = 100 * (1 + 2*pagesInFlight)
	tr := &pageTransport{}
	full := tr.when(func() bool { return tr.inFlight == pagesInFlight })
	tr.answer = func(ctx context.Context, offset, limit, _ int) (int, string, string, error) {
		if offset > 0 {
			if err := waitFor(ctx, full); err != nil {
				return 0, "", "", err
			}
		}
		return 200, "", pageOf(n, offset, limit), nil
	}
	c, _ := pageClient(t, tr, nil)
	r := mustList(t, c, ListQuery{})
	if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(n)) {
		t.Fatalf("got %d items, want %d in order", len(got), n)
	}
	requests, most, _ := tr.counts()
	if requests != 1+2*pagesInFlight || most != pagesInFlight {
		t.Fatalf("%d requests, at most %d in flight; want %d and %d", requests, most, 1+2*pagesInFlight, pagesInFlight)
	}
	tr.requireQueries(t, planned(100, n, 100)...)
}

// A 429 with Retry-After on one page holds back every page of the list
// sent after it, not only its own retry.
func TestListParallelRetryAfterSlowsEveryPage(t *testing.T) {
	const n = 100 * (1 + 2*pagesInFlight)
	tr := &pageTransport{}
	firstWave := tr.arrived(1 + pagesInFlight)
	retried := tr.when(func() bool { return tr.attempts[100] == 2 })
	tr.answer = func(ctx context.Context, offset, limit, attempt int) (int, string, string, error) {
		switch {
		case offset == 100 && attempt == 1:
			// Every page of the first wave is sent before the 429.
			if err := waitFor(ctx, firstWave); err != nil {
				return 0, "", "", err
			}
			return 429, "7", `{"detail":"slow down"}`, nil
		case offset > 100 && offset <= 100*pagesInFlight:
			// Held until the 429 has been answered and retried.
			if err := waitFor(ctx, retried); err != nil {
				return 0, "", "", err
			}
		}
		return 200, "", pageOf(n, offset, limit), nil
	}
	c, h := pageClient(t, tr, nil)
	r := mustList(t, c, ListQuery{})
	if len(r.Items) != n {
		t.Fatalf("%d items", len(r.Items))
	}
	// The retry of offset 100, then each of the pagesInFlight pages sent
	// after the 429, waited the 7 s; the first wave, sent before, did not.
	want := make([]time.Duration, 1+pagesInFlight)
	for i := range want {
		want[i] = 7 * time.Second
	}
	if got := h.recordedWaits(); !reflect.DeepEqual(got, want) {
		t.Fatalf("waits %v, want %v", got, want)
	}
	if requests, _, _ := tr.counts(); requests != 2+2*pagesInFlight {
		t.Fatalf("%d requests", requests)
	}
}

// Without a total, or when a page disagrees with the plan made from the
// first, the rest is read page by page, and a debug line says why.
func TestListParallelFallback(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer func(offset, limit, attempt int) string
		items  int
		// first is the first request; rest the others in any order.
		rest   []string
		offset int64
		reason string
		// barrier holds the pages after the first until this many
		// requests have arrived: every planned page is then sent.
		barrier int
	}{
		{"no total", func(offset, limit, _ int) string {
			end := min(offset+limit, 250)
			return fmt.Sprintf(`{"items":[%s],"offset":%d,"next_page_uri":%q}`, strings.Join(campaignItems(offset, end), ","), offset, "/next")
		}, 250, []string{"offset=100 limit=100", "offset=200 limit=100", "offset=250 limit=100"}, 100, "the first page reported no total", 0},
		{"no total on a later page", func(offset, limit, _ int) string {
			// The page at offset 100 reports no total; the page at 200 is
			// then read again.
			if offset == 100 {
				return envelope(campaignItems(100, 200), -1, 100, true)
			}
			return pageOf(300, offset, limit)
		}, 300, []string{"offset=100 limit=100", "offset=200 limit=100", "offset=200 limit=100"}, 200,
			"the page at offset 100 reports a total of none, where the first page reported 300", 3},
		{"a page of another size", func(offset, limit, _ int) string {
			if offset == 100 {
				return envelope(campaignItems(100, 160), 300, 100, true)
			}
			return pageOf(300, offset, limit)
		}, 300, []string{"offset=100 limit=100", "offset=200 limit=100", "offset=160 limit=100", "offset=260 limit=100"}, 160,
			"the next page is offset 160 with limit 100, where the plan from the first page had offset 200 with limit 100", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &pageTransport{}
			all := tr.arrived(tc.barrier)
			tr.answer = func(ctx context.Context, offset, limit, attempt int) (int, string, string, error) {
				if offset > 0 {
					if err := waitFor(ctx, all); err != nil {
						return 0, "", "", err
					}
				}
				return 200, "", tc.answer(offset, limit, attempt), nil
			}
			log := &recordingLogger{}
			c, _ := pageClient(t, tr, log)
			r := mustList(t, c, ListQuery{})
			if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(tc.items)) {
				t.Fatalf("got %d items, want %d in order", len(got), tc.items)
			}
			tr.requireQueries(t, tc.rest...)
			var lines []map[string]any
			for _, e := range log.all() {
				if e.msg == "Reading the rest of the list page by page" {
					lines = append(lines, e.fields)
				}
			}
			want := map[string]any{"list.endpoint": "List Campaigns", "list.offset": tc.offset, "list.reason": tc.reason}
			if len(lines) != 1 || !reflect.DeepEqual(lines[0], want) {
				t.Fatalf("fallback log lines %v, want one with %v", lines, want)
			}
		})
	}
}

// Pages that agree with the plan, even of another size than asked for,
// are read ahead without a fallback.
func TestListParallelSmallerPages(t *testing.T) {
	tr := &pageTransport{answer: func(_ context.Context, offset, _, _ int) (int, string, string, error) {
		return 200, "", pageOf(200, offset, 50), nil
	}}
	log := &recordingLogger{}
	c, _ := pageClient(t, tr, log)
	r := mustList(t, c, ListQuery{})
	if got := campaignIDs(r); !reflect.DeepEqual(got, idRange(200)) {
		t.Fatalf("got %d items", len(got))
	}
	tr.requireQueries(t, "offset=50 limit=100", "offset=100 limit=100", "offset=150 limit=100")
	for _, e := range log.all() {
		if e.msg == "Reading the rest of the list page by page" {
			t.Fatalf("fell back: %v", e.fields)
		}
	}
}

// max_results bounds the pages asked for: none beyond it is requested.
func TestListParallelMaxResults(t *testing.T) {
	for _, tc := range []struct {
		max  int
		rest []string
	}{
		{250, []string{"offset=100 limit=100", "offset=200 limit=50"}},
		{1000, planned(100, 1000, 100)},
		{5000, planned(100, 5000, 100)},
	} {
		t.Run(strconv.Itoa(tc.max), func(t *testing.T) {
			tr := &pageTransport{answer: func(_ context.Context, offset, limit, _ int) (int, string, string, error) {
				return 200, "", pageOf(100000, offset, limit), nil
			}}
			c, _ := pageClient(t, tr, nil)
			r := mustList(t, c, ListQuery{MaxResults: tc.max})
			if got := campaignIDs(r); len(got) != tc.max || !reflect.DeepEqual(got, idRange(tc.max)) || total(r) != 100000 {
				t.Fatalf("got %d items, total %d", len(got), total(r))
			}
			tr.requireQueries(t, tc.rest...)
		})
	}
}

// The guards of paging fire when pages are read ahead too, with every
// planned page in flight, each with the first fault in list order,
// whichever page was answered first.
func TestListParallelGuards(t *testing.T) {
	const n = 100 * (1 + pagesInFlight)
	ok := func(body string) (int, string) { return 200, body }
	for _, tc := range []struct {
		name string
		// bad answers the pages at 300 and 500; the one at 500 is
		// answered first.
		bad  func(offset int) (int, string)
		want string
	}{
		{"same page again", func(offset int) (int, string) {
			return ok(envelope(campaignItems(offset-100, offset), n, offset, true))
		}, "page at offset 300 returned the same items as offset 200"},
		{"offset not as asked", func(offset int) (int, string) {
			return ok(pageOf(n, offset-100, 100))
		}, "asked for the page at offset 300, got the page at offset 200"},
		{"empty page short of the total", func(offset int) (int, string) {
			return ok(envelope(nil, n, offset, true))
		}, "the page at offset 300 is empty, but the API reports a total of 900"},
		{"no next page short of the total", func(offset int) (int, string) {
			return ok(envelope(campaignItems(offset, offset+100), n, offset, false))
		}, "the API says no page follows offset 400, but reports a total of 900"},
		{"a later page failing first", func(offset int) (int, string) {
			if offset == 500 {
				return 404, `{"detail":"Not Found"}`
			}
			return ok(envelope(campaignItems(offset-100, offset), n, offset, true))
		}, "page at offset 300 returned the same items as offset 200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &pageTransport{}
			all := tr.arrived(1 + pagesInFlight)
			fiveHundredAnswered := make(chan struct{})
			tr.answer = func(ctx context.Context, offset, limit, _ int) (int, string, string, error) {
				if offset > 0 {
					if err := waitFor(ctx, all); err != nil {
						return 0, "", "", err
					}
				}
				switch offset {
				case 500:
					defer close(fiveHundredAnswered)
					status, body := tc.bad(offset)
					return status, "", body, nil
				case 300:
					if err := waitFor(ctx, fiveHundredAnswered); err != nil {
						return 0, "", "", err
					}
					status, body := tc.bad(offset)
					return status, "", body, nil
				}
				return 200, "", pageOf(n, offset, limit), nil
			}
			c, _ := pageClient(t, tr, nil)
			r, err := listOf(t, c, ListQuery{})
			if r != nil {
				t.Fatalf("got a list of %d with the error", len(r.Items))
			}
			requireErrorText(t, err, "List Campaigns: the API's pages do not add up to one list: "+tc.want+"; no partial list is returned")
			if requests, _, _ := tr.counts(); requests != 1+pagesInFlight {
				t.Fatalf("%d requests, want %d", requests, 1+pagesInFlight)
			}
		})
	}
}

// Read ahead, a list that would need more than maxPages pages still ends
// after maxPages requests.
func TestListParallelTooManyPages(t *testing.T) {
	tr := &pageTransport{answer: func(_ context.Context, offset, _, _ int) (int, string, string, error) {
		// One item a page, of a total of 5,000.
		return 200, "", pageOf(5000, offset, 1), nil
	}}
	c, _ := pageClient(t, tr, nil)
	r, err := listOf(t, c, ListQuery{})
	if r != nil {
		t.Fatalf("got a list of %d", len(r.Items))
	}
	requireErrorText(t, err, "List Campaigns: the API's pages do not add up to one list: more than 1000 pages (1000 items) and still not at the end; no partial list is returned")
	if requests, most, _ := tr.counts(); requests != maxPages || most > pagesInFlight {
		t.Fatalf("%d requests, %d in flight at most", requests, most)
	}
}

// A page that fails cancels the pages after it, none after it is started,
// and no partial list is returned; the pages before it are read.
func TestListParallelErrorCancelsTheRest(t *testing.T) {
	const n = 100 * (2 + pagesInFlight)
	tr := &pageTransport{}
	all := tr.arrived(1 + pagesInFlight)
	// The pages before the failing one are answered once those after it
	// have been cancelled, so no slot frees up before the failure is known.
	laterCancelled := tr.when(func() bool { return tr.cancelled == pagesInFlight-3 })
	tr.answer = func(ctx context.Context, offset, limit, _ int) (int, string, string, error) {
		if offset > 0 {
			if err := waitFor(ctx, all); err != nil {
				return 0, "", "", err
			}
		}
		switch {
		case offset == 300:
			return 404, "", `{"detail":"Not Found"}`, nil
		case offset > 300:
			<-ctx.Done()
			return 0, "", "", ctx.Err()
		case offset > 0:
			if err := waitFor(ctx, laterCancelled); err != nil {
				return 0, "", "", err
			}
		}
		return 200, "", pageOf(n, offset, limit), nil
	}
	c, _ := pageClient(t, tr, nil)
	r, err := listOf(t, c, ListQuery{})
	if r != nil {
		t.Fatalf("got a partial list of %d", len(r.Items))
	}
	requireErrorText(t, err, "reading the page at offset 300: the API answered HTTP 404 Not Found: Not Found")
	requests, _, cancelled := tr.counts()
	// The first page, then pagesInFlight pages: those at 400 to 800 are
	// cancelled, and the one at 900 is never sent.
	if requests != 1+pagesInFlight || cancelled != pagesInFlight-3 {
		t.Fatalf("%d requests, %d cancelled; want %d and %d", requests, cancelled, 1+pagesInFlight, pagesInFlight-3)
	}
}
