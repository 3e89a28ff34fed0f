package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// levels reports which of the logger's levels are on: both, unless it is a
// LevelLogger that says otherwise.
func levels(l Logger) (debug, trace bool) {
	if ll, ok := l.(LevelLogger); ok {
		return ll.DebugEnabled(), ll.TraceEnabled()
	}
	return true, true
}

// debug writes a debug entry of the client's own, not about one request, to
// its Logger when it has one with debug on.
func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Logger == nil {
		return
	}
	if on, _ := levels(c.cfg.Logger); on {
		c.cfg.Logger.Debug(ctx, msg, fields)
	}
}

// maxLoggedBody bounds how much of a response body reaches the trace log.
const maxLoggedBody = 16 << 10

// sensitiveHeaders are replaced by a placeholder in logs.
var sensitiveHeaders = map[string]bool{
	"X-Api-Key":     true,
	"Authorization": true,
	"Cookie":        true,
	"Set-Cookie":    true,
}

// loggingTransport logs each request and response: method, path, headers
// (credentials redacted) and status at debug level, the response body only
// at trace level.
type loggingTransport struct {
	next http.RoundTripper
	log  Logger
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	debug, trace := levels(t.log)
	if !debug && !trace {
		return t.next.RoundTrip(req)
	}
	ctx := req.Context()
	// A server may echo the key back anywhere, so its value is scrubbed from
	// every header and the body, not only from the headers named above.
	secret := req.Header.Get("X-Api-Key")
	if debug {
		t.log.Debug(ctx, "Sarvam API request", map[string]any{
			"http.method":  req.Method,
			"http.url":     req.URL.Redacted(),
			"http.headers": redactHeaders(req.Header, secret),
		})
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if debug {
		fields := map[string]any{
			"http.method":      req.Method,
			"http.url":         req.URL.Redacted(),
			"http.duration_ms": time.Since(start).Milliseconds(),
		}
		if err != nil {
			fields["error"] = unwrapURLError(err).Error()
			t.log.Debug(ctx, "Sarvam API request failed", fields)
		} else {
			fields["http.status_code"] = resp.StatusCode
			fields["http.headers"] = redactHeaders(resp.Header, secret)
			t.log.Debug(ctx, "Sarvam API response", fields)
		}
	}
	if err != nil {
		return nil, err
	}
	if trace {
		t.traceBody(ctx, resp, secret)
	}
	return resp, nil
}

// traceBody logs the start of the body and hands the caller an identical
// stream: what was read for the log is replayed before the rest.
func (t *loggingTransport) traceBody(ctx context.Context, resp *http.Response, secret string) {
	// Reading past the limit tells a body of exactly the limit from a longer
	// one, and lets a key that straddles the limit be redacted whole.
	head := make([]byte, maxLoggedBody+len(secret)+1)
	n, err := io.ReadFull(resp.Body, head)
	head = head[:n]
	logged := redactKey(string(head), secret)
	fields := map[string]any{"http.status_code": resp.StatusCode}
	if mayHoldBodySecrets(head) {
		// Only a body read to its end can be parsed.
		whole := err == io.EOF || err == io.ErrUnexpectedEOF
		scrubbed, ok := redactBodySecrets(head, !whole)
		if ok {
			logged = redactKey(scrubbed, secret)
		} else {
			logged = ""
			fields["http.body_omitted"] = "the body may hold webhook credentials (custom_headers, signing_secret) and could not be parsed to redact them"
		}
	}
	// Cut on a character boundary so the log stays valid UTF-8.
	body, truncated := text.Cut(logged, maxLoggedBody)
	fields["http.body"] = body
	if truncated {
		fields["http.body_truncated"] = true
	}
	t.log.Trace(ctx, "Sarvam API response body", fields)
	var rest io.Reader = resp.Body
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		rest = &errReader{err: err}
	}
	resp.Body = &replayBody{Reader: io.MultiReader(bytes.NewReader(head), rest), closer: resp.Body}
}

type replayBody struct {
	io.Reader
	closer io.Closer
}

func (b *replayBody) Close() error { return b.closer.Close() }

type errReader struct{ err error }

func (r *errReader) Read([]byte) (int, error) { return 0, r.err }

func redactHeaders(h http.Header, secret string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		if sensitiveHeaders[http.CanonicalHeaderKey(k)] {
			out[k] = redacted
			continue
		}
		if len(v) == 1 {
			out[k] = redactKey(v[0], secret)
		} else {
			out[k] = redactKey(fmt.Sprint(v), secret)
		}
	}
	return out
}
