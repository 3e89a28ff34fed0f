package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxTimedOutAttempts bounds the attempts that may time out in one read: a
// timed-out attempt is retried once, and a second timeout ends the read, as
// an API that has let two attempts run out is not answering. With the
// defaults a read against such an API fails after about 61 s (two attempts
// of 30 s and one backoff) instead of max_retries + 1 attempts of 30 s each.
// 429, 5xx and failed connections still get max_retries retries.
const maxTimedOutAttempts = 2

// get sends a GET with retries and returns the final status and body. A
// final status outside 2xx is returned as an *APIError.
func (c *Client) get(ctx context.Context, target string) (int, []byte, error) {
	start := time.Now()
	attempts, timeouts := 0, 0
	// waited is the time spent waiting between attempts that were answered.
	var waited time.Duration
	p := paceOf(ctx)
	if d := p.remaining(c.now()); d > 0 {
		if err := c.sleep(ctx, d); err != nil {
			return 0, nil, fmt.Errorf("request to %s cancelled while waiting, as the API asked with Retry-After on another page of the list: %w", c.host, err)
		}
	}
	for {
		attempts++
		status, header, body, err := c.attempt(ctx, target)
		if err != nil {
			if ctx.Err() != nil {
				return 0, nil, fmt.Errorf("request to %s cancelled: %w", c.host, ctx.Err())
			}
			var tErr *TransportError
			if !errors.As(err, &tErr) {
				return 0, nil, err
			}
			if tErr.Timeout {
				timeouts++
			}
			if !tErr.Retryable() || attempts > c.cfg.MaxRetries || timeouts >= maxTimedOutAttempts {
				tErr.Attempts, tErr.TimedOut, tErr.Elapsed = attempts, timeouts, time.Since(start)
				return 0, nil, tErr
			}
			wait := c.retryWait(p, attempts, nil)
			waited += wait
			if err := c.sleep(ctx, wait); err != nil {
				return 0, nil, fmt.Errorf("request to %s cancelled while waiting to retry: %w", c.host, err)
			}
			continue
		}
		if status >= 200 && status < 300 {
			// Another success than 200 (a 204 with no body, say) is
			// decoded like one, so that it fails as the answer it is.
			return status, body, nil
		}
		if !retryableStatus(status) || attempts > c.cfg.MaxRetries {
			apiErr := c.apiError(status, header, body, attempts)
			apiErr.Waited = waited
			return status, nil, apiErr
		}
		wait := c.retryWait(p, attempts, header)
		waited += wait
		if err := c.sleep(ctx, wait); err != nil {
			return 0, nil, fmt.Errorf("request to %s cancelled while waiting to retry after HTTP %d: %w", c.host, status, err)
		}
	}
}

// apiError describes a final status other than 200. A redirect's body is
// left out, as it usually repeats the Location, whose path and query may
// carry anything; only the host it points to is kept.
func (c *Client) apiError(status int, header http.Header, body []byte, attempts int) *APIError {
	if isRedirect(status) {
		// The host is the server's word like any message: a Location may
		// put the key in it.
		return &APIError{StatusCode: status, Attempts: attempts, RedirectHost: c.redact(redirectHost(header.Get("Location"), c.host))}
	}
	shaped, code, params := errorFacts(body)
	return &APIError{StatusCode: status, Message: c.apiMessage(body), Attempts: attempts, Shaped: shaped, Code: redactKey(code, c.cfg.APIKey), QueryParams: params, Origin: bodyOrigin(body)}
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirectHost is the host a Location header points to: self for a
// relative one, "" for none, and a placeholder for one that does not parse.
func redirectHost(location, self string) string {
	if location == "" {
		return ""
	}
	u, err := url.Parse(location)
	switch {
	case err != nil:
		return "a location that does not parse"
	case u.Host == "":
		return self
	default:
		return clean(u.Host)
	}
}

// attempt sends one request. Its deadline covers the body too, so a server
// that stalls mid-body times out like one that never answers.
func (c *Client) attempt(ctx context.Context, target string) (int, http.Header, []byte, error) {
	actx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, target, nil)
	if err != nil {
		return 0, nil, nil, &RequestError{Host: c.host, Err: unwrapURLError(err)}
	}
	req.Header.Set("X-API-Key", c.cfg.APIKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	// net/http refuses these itself, but with an error that reads like a
	// failed connection; checked here, they are reported as what they are.
	for name, values := range req.Header {
		for _, v := range values {
			if err := checkHeaderValue(name, v); err != nil {
				return 0, nil, nil, &RequestError{Host: c.host, Err: err}
			}
		}
	}
	resp, err := c.transport.RoundTrip(req)
	if err != nil {
		return 0, nil, nil, c.transportError(actx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBodyBytes+1))
	if err != nil {
		return 0, nil, nil, c.transportError(actx, fmt.Errorf("reading the HTTP %d response body: %w", resp.StatusCode, err))
	}
	if int64(len(body)) > c.cfg.MaxBodyBytes {
		// Typed as a decode error: the answer cannot be used, and a retry
		// would only fetch the same oversized body again.
		return 0, nil, nil, &DecodeError{StatusCode: resp.StatusCode, Reason: fmt.Sprintf("the body from %s is larger than the %d byte limit", c.host, c.cfg.MaxBodyBytes)}
	}
	return resp.StatusCode, resp.Header, body, nil
}

// checkHeaderValue applies net/http's rule for a header value: no control
// character but the tab. The value is never repeated: it may be the key.
func checkHeaderValue(name, v string) error {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < 0x20 && b != '\t') || b == 0x7f {
			if b == '\n' || b == '\r' {
				return fmt.Errorf("the %s header value contains a line break", name)
			}
			return fmt.Errorf("the %s header value contains a control character (byte 0x%02x)", name, b)
		}
	}
	return nil
}

