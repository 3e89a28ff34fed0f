package client

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Config configures a Client. Only APIKey is required.
type Config struct {
	BaseURL        string
	APIKey         string
	MaxRetries     int
	RequestTimeout time.Duration
	UserAgent      string
	MaxBodyBytes   int64
	MaxRetryWait   time.Duration
	Backoff        time.Duration
	MaxBackoff     time.Duration
	// Logger receives request and response logs with the key redacted. Nil
	// logs nothing.
	Logger Logger
	// Transport overrides the HTTP transport (tests); nil uses a pooled
	// transport that honours HTTPS_PROXY and NO_PROXY and requires TLS 1.2.
	Transport http.RoundTripper
}

// Logger receives the client's request logs. Fields never hold the API key:
// the logging transport redacts it before they are built.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// LevelLogger is a Logger that knows which levels reach its output. The
// logging transport then builds no entry that would be dropped, and, with
// trace off, does not hold back the start of each body for the log.
type LevelLogger interface {
	Logger
	DebugEnabled() bool
	TraceEnabled() bool
}

// Client reads from the Sarvam scheduling API. It is safe for concurrent use
// and keeps one connection pool for all reads. Identical reads share one
// request and one result (share.go), so nothing may change a value it
// returns.
type Client struct {
	base *url.URL
	host string
	cfg  Config
	// transport sends each attempt directly, without an http.Client: a
	// redirect could carry the key to another host, so none is followed,
	// and http.Client would read a redirect's Location (and fail on one
	// that does not parse, quoting it whole) even when told not to follow
	// it. Each attempt has its own deadline, covering the body too.
	transport http.RoundTripper
	sleep     func(context.Context, time.Duration) error
	jitter    func(time.Duration) time.Duration
	// now is the clock a Retry-After date is measured against.
	now func() time.Time
	// shared lets identical reads share one request (share.go).
	shared sharedReads
}
