package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// sharedReads makes identical reads through one Client share one request.
// A read is identified by its full URL, query included, and the type it
// decodes to. While a request is in flight, identical reads wait for it;
// once it has succeeded, later ones get its result without a request. So
// within one provider process (one plan, one apply) every read of a
// campaign sees the same snapshot, and 200 data sources over 20 campaigns
// send 20 requests.
//
// Only successes are kept. A read that fails is forgotten as soon as it
// returns: the reads that were already waiting for it get its error, and
// the next one sends a new request. Results are shared, not copied, so
// nothing may change a value a read returns.
type sharedReads struct {
	mu    sync.Mutex
	calls map[string]*sharedCall
}

type sharedCall struct {
	done chan struct{}
	val  any
	err  error
	// abandoned is set when the caller that sent the request gave up (its
	// context ended) before it finished: its error then says nothing about
	// the API, so a waiter that still wants the answer asks again.
	abandoned bool
}

// do returns the result of fetch for key, calling it only when no call for
// key has succeeded and none is in flight. fetch runs with the context of
// the caller that found no call, and a waiter stops waiting when its own
// context ends.
func (s *sharedReads) do(ctx context.Context, host, key string, fetch func(context.Context) (any, error)) (any, error) {
	for {
		s.mu.Lock()
		c, ok := s.calls[key]
		if !ok {
			c = &sharedCall{done: make(chan struct{})}
			if s.calls == nil {
				s.calls = map[string]*sharedCall{}
			}
			s.calls[key] = c
			s.mu.Unlock()
			s.run(ctx, key, c, fetch)
			return c.val, c.err
		}
		s.mu.Unlock()
		select {
		case <-c.done:
		case <-ctx.Done():
			return nil, fmt.Errorf("request to %s cancelled: %w", host, ctx.Err())
		}
		if c.err == nil {
			return c.val, nil
		}
		if c.abandoned && ctx.Err() == nil {
			continue
		}
		return nil, c.err
	}
}

// run calls fetch and publishes its outcome. A failure, or a panic, removes
// the call, so that no error is ever reused and no waiter waits for ever.
func (s *sharedReads) run(ctx context.Context, key string, c *sharedCall, fetch func(context.Context) (any, error)) {
	finished := false
	defer func() {
		if !finished {
			c.err = errors.New("an identical read this one waited for stopped without an answer")
			c.abandoned = true
		}
		if c.err != nil {
			s.mu.Lock()
			delete(s.calls, key)
			s.mu.Unlock()
		}
		close(c.done)
	}()
	c.val, c.err = fetch(ctx)
	c.abandoned = c.err != nil && ctx.Err() != nil
	finished = true
}
