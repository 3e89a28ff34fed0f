package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// rawAPI GETs the API's JSON as it is, for what the client decodes away:
// which fields a body carries, and what the API answers to a question it
// may refuse. It only ever sends GET, one request per call, no retries.
type rawAPI struct {
	base           *url.URL
	key            string
	org, workspace string
	http           *http.Client
	// servedByFake is set once an answer carries the fake API's Server
	// header.
	servedByFake bool
}

func newRawAPI(baseURL, key, org, workspace string) (*rawAPI, error) {
	base, err := client.ParseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	return &rawAPI{base: base, key: key, org: org, workspace: workspace, http: &http.Client{
		Transport: client.NewTransport(),
		Timeout:   30 * time.Second,
		// The key must not follow a redirect to another host.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}, nil
}

// rawAnswer is one response: its status and, when the body is JSON, the
// decoded body.
type rawAnswer struct {
	status int
	body   any
	// raw is the body as sent, and server the Server header.
	raw    []byte
	server string
}

// object is the body as a JSON object, nil if it is not one.
func (a rawAnswer) object() map[string]any {
	m, _ := a.body.(map[string]any)
	return m
}

// items is a list body's items, nil if it has none.
func (a rawAnswer) items() []map[string]any {
	return items(a.object(), "items")
}

// get reads rest (path segments below the workspace, each escaped) with
// query, in the workspace given or the target's own when it is "".
func (r *rawAPI) get(ctx context.Context, workspace string, query url.Values, rest ...string) (rawAnswer, error) {
	if workspace == "" {
		workspace = r.workspace
	}
	p := r.base.EscapedPath() + "/v1/orgs/" + url.PathEscape(r.org) + "/workspaces/" + url.PathEscape(workspace)
	for _, s := range rest {
		p += "/" + url.PathEscape(s)
	}
	u := *r.base
	u.RawPath = p
	u.Path, _ = url.PathUnescape(p)
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return rawAnswer{}, err
	}
	req.Header.Set("X-API-Key", r.key)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "terraform-provider-sarvam/acceptance")
	resp, err := r.http.Do(req)
	if err != nil {
		return rawAnswer{}, fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, client.DefaultMaxBodyBytes))
	if err != nil {
		return rawAnswer{}, fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	a := rawAnswer{status: resp.StatusCode, raw: body, server: resp.Header.Get("Server")}
	if a.server == fakeapi.ServerHeader {
		r.servedByFake = true
	}
	_ = json.Unmarshal(body, &a.body) // a body that is not JSON stays nil
	return a, nil
}

// list reads one page of campaigns with the query given.
func (r *rawAPI) campaigns(ctx context.Context, query url.Values) (rawAnswer, error) {
	return r.get(ctx, "", query, "campaigns")
}

// q builds a query from pairs.
func q(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Set(pairs[i], pairs[i+1])
	}
	return v
}
