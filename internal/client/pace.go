package client

import (
	"context"
	"sync"
	"time"
)

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
