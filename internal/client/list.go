package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Paging limits. A page asks for pageLimit items, the most the API gives. A
// listEvery stops with a PaginationError after maxPages pages, so a server that
// never stops paging cannot hold a read for ever; maxListItems is what that
// many full pages hold.
const (
	pageLimit    = 100
	maxPages     = 1000
	maxListItems = pageLimit * maxPages
)

// Defaults sent for a ListQuery's empty SortBy and SortOrder, so that the
// order of a list never depends on the API's own defaults.
const (
	DefaultSortBy    = "created_at"
	DefaultSortOrder = "desc"
)

// ListQuery is what a list endpoint is asked for. Empty strings are not sent,
// except SortBy/SortOrder which are ALWAYS sent (defaults "created_at" and
// "desc") so the order never depends on the API's defaults. MaxResults 0
// means all.
type ListQuery struct {
	Status, Search, SortBy, SortOrder string
	MaxResults                        int
}

// Sort is the sort_by and sort_order a list is read with: q's own, or the
// defaults for those left empty. Callers that show the order of a list take
// it from here, so that the defaults are applied in this package only.
func (q ListQuery) Sort() (by, order string) {
	return orDefault(q.SortBy, DefaultSortBy), orDefault(q.SortOrder, DefaultSortOrder)
}

// ListResult is every item a list endpoint returned, each once, in the order
// the API gave them. Total is the total the API reported on the last page
// read, nil if it reported none; it may differ from len(Items) when
// MaxResults cut the list or the list changed during the read.
type ListResult[T any] struct {
	Items []T
	Total *int64
}

// listEvery is every List* method: q checked and turned into l's query, its
// status filter sent as statusParam ("" for an endpoint without one), and
// every page of l read, up to q.MaxResults items.
func listEvery[T any](ctx context.Context, c *Client, q ListQuery, statusParam string, l listEndpoint[T]) (*ListResult[T], error) {
	query, err := listQuery(q, statusParam)
	if err != nil {
		return nil, err
	}
	l.query = query
	return listAll(ctx, c, l, q.MaxResults)
}

