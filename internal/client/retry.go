package client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
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

// pace is what the API has asked of one listing with Retry-After: no page
// of it is sent before until. It travels in the context because the wait
// happens in the retry loop, below the sharing of identical reads, which
// knows requests by URL only.
type pace struct {
	mu    sync.Mutex
	until time.Time
}

type paceKey struct{}

// withPace gives the reads made with the returned context one pace.
func withPace(ctx context.Context) context.Context {
	return context.WithValue(ctx, paceKey{}, &pace{})
}

// paceOf is the pace of ctx's listing, or nil for a read of its own.
func paceOf(ctx context.Context) *pace {
	p, _ := ctx.Value(paceKey{}).(*pace)
	return p
}

// holdUntil keeps every read of the listing from starting before t.
func (p *pace) holdUntil(t time.Time) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t.After(p.until) {
		p.until = t
	}
}

// remaining is how long a read must still wait at now.
func (p *pace) remaining(now time.Time) time.Duration {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return max(p.until.Sub(now), 0)
}
