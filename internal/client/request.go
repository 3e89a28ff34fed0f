package client

import (
	"context"
	"fmt"
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

// getJSON is the one read path of every endpoint but a list's pages: build
// the URL, then read it with readURL, sharing the request with identical
// reads, and decode the 2xx body as a JSON object with its required fields.
func getJSON[T any](ctx context.Context, c *Client, path []segment, query url.Values, required func(*T) []requiredField) (*T, error) {
	target, err := c.endpointURL(path, query)
	if err != nil {
		return nil, err
	}
	return readURL(ctx, c, target, false, func(status int, body []byte) (*T, error) {
		return decodeObject(status, body, "", required)
	})
}

// readURL GETs target with retries and decodes the 2xx body with decode.
// The request and its result are shared with identical reads (share.go),
// unless fresh asks the API anew, as a list does for a page an identical
// read may have kept from before the list changed.
func readURL[T any](ctx context.Context, c *Client, target string, fresh bool, decode func(status int, body []byte) (*T, error)) (*T, error) {
	fetch := func(ctx context.Context) (any, error) {
		// Redacted here, inside the shared read, before any other read
		// gets the error.
		status, body, err := c.get(ctx, target)
		if err != nil {
			return nil, c.redactErr(err)
		}
		v, err := decode(status, body)
		return v, c.redactErr(err)
	}
	var v any
	var err error
	if fresh {
		v, err = fetch(ctx)
	} else {
		v, err = c.shared.do(ctx, c.host, reflect.TypeFor[T]().String()+" "+target, fetch)
	}
	if err != nil {
		return nil, err
	}
	// The key holds the type, so a value found under it is a *T.
	t, _ := v.(*T)
	return t, nil
}

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

// CheckID checks an identifier that becomes one path segment. Everything else
// is escaped, so only what escaping cannot make safe is refused.
func CheckID(name, id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%s must not be empty", name)
	case strings.TrimSpace(id) == "":
		return fmt.Errorf("%s must not be only white space", name)
	case strings.TrimSpace(id) != id:
		return fmt.Errorf("%s must not start or end with white space", name)
	case id == "." || id == "..":
		return fmt.Errorf("%s must not be %q", name, id)
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%s must not contain control characters", name)
		}
	}
	return nil
}
