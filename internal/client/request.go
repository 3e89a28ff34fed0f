package client

import (
	"context"
	"net/url"
	"reflect"
	"strings"
)

// segment is one path segment of an endpoint: a fixed word, or an id that is
// checked with CheckID under its field name and escaped as one segment.
type segment struct {
	field string
	value string
}

// scoped is the path of an endpoint inside a workspace:
// v1/orgs/{org}/workspaces/{ws} followed by rest.
func scoped(org, workspace string, rest ...segment) []segment {
	return append([]segment{
		{value: "v1"}, {value: "orgs"}, {field: "org_id", value: org},
		{value: "workspaces"}, {field: "workspace_id", value: workspace},
	}, rest...)
}

func word(w string) segment      { return segment{value: w} }
func id(field, v string) segment { return segment{field: field, value: v} }

// endpointURL builds the URL of path under the base URL, each id escaped as
// one segment, with query appended. The first id CheckID refuses is the
// error; nothing is sent.
func (c *Client) endpointURL(path []segment, query url.Values) (string, error) {
	var escaped strings.Builder
	escaped.WriteString(c.base.EscapedPath())
	for _, s := range path {
		if s.field != "" {
			if err := CheckID(s.field, s.value); err != nil {
				return "", err
			}
		}
		escaped.WriteByte('/')
		escaped.WriteString(url.PathEscape(s.value))
	}
	u := *c.base
	u.RawPath = escaped.String()
	u.Path, _ = url.PathUnescape(u.RawPath)
	u.RawQuery = query.Encode()
	return u.String(), nil
}

// getJSON is the one read path of every endpoint: build the URL, then share
// the request with identical reads (share.go), or GET it with retries and
// decode the 200 body as a JSON object with its required fields.
func getJSON[T any](ctx context.Context, c *Client, path []segment, query url.Values, required func(*T) []requiredField) (*T, error) {
	target, err := c.endpointURL(path, query)
	if err != nil {
		return nil, err
	}
	key := reflect.TypeFor[T]().String() + " " + target
	v, err := c.shared.do(ctx, c.host, key, func(ctx context.Context) (any, error) {
		return fetchJSON(ctx, c, target, required)
	})
	if err != nil {
		return nil, err
	}
	// The key holds the type, so a value found under it is a *T.
	t, _ := v.(*T)
	return t, nil
}

// fetchJSON GETs target with retries and decodes the 200 body.
func fetchJSON[T any](ctx context.Context, c *Client, target string, required func(*T) []requiredField) (*T, error) {
	// Redacted here, inside the shared read, before any other read gets
	// the error.
	status, body, err := c.get(ctx, target)
	if err != nil {
		return nil, c.redactErr(err)
	}
	v, err := decodeObject(status, body, "", required)
	return v, c.redactErr(err)
}