func (c *Client) transportError(actx context.Context, err error) *TransportError {
	timeout := errors.Is(actx.Err(), context.DeadlineExceeded)
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		timeout = true
	}
	// An https request answered in plain HTTP, said plainly, as
	// http.Client says it.
	var recordErr tls.RecordHeaderError
	if errors.As(err, &recordErr) && string(recordErr.RecordHeader[:]) == "HTTP/" {
		err = http.ErrSchemeMismatch
	}
	return &TransportError{Host: c.host, Timeout: timeout, RequestTimeout: c.cfg.RequestTimeout, Err: unwrapURLError(err)}
}

// unwrapURLError drops *url.Error's "Get <url>:" or "parse <url>:" prefix:
// the URL carries user input and the host is already named.
func unwrapURLError(err error) error {
	if uErr, ok := err.(*url.Error); ok {
		return uErr.Err
	}
	return err
}

// Retryable reports whether a request that failed this way is retried, up
// to max_retries times (a timeout only once): false for a failure that
// asking again cannot change, such as a host name that does not exist or a
// certificate that does not verify.
func (e *TransportError) Retryable() bool {
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recordErr tls.RecordHeaderError
	var dnsErr *net.DNSError
	switch {
	case errors.As(e.Err, &dnsErr) && dnsErr.IsNotFound:
		// The name does not exist; asking again will not create it.
		return false
	case errors.As(e.Err, &certErr), errors.As(e.Err, &unknownAuth), errors.As(e.Err, &hostErr), errors.As(e.Err, &recordErr):
		return false
	case isTLSAlert(e.Err):
		// The server refused the handshake (no common protocol version or
		// cipher suite): its configuration, not a passing fault.
		return false
	case errors.Is(e.Err, http.ErrSchemeMismatch):
		// net/http reports an https request answered in plain HTTP with this
		// instead of the RecordHeaderError above.
		return false
	}
	return true
}

// isTLSAlert reports a TLS alert sent by the server, which crypto/tls
// returns as a *net.OpError with Op "remote error".
func isTLSAlert(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "remote error"
}

// retryableStatus is 429 and every 5xx but 501, which will not change.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || (status >= 500 && status <= 599 && status != http.StatusNotImplemented)
}

// retryWait is how long to wait before the next attempt: the backoff, or
// longer when another page of the same list was asked to wait longer. A
// Retry-After holds back every page of the list, not only this one.
func (c *Client) retryWait(p *pace, attempt int, header http.Header) time.Duration {
	d := c.backoff(attempt, header)
	now := c.now()
	if _, ok := retryAfter(header, now); ok {
		p.holdUntil(now.Add(d))
	}
	return max(d, p.remaining(now))
}

// backoff is how long to wait before the next attempt: the server's
// Retry-After when it gave one (capped at MaxRetryWait), else an exponential
// backoff with equal jitter.
func (c *Client) backoff(attempt int, header http.Header) time.Duration {
	if d, ok := retryAfter(header, c.now()); ok {
		return min(d, c.cfg.MaxRetryWait)
	}
	d := c.cfg.Backoff
	for i := 1; i < attempt && d < c.cfg.MaxBackoff; i++ {
		d *= 2
	}
	return c.jitter(min(d, c.cfg.MaxBackoff))
}

// retryAfter parses Retry-After as seconds or an HTTP date.
func retryAfter(header http.Header, now time.Time) (time.Duration, bool) {
	v := header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if errors.Is(err, strconv.ErrRange) && v[0] != '-' {
		// Too many digits for an int64 is still a long wait, not no wait.
		secs, err = math.MaxInt64, nil
	}
	if err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// equalJitter picks a wait uniformly between half of d and d, so that clients
// retrying together spread out without any waiting almost nothing.
func equalJitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half)
}
