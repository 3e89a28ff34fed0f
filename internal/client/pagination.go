package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Paging limits. A page asks for pageLimit items, the most the API gives. A
// list stops with a PaginationError after maxPages pages, so a server that
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

// ListResult is every item a list endpoint returned, each once, in the order
// the API gave them. Total is the total the API reported on the last page
// read, nil if it reported none; it may differ from len(Items) when
// MaxResults cut the list or the list changed during the read.
type ListResult[T any] struct {
	Items []T
	Total *int64
}

// PaginationError is a list the API paged in a way that cannot add up to one
// complete list: the same page again, a page at another offset than asked,
// a list that changed while it was read, or more pages than any list needs.
// No partial list is returned with it.
type PaginationError struct {
	Endpoint string
	Reason   string
	// Changed is true when the pages tell of a list that changed while it
	// was read: a total that changed, items listed twice, or pages that
	// hold another number of items than the total. Reading it again may
	// then succeed, and listAll does so once.
	Changed bool
}

func (e *PaginationError) Error() string {
	return fmt.Sprintf("%s: the API's pages do not add up to one list: %s; no partial list is returned", e.Endpoint, e.Reason)
}

// ListPageError is a page of a list, after the first, that could not be
// read: Err says why, and Offset names the page.
type ListPageError struct {
	Offset int64
	Err    error
}

func (e *ListPageError) Error() string {
	return fmt.Sprintf("reading the page at offset %d: %v", e.Offset, e.Err)
}

func (e *ListPageError) Unwrap() error { return e.Err }

// pageFailed names the page in err, unless it is the first.
func pageFailed(req pageRequest, err error) error {
	if req.offset == 0 {
		return err
	}
	return &ListPageError{Offset: req.offset, Err: err}
}

// listing is what listAll needs to know about one list endpoint.
type listing[T any] struct {
	// endpoint names the endpoint in a PaginationError.
	endpoint string
	path     []segment
	// query holds the filters; listAll adds offset and limit.
	query    url.Values
	key      func(*T) string
	required func(*T) []requiredField
}

// list is every List* method: q checked and turned into l's query, its
// status filter sent as statusParam ("" for an endpoint without one), and
// every page of l read, up to q.MaxResults items.
func list[T any](ctx context.Context, c *Client, q ListQuery, statusParam string, l listing[T]) (*ListResult[T], error) {
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
func listAll[T any](ctx context.Context, c *Client, l listing[T], maxResults int) (*ListResult[T], error) {
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
func listOnce[T any](ctx context.Context, c *Client, l listing[T], maxResults int, fresh bool) (*ListResult[T], error) {
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
func readNext[T any](ctx context.Context, c *Client, l listing[T], s *listState[T], fresh bool) (*listPage[T], bool, error) {
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
func readPageByPage[T any](ctx context.Context, c *Client, l listing[T], s *listState[T], fresh bool) (*ListResult[T], error) {
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
func readAhead[T any](ctx context.Context, c *Client, l listing[T], s *listState[T], plan []pageRequest, total int64, fresh bool) (bool, string, error) {
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
