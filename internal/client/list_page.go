package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// page is the envelope of every list response; limit and prev_page_uri are
// not read, as paging goes by offset, total and next_page_uri alone.
type page struct {
	Items  json.RawMessage `json:"items"`
	Total  *int64          `json:"total"`
	Offset *int64          `json:"offset"`
	// NextPageURI is raw so that null, "" (no next page) and an absent
	// field (the API says nothing) stay apart.
	NextPageURI json.RawMessage `json:"next_page_uri"`
}

func pageRequired(p *page) []requiredField {
	// A null items decodes to the raw text null, not to nothing.
	return []requiredField{{"items", len(p.Items) > 0 && string(p.Items) != "null"}}
}

// pageRequest is one page a listing asks for.
type pageRequest struct {
	offset int64
	limit  int
}

// listPage is one page as read: its envelope and its items, decoded.
type listPage[T any] struct {
	*page
	items []T
}

// fetchPage reads one page of l, with retries, and decodes its items. A
// fresh page is asked of the API even when an identical read has kept its
// answer (share.go): that answer may be from before the list changed.
func fetchPage[T any](ctx context.Context, c *Client, l listing[T], req pageRequest, fresh bool) (*listPage[T], error) {
	query := make(url.Values, len(l.query)+2)
	for k, v := range l.query {
		query[k] = v
	}
	query.Set("offset", strconv.FormatInt(req.offset, 10))
	query.Set("limit", strconv.Itoa(req.limit))
	var p *page
	var err error
	if fresh {
		p, err = getFreshJSON(ctx, c, l.path, query, pageRequired)
	} else {
		p, err = getJSON(ctx, c, l.path, query, pageRequired)
	}
	if err != nil {
		return nil, err
	}
	items, err := decodeItems(p.Items, l.required)
	if err != nil {
		return nil, err
	}
	return &listPage[T]{page: p, items: items}, nil
}

// getFreshJSON is getJSON without sharing: always a request of its own.
func getFreshJSON[T any](ctx context.Context, c *Client, path []segment, query url.Values, required func(*T) []requiredField) (*T, error) {
	target, err := c.endpointURL(path, query)
	if err != nil {
		return nil, err
	}
	return fetchJSON(ctx, c, target, required)
}

// decodeItems decodes a page's items, each a JSON object with its required
// fields; errors name the item, as in items[3].campaign_id.
func decodeItems[T any](raw json.RawMessage, required func(*T) []requiredField) ([]T, error) {
	if raw[0] != '[' {
		return nil, &DecodeError{StatusCode: http.StatusOK, Path: "items", Reason: fmt.Sprintf("want a list, got %s", describeJSON(raw))}
	}
	if items, ok := decodeWellFormedItems(raw, required); ok {
		return items, nil
	}
	return decodeItemsOneByOne(raw, required)
}

// decodeItemsOneByOne decodes each item on its own, so that an error names
// the item and what is wrong with it.
func decodeItemsOneByOne[T any](raw json.RawMessage, required func(*T) []requiredField) ([]T, error) {
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

// decodeWellFormedItems decodes the items in one pass, without copying each
// one out first, when every item is an object that passes decodeObject's
// checks; on anything else it reports false and decodeItems, item by item,
// says what is wrong and where. A null item decodes to a zero T here, which
// lacks its required id and so falls back too.
func decodeWellFormedItems[T any](raw json.RawMessage, required func(*T) []requiredField) ([]T, bool) {
	if !utf8.Valid(raw) {
		return nil, false
	}
	var items []T
	if json.Unmarshal(raw, &items) != nil {
		return nil, false
	}
	for i := range items {
		for _, req := range required(&items[i]) {
			if !req.present {
				return nil, false
			}
		}
		if a, ok := any(&items[i]).(afterDecoder); ok {
			if _, reason := a.afterDecode(); reason != "" {
				return nil, false
			}
		}
	}
	return items, true
}