// listQuery turns q into query parameters; statusParam is the name the
// endpoint gives its status filter, or "" when it has none.
func listQuery(q ListQuery, statusParam string) (url.Values, error) {
	if q.MaxResults < 0 {
		return nil, fmt.Errorf("max results must be 0 or more, got %d", q.MaxResults)
	}
	v := url.Values{}
	v.Set("sort_by", orDefault(q.SortBy, DefaultSortBy))
	v.Set("sort_order", orDefault(q.SortOrder, DefaultSortOrder))
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	if statusParam != "" && q.Status != "" {
		v.Set(statusParam, q.Status)
	}
	return v, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// listAll reads every page of an offset-paged list, up to maxResults items
// (0 for all), in the API's order; listState holds the rules the pages must
// follow. A list that changed while it was read (PaginationError.Changed)
// is read once more from the start, every page asked of the API anew; if
// it changes again, the read fails and says both changes. A list is thus
// either exactly what the API says it holds or an error.
func listAll[T any](ctx context.Context, c *Client, l listEndpoint[T], maxResults int) (*ListResult[T], error) {
	ctx = withPace(ctx)
	res, err := listOnce(ctx, c, l, maxResults, false)
	var first *PaginationError
	if errors.As(err, &first) && first.Changed {
		c.debug(ctx, "The list changed while it was read; reading it once more from the start", map[string]any{
			"list.endpoint": l.endpoint,
			"list.reason":   c.redact(first.Reason),
		})
		res, err = listOnce(ctx, c, l, maxResults, true)
		var again *PaginationError
		if errors.As(err, &again) && again.Changed {
			err = &PaginationError{Endpoint: l.endpoint, Changed: true, Reason: fmt.Sprintf(
				"the list changed while it was read (%s), and again when read once more from the start (%s); a retry usually helps once the list stops changing",
				first.Reason, again.Reason)}
		}
	}
	var pErr *PaginationError
	if errors.As(err, &pErr) {
		// Made by this read alone; any other error was redacted before it
		// could be shared (fetchPage), and is not changed here.
		pErr.Reason = c.redact(pErr.Reason)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// listOnce reads the list from its first page to its end. Once the first
// page has given a total, the pages that total implies are read ahead,
// pagesInFlight at a time; without a total, or as soon as a page disagrees
// with what was planned from it, the rest is read page by page, and a
// debug log line says why. A fresh read asks the API for every page, never
// an answer an identical read has kept (share.go).
func listOnce[T any](ctx context.Context, c *Client, l listEndpoint[T], maxResults int, fresh bool) (*ListResult[T], error) {
	s := newListState(l, maxResults)
	first, done, err := readNext(ctx, c, l, s, fresh)
	if err != nil {
		return nil, err
	}
	if done {
		return s.complete()
	}
	plan, why := planPages(s, first)
	if why == "" {
		done, why, err = readAhead(ctx, c, l, s, plan, *first.Total, fresh)
		if err != nil {
			return nil, err
		}
		if done {
			return s.complete()
		}
		// Once pages have been read ahead, those after the point where
		// they disagreed are read anew: a page kept from before the list
		// changed could hide an item the change moved.
		fresh = true
	}
	c.debug(ctx, "Reading the rest of the list page by page", map[string]any{
		"list.endpoint": l.endpoint,
		"list.offset":   s.offset,
		"list.reason":   why,
	})
	return readPageByPage(ctx, c, l, s, fresh)
}

// readNext reads the page s asks for next and adds it.
func readNext[T any](ctx context.Context, c *Client, l listEndpoint[T], s *listState[T], fresh bool) (*listPage[T], bool, error) {
	req, err := s.next()
	if err != nil {
		return nil, false, err
	}
	p, err := fetchPage(ctx, c, l, req, fresh)
	if err != nil {
		return nil, false, pageFailed(req, err)
	}
	done, err := s.add(req, p)
	return p, done, err
}

// readPageByPage reads one page after another until the list is complete.
func readPageByPage[T any](ctx context.Context, c *Client, l listEndpoint[T], s *listState[T], fresh bool) (*ListResult[T], error) {
	for {
		_, done, err := readNext(ctx, c, l, s, fresh)
		if err != nil {
			return nil, err
		}
		if done {
			return s.complete()
		}
	}
}

// planPages lists the pages after the first that its total implies, each
// holding as many items as the first did, up to maxResults and to the most
// pages a list may have. Without a total it plans nothing and says why.
func planPages[T any](s *listState[T], first *listPage[T]) ([]pageRequest, string) {
	if first.Total == nil {
		return nil, "the first page reported no total"
	}
	end := *first.Total
	if s.maxResults > 0 {
		end = min(end, int64(s.maxResults))
	}
	step := int64(len(first.items))
	var plan []pageRequest
	for offset := s.offset; offset < end && s.pages+len(plan) < maxPages; offset += step {
		plan = append(plan, pageRequest{offset: offset, limit: s.limitAt(int(offset))})
	}
	return plan, ""
}

// readAhead reads the planned pages concurrently and adds them in list
// order. It stops at the first error, when the list is complete, or, with
// the reason, when a page disagrees with the plan: another total than the
// first page's (the list changed while it was read), or a next page the
// plan did not foresee (pages of another size, or items listed twice).
func readAhead[T any](ctx context.Context, c *Client, l listEndpoint[T], s *listState[T], plan []pageRequest, total int64, fresh bool) (bool, string, error) {
	pf := startPrefetch(ctx, c, l, plan, fresh)
	defer pf.stop()
	for i, planned := range plan {
		req, err := s.next()
		if err != nil {
			return false, "", err
		}
		if req != planned {
			return false, fmt.Sprintf("the next page is offset %d with limit %d, where the plan from the first page had offset %d with limit %d",
				req.offset, req.limit, planned.offset, planned.limit), nil
		}
		p, err := pf.wait(i)
		if err != nil {
			return false, "", pageFailed(req, err)
		}
		done, err := s.add(req, p)
		if err != nil || done {
			return done, "", err
		}
		if p.Total == nil || *p.Total != total {
			return false, fmt.Sprintf("the page at offset %d reports a total of %s, where the first page reported %d", req.offset, describeTotal(p.Total), total), nil
		}
	}
	return false, "the pages planned from the first page's total did not reach the end of the list", nil
}

func describeTotal(t *int64) string {
	if t == nil {
		return "none"
	}
	return strconv.FormatInt(*t, 10)
}

// pageFailed names the page in err, unless it is the first.
func pageFailed(req pageRequest, err error) error {
	if req.offset == 0 {
		return err
	}
	return &ListPageError{Offset: req.offset, Err: err}
}

// listState is a listing read so far, and the rules its pages must follow
// to add up to one list: each page at the offset asked for, not the page
// before it again, one total throughout, no item listed twice, no more
// pages than any list needs, and as many items as the total says, nothing
// cut short. A total that changes, an item listed twice or a count that
// is not the total tell of a list that changed while it was read
// (PaginationError.Changed). Pages are added in list order, whoever
// fetched them.
type listState[T any] struct {
	endpoint   string
	key        func(*T) string
	maxResults int

	result *ListResult[T]
	seen   map[string]bool
	// offset is where the next page starts; pages counts those added.
	offset int64
	pages  int
	// first and last key of the previous page, and where it started.
	prevFirst, prevLast string
	prevOffset          int64
	lastTotal           *int64
	// repeated counts the items listed a second time; firstRepeat is the
	// first of them and repeatOffset the page it was listed again on.
	repeated     int
	firstRepeat  string
	repeatOffset int64
}

func newListState[T any](l listEndpoint[T], maxResults int) *listState[T] {
	return &listState[T]{endpoint: l.endpoint, key: l.key, maxResults: maxResults, result: &ListResult[T]{}, seen: map[string]bool{}}
}

func (s *listState[T]) fail(format string, args ...any) error {
	return &PaginationError{Endpoint: s.endpoint, Reason: fmt.Sprintf(format, args...)}
}

// changed is the error of a list that changed while it was read.
func (s *listState[T]) changed(format string, args ...any) error {
	return &PaginationError{Endpoint: s.endpoint, Reason: fmt.Sprintf(format, args...), Changed: true}
}

// next is the page to ask for next, or a PaginationError when the list has
// had as many pages as any list may.
func (s *listState[T]) next() (pageRequest, error) {
	if s.pages == maxPages {
		return pageRequest{}, s.fail("more than %d pages (%d items) and still not at the end", maxPages, len(s.result.Items))
	}
	return pageRequest{offset: s.offset, limit: s.limitAt(len(s.result.Items))}, nil
}

// limitAt is the page size to ask for when have items are in hand: a full
// page, or what is left of maxResults.
func (s *listState[T]) limitAt(have int) int {
	if s.maxResults > 0 {
		return min(pageLimit, s.maxResults-have)
	}
	return pageLimit
}

// add takes the page read for req and reports whether the list is complete.
// An error means the pages cannot add up to one list; nothing read is then
// returned.
func (s *listState[T]) add(req pageRequest, p *listPage[T]) (bool, error) {
	if p.Offset != nil && *p.Offset != req.offset {
		return false, s.fail("asked for the page at offset %d, got the page at offset %d", req.offset, *p.Offset)
	}
	if err := s.checkTotal(req.offset, p.Total); err != nil {
		return false, err
	}
	s.pages++
	if len(p.items) == 0 {
		if p.Total != nil && req.offset < *p.Total {
			// The same answer says there is more and gives none: the
			// list cannot be known to be whole.
			return false, s.fail("the page at offset %d is empty, but the API reports a total of %d", req.offset, *p.Total)
		}
		return true, nil
	}
	if err := s.checkNotRepeated(req.offset, p.items); err != nil {
		return false, err
	}
	if s.keep(req.offset, p.items) {
		return true, nil
	}
	s.offset = req.offset + int64(len(p.items))
	return s.atEnd(p.pageEnvelope)
}

// checkTotal refuses a total other than the one the pages before gave, and
// one past what a list reads.
func (s *listState[T]) checkTotal(offset int64, total *int64) error {
	if total == nil {
		return nil
	}
	if s.lastTotal != nil && *total != *s.lastTotal {
		return s.changed("the total went from %d to %d at the page at offset %d", *s.lastTotal, *total, offset)
	}
	if *total > maxListItems && (s.maxResults == 0 || s.maxResults > maxListItems) {
		return s.fail("total of %d items is more than the %d a list reads", *total, maxListItems)
	}
	s.lastTotal = total
	s.result.Total = total
	return nil
}

// checkNotRepeated refuses a page that starts and ends with the same items
// as the page before it: the API served that page again.
func (s *listState[T]) checkNotRepeated(offset int64, items []T) error {
	first, last := s.key(&items[0]), s.key(&items[len(items)-1])
	if s.pages > 1 && first == s.prevFirst && last == s.prevLast {
		return s.fail("page at offset %d returned the same items as offset %d", offset, s.prevOffset)
	}
	s.prevFirst, s.prevLast, s.prevOffset = first, last, offset
	return nil
}

// keep appends the items not seen before, counting those seen before, and
// reports whether maxResults items are now in hand.
func (s *listState[T]) keep(offset int64, items []T) bool {
	if s.result.Items == nil && s.lastTotal != nil {
		// The list will hold about total items: one allocation, not a
		// doubling for every few pages.
		s.result.Items = make([]T, 0, s.capacity(*s.lastTotal, len(items)))
	}
	for i := range items {
		k := s.key(&items[i])
		if s.seen[k] {
			if s.repeated == 0 {
				s.firstRepeat, s.repeatOffset = k, offset
			}
			s.repeated++
			continue
		}
		s.seen[k] = true
		s.result.Items = append(s.result.Items, items[i])
		if s.maxResults > 0 && len(s.result.Items) == s.maxResults {
			return true
		}
	}
	return false
}

// complete is the list read, once its last page is in: an error unless
// every item was listed once and there are as many as the total says (or
// maxResults of them).
func (s *listState[T]) complete() (*ListResult[T], error) {
	n := int64(len(s.result.Items))
	if s.repeated > 0 {
		return nil, s.changed("%d %s listed twice, the first %q again on the page at offset %d, leaving %d distinct %s%s",
			s.repeated, plural(s.repeated, "item was", "items were"), clean(s.firstRepeat), s.repeatOffset, n, plural(int(n), "item", "items"), s.ofTotal())
	}
	if t := s.result.Total; t != nil {
		want := *t
		if s.maxResults > 0 {
			want = min(want, int64(s.maxResults))
		}
		if n != want {
			return nil, s.changed("the pages held %d items, where the API reports a total of %d", n, *t)
		}
	}
	return s.result, nil
}

// ofTotal is ", where the API reports a total of N", or "" with no total.
func (s *listState[T]) ofTotal() string {
	if s.result.Total == nil {
		return ""
	}
	return fmt.Sprintf(", where the API reports a total of %d", *s.result.Total)
}

// capacity is what to reserve for a list whose first page says total.
func (s *listState[T]) capacity(total int64, first int) int {
	n := max(total, int64(first))
	if s.maxResults > 0 {
		n = min(n, int64(s.maxResults))
	}
	return int(min(n, maxListItems))
}

// atEnd reports whether the page just added, now behind s.offset, ends the
// list: offset has reached total, or nothing says more follows. A page that
// says none follows while total says more is an error: the list would be
// cut.
func (s *listState[T]) atEnd(p *pageEnvelope) (bool, error) {
	more := p.Total == nil || s.offset < *p.Total
	switch next := string(p.NextPageURI); {
	case !more:
		return true, nil
	case next == "null" || next == `""`:
		if p.Total != nil {
			// The same answer says there is no next page and that
			// there are more items: the list cannot be whole.
			return false, s.fail("the API says no page follows offset %d, but reports a total of %d", s.offset, *p.Total)
		}
		return true, nil
	case next == "" && p.Total == nil:
		// Neither a next page nor a total: nothing says there is more.
		return true, nil
	}
	return false, nil
}
