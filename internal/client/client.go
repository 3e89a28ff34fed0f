package client

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Defaults for a Config field left at its zero value.
const (
	DefaultBaseURL        = "https://apps.sarvam.ai/api/scheduling"
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 30 * time.Second
	// DefaultMaxBodyBytes caps a response body; a campaign with ten thousand
	// phone numbers is well under 1 MiB.
	DefaultMaxBodyBytes = 8 << 20
	// DefaultMaxRetryWait caps a server's Retry-After: an API asking for an hour
	// would otherwise hold a plan for an hour.
	DefaultMaxRetryWait = 60 * time.Second
	// DefaultBackoff is the first retry wait without Retry-After; it doubles
	// each attempt up to DefaultMaxBackoff, with jitter.
	DefaultBackoff    = 1 * time.Second
	DefaultMaxBackoff = 30 * time.Second
)

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	// White space around a key is never part of it; a key read from a file
	// usually ends with a newline.
	key := strings.TrimSpace(cfg.APIKey)
	if key == "" && cfg.APIKey != "" {
		return nil, errors.New("the API key is only white space")
	}
	if err := CheckAPIKey(key); err != nil {
		return nil, err
	}
	cfg.APIKey = key
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must be 0 or more, got %d", cfg.MaxRetries)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = DefaultMaxRetryWait
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-sarvam"
	}
	transport := cfg.Transport
	if transport == nil {
		transport = NewTransport()
	}
	if cfg.Logger != nil {
		transport = &loggingTransport{next: transport, log: cfg.Logger}
	}
	return &Client{
		base:      base,
		host:      base.Host,
		cfg:       cfg,
		transport: transport,
		sleep:     sleepContext,
		jitter:    equalJitter,
		now:       time.Now,
	}, nil
}

// ErrBaseURLCredentials is ParseBaseURL's error for a URL with a user name or
// password; it repeats neither.
var ErrBaseURLCredentials = errors.New("base_url must not contain a user name or password; the API key is the only credential")

// ParseBaseURL checks a base URL: https, or plain http only to a loopback
// host, with a host and no credentials, query or fragment, and a path that
// stops before the /v1/orgs/… every endpoint adds. Its errors never
// repeat the URL, which could hold a password.
func ParseBaseURL(raw string) (*url.URL, error) {
	if err := schemeless(strings.TrimSpace(raw)); err != nil {
		return nil, err
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("base_url is not a valid URL")
	}
	if u.User != nil {
		return nil, ErrBaseURLCredentials
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://%s", u.Host)
		}
	case "":
		return nil, errors.New("base_url must be an absolute https:// URL")
	default:
		return nil, fmt.Errorf("base_url must use https, not %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, errors.New("base_url has no host")
	}
	// One spelling of the host from here on, for the loopback rule above,
	// the proxy rule and the requests alike.
	if host, port := NormalizeHost(u.Hostname()), u.Port(); strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
		if port != "" {
			u.Host += ":" + port
		}
	} else if port != "" {
		u.Host = host + ":" + port
	} else {
		u.Host = host
	}
	if u.RawQuery != "" || u.ForceQuery {
		return nil, errors.New("base_url must not have a query string")
	}
	if u.Fragment != "" {
		return nil, errors.New("base_url must not have a fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if p := strings.ToLower(u.Path); strings.HasSuffix(p, "/v1") || strings.Contains(p+"/", "/v1/orgs/") {
		return nil, errors.New("base_url must stop before /v1: the provider appends /v1/orgs/{org_id}/workspaces/{workspace_id}/… itself, so base_url is the part before it, such as " + DefaultBaseURL)
	}
	return u, nil
}

// hostFirst is a URL written without its scheme: a host (a name, an IPv4
// address or a bracketed IPv6 one), an optional port and a path.
var hostFirst = regexp.MustCompile(`^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]+)?(/[^?#@\s]*)?$`)

// schemeless refuses a base_url written without its scheme, such as
// localhost:8787/api/scheduling, quoting it and saying what to write: the
// value holds no credential, since one with "@" never matches.
func schemeless(raw string) error {
	m := hostFirst.FindStringSubmatch(raw)
	if m == nil {
		return nil
	}
	if IsLoopback(strings.Trim(m[1], "[]")) {
		return fmt.Errorf("base_url %q has no scheme: write http://%s (plain http is allowed to a loopback host), or https://%s", raw, raw, raw)
	}
	return fmt.Errorf("base_url %q has no scheme: write https://%s", raw, raw)
}

// CheckAPIKey refuses a key that cannot be sent as an HTTP header value as it
// is: empty, or holding a control character (a line break, a tab) or a
// character that is not ASCII, which no API key has. Its errors never repeat
// the key. It does not trim: white space around the key is refused too.
func CheckAPIKey(key string) error {
	if key == "" {
		return errors.New("no API key given")
	}
	for i := 0; i < len(key); i++ {
		switch b := key[i]; {
		case b == '\n' || b == '\r':
			return errors.New("the API key contains a line break, which cannot be sent in an HTTP header; a key read from a file often ends with one")
		case b < 0x20 || b == 0x7f:
			return fmt.Errorf("the API key contains a control character (byte 0x%02x), which cannot be sent in an HTTP header", b)
		case b >= 0x80:
			return errors.New("the API key contains a character that is not ASCII, which no API key has; was it copied with typographic quotes or a non-breaking space?")
		}
	}
	return nil
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
