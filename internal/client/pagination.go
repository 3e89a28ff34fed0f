package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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
	// maxTotalGrowths is how many times total may grow between pages. Items
	// created during a read explain a growth or two; a total that keeps
	// growing means the list is never going to end.
	maxTotalGrowths = 2
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
// a total that keeps growing, or more pages than any list needs. No partial
// list is returned with it.
type PaginationError struct {
	Endpoint string
	Reason   string
}

func (e *PaginationError) Error() string {
	return fmt.Sprintf("%s: the API's pages do not add up to one list: %s; no partial list is returned", e.Endpoint, e.Reason)
}

// page is the envelope of every list response.
type page struct {
	Items  json.RawMessage `json:"items"`
	Total  *int64          `json:"total"`
	Limit  *int64          `json:"limit"`
	Offset *int64          `json:"offset"`
	// NextPageURI is raw so that null, "" (no next page) and an absent
	// field (the API says nothing) stay apart.
	NextPageURI json.RawMessage `json:"next_page_uri"`
	PrevPageURI *string         `json:"prev_page_uri"`
}

func pageRequired(p *page) []requiredField {
	// A null items decodes to the raw text null, not to nothing.
	return []requiredField{{"items", len(p.Items) > 0 && string(p.Items) != "null"}}
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
// (0 for all). Offset advances by the number of items each page held; paging
// stops when offset reaches total, when the API gives neither a next page nor
// a total, or when maxResults items are in hand. An empty page, or no next
// page, while total says there is more is an error: the list would be cut. An item whose key
// was already seen, because the list shifted between pages, is kept once.
func listAll[T any](ctx context.Context, c *Client, l listing[T], maxResults int) (*ListResult[T], error) {
	paginationErr := func(format string, args ...any) error {
		return &PaginationError{Endpoint: l.endpoint, Reason: fmt.Sprintf(format, args...)}
	}
	result := &ListResult[T]{}
	seen := map[string]bool{}
	var offset int64
	var prevFirst, prevLast string
	var prevOffset int64
	var lastTotal *int64
	growths := 0
	for pages := 0; ; pages++ {
		if pages == maxPages {
			return nil, paginationErr("more than %d pages (%d items) and still not at the end", maxPages, len(result.Items))
		}
		limit := pageLimit
		if maxResults > 0 {
			limit = min(limit, maxResults-len(result.Items))
		}
		query := url.Values{}
		for k, v := range l.query {
			query[k] = v
		}
		query.Set("offset", strconv.FormatInt(offset, 10))
		query.Set("limit", strconv.Itoa(limit))
		p, err := getJSON(ctx, c, l.path, query, pageRequired)
		if err != nil {
			return nil, err
		}
		if p.Offset != nil && *p.Offset != offset {
			return nil, paginationErr("asked for the page at offset %d, got the page at offset %d", offset, *p.Offset)
		}
		items, err := decodeItems(p.Items, l.required)
		if err != nil {
			return nil, err
		}
		if p.Total != nil {
			if lastTotal != nil && *p.Total > *lastTotal {
				growths++
				if growths > maxTotalGrowths {
					return nil, paginationErr("total grew from %d to %d, more than %d times during one read", *lastTotal, *p.Total, maxTotalGrowths)
				}
			}
			if *p.Total > maxListItems && (maxResults == 0 || maxResults > maxListItems) {
				return nil, paginationErr("total of %d items is more than the %d a list reads", *p.Total, maxListItems)
			}
			lastTotal = p.Total
			result.Total = p.Total
		}
		if len(items) == 0 {
			if p.Total != nil && offset < *p.Total {
				// The same answer says there is more and gives none: the
				// list cannot be known to be whole.
				return nil, paginationErr("the page at offset %d is empty, but the API reports a total of %d", offset, *p.Total)
			}
			return result, nil
		}
		first, last := l.key(&items[0]), l.key(&items[len(items)-1])
		if pages > 0 && first == prevFirst && last == prevLast {
			return nil, paginationErr("page at offset %d returned the same items as offset %d", offset, prevOffset)
		}
		prevFirst, prevLast, prevOffset = first, last, offset
		for i := range items {
			k := l.key(&items[i])
			if seen[k] {
				continue
			}
			seen[k] = true
			result.Items = append(result.Items, items[i])
			if maxResults > 0 && len(result.Items) == maxResults {
				return result, nil
			}
		}
		offset += int64(len(items))
		more := p.Total == nil || offset < *p.Total
		switch next := string(p.NextPageURI); {
		case !more:
			return result, nil
		case next == "null" || next == `""`:
			if p.Total != nil {
				// The same answer says there is no next page and that
				// there are more items: the list cannot be whole.
				return nil, paginationErr("the API says no page follows offset %d, but reports a total of %d", offset, *p.Total)
			}
			return result, nil
		case next == "" && p.Total == nil:
			// Neither a next page nor a total: nothing says there is more.
			return result, nil
		}
	}
}

// decodeItems decodes a page's items, each a JSON object with its required
// fields; errors name the item, as in items[3].campaign_id.
func decodeItems[T any](raw json.RawMessage, required func(*T) []requiredField) ([]T, error) {
	if raw[0] != '[' {
		return nil, &DecodeError{StatusCode: http.StatusOK, Path: "items", Reason: fmt.Sprintf("want a list, got %s", describeJSON(raw))}
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(raw, &raws); err != nil {
		return nil, decodeError(http.StatusOK, raw, "items", err)
	}
	items := make([]T, len(raws))
	for i, r := range raws {
		item, err := decodeObject(http.StatusOK, r, fmt.Sprintf("items[%d]", i), required)
		if err != nil {
			return nil, err
		}
		items[i] = *item
	}
	return items, nil
}
