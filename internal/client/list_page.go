package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"
)

// listEndpoint is what reading a whole list needs to know about one list
// endpoint.
type listEndpoint[T any] struct {
	// endpoint names the endpoint in a PaginationError.
	endpoint string
	path     []segment
	// query holds the filters of the List method's query; fetchPage adds
	// each page's offset and limit.
	query    url.Values
	key      func(*T) string
	required func(*T) []requiredField
}

// pageEnvelope is the envelope of every list response; limit and
// prev_page_uri are not read, as paging goes by offset, total and
// next_page_uri alone.
type pageEnvelope struct {
	Items  json.RawMessage `json:"items"`
	Total  *int64          `json:"total"`
	Offset *int64          `json:"offset"`
	// NextPageURI is raw so that null, "" (no next page) and an absent
	// field (the API says nothing) stay apart.
	NextPageURI json.RawMessage `json:"next_page_uri"`
}

func pageRequired(p *pageEnvelope) []requiredField {
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
	*pageEnvelope
	items []T
}

// fetchPage reads one page of l, with retries, and decodes it. A fresh page
// is asked of the API even when an identical read has kept its answer
// (share.go): that answer may be from before the list changed.
func fetchPage[T any](ctx context.Context, c *Client, l listEndpoint[T], req pageRequest, fresh bool) (*listPage[T], error) {
	query := make(url.Values, len(l.query)+2)
	for k, v := range l.query {
		query[k] = v
	}
	query.Set("offset", strconv.FormatInt(req.offset, 10))
	query.Set("limit", strconv.Itoa(req.limit))
	target, err := c.endpointURL(l.path, query)
	if err != nil {
		return nil, err
	}
	return readURL(ctx, c, target, fresh, func(status int, body []byte) (*listPage[T], error) {
		return decodePage(status, body, l.required)
	})
}

// decodePage decodes a page's envelope and items. A page of well-formed
// items is decoded in one pass; anything else is decoded again, envelope
// first and then item by item, so that the error says what is wrong where.
func decodePage[T any](status int, body []byte, required func(*T) []requiredField) (*listPage[T], error) {
	if p, ok := decodeWellFormedPage(body, required); ok {
		return p, nil
	}
	p, err := decodeObject(status, body, "", pageRequired)
	if err != nil {
		return nil, err
	}
	if p.Items[0] != '[' {
		return nil, &DecodeError{StatusCode: http.StatusOK, Path: "items", Reason: fmt.Sprintf("want a list, got %s", describeJSON(p.Items))}
	}
	items, err := decodeItems(p.Items, required)
	if err != nil {
		return nil, err
	}
	return &listPage[T]{pageEnvelope: p, items: items}, nil
}

// typedPage is a page's envelope with its items decoded with it. Items is
// a pointer so that a list ([] included) stays apart from null or absent.
type typedPage[T any] struct {
	Items       *[]T            `json:"items"`
	Total       *int64          `json:"total"`
	Offset      *int64          `json:"offset"`
	NextPageURI json.RawMessage `json:"next_page_uri"`
}

// decodeWellFormedPage decodes a page in one pass when its body is a JSON
// object in UTF-8 whose items are a list of objects that pass decodeObject's
// checks; on anything else it reports false.
func decodeWellFormedPage[T any](body []byte, required func(*T) []requiredField) (*listPage[T], bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' || !utf8.Valid(trimmed) {
		return nil, false
	}
	var tp typedPage[T]
	if json.Unmarshal(trimmed, &tp) != nil || tp.Items == nil || !wellFormed(*tp.Items, required) {
		return nil, false
	}
	return &listPage[T]{pageEnvelope: &pageEnvelope{Total: tp.Total, Offset: tp.Offset, NextPageURI: tp.NextPageURI}, items: *tp.Items}, true
}

// decodeItems decodes each item of a page on its own, each a JSON object
// with its required fields, so that an error names the item and what is
// wrong with it, as in items[3].campaign_id. It is the path of a page
// decodeWellFormedPage declined.
func decodeItems[T any](raw json.RawMessage, required func(*T) []requiredField) ([]T, error) {
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

// wellFormed reports whether every item has its required fields and passes
// its own checks.
func wellFormed[T any](items []T, required func(*T) []requiredField) bool {
	for i := range items {
		for _, req := range required(&items[i]) {
			if !req.present {
				return false
			}
		}
		if a, ok := any(&items[i]).(afterDecoder); ok {
			if _, reason := a.afterDecode(); reason != "" {
				return false
			}
		}
	}
	return true
}
