package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// pagesInFlight bounds the pages of one listing read at once. Eight keeps a
// list of 5,000 items over a 50 ms link to about seven round trips after
// the first page, without asking more of the API than Terraform's own
// parallelism of ten does.
const pagesInFlight = 8

// prefetch reads planned pages ahead of the listing that adds them, at most
// pagesInFlight at a time, started in list order over the client's one
// connection pool. A page that fails cancels the pages after it, which can
// no longer be used; the pages before it go on, since the first error in
// list order is the one reported.
type prefetch[T any] struct {
	pages  []*fetched[T]
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu sync.Mutex
	// cut is the index of the first page not to read: the one after a
	// page that failed.
	cut int
}

// fetched is one planned page; done is closed once page or err is set.
type fetched[T any] struct {
	req    pageRequest
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	page   *listPage[T]
	err    error
}

// errNotRead is what a page that was never started holds; the listing
// stops at the failure that cut it before it could ask for it.
var errNotRead = errors.New("page not read: an earlier page failed")

func startPrefetch[T any](ctx context.Context, c *Client, l listEndpoint[T], plan []pageRequest, fresh bool) *prefetch[T] {
	ctx, cancel := context.WithCancel(ctx)
	pf := &prefetch[T]{cancel: cancel, cut: len(plan), pages: make([]*fetched[T], len(plan))}
	for i, req := range plan {
		fctx, fcancel := context.WithCancel(ctx)
		pf.pages[i] = &fetched[T]{req: req, ctx: fctx, cancel: fcancel, done: make(chan struct{})}
	}
	pf.wg.Add(1)
	go pf.dispatch(ctx, c, l, fresh)
	return pf
}

// dispatch starts each page in turn as a slot frees up.
func (pf *prefetch[T]) dispatch(ctx context.Context, c *Client, l listEndpoint[T], fresh bool) {
	defer pf.wg.Done()
	slots := make(chan struct{}, pagesInFlight)
	for i, f := range pf.pages {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil || pf.isCut(i) {
			pf.abandon(ctx, i, c.host)
			return
		}
		pf.wg.Add(1)
		go func() {
			defer pf.wg.Done()
			f.page, f.err = fetchPage(f.ctx, c, l, f.req, fresh)
			f.cancel()
			if f.err != nil {
				pf.cutAfter(i)
			}
			close(f.done)
			<-slots
		}()
	}
}

// abandon settles the pages from index i on, none of them started.
func (pf *prefetch[T]) abandon(ctx context.Context, i int, host string) {
	err := errNotRead
	if ctx.Err() != nil {
		err = fmt.Errorf("request to %s cancelled: %w", host, ctx.Err())
	}
	for _, f := range pf.pages[i:] {
		f.err = err
		f.cancel()
		close(f.done)
	}
}

func (pf *prefetch[T]) isCut(i int) bool {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	return i >= pf.cut
}

// cutAfter cancels every page after index i and starts none of them.
func (pf *prefetch[T]) cutAfter(i int) {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if i+1 >= pf.cut {
		return
	}
	pf.cut = i + 1
	for _, f := range pf.pages[i+1:] {
		f.cancel()
	}
}

// wait returns the i-th planned page once it has been read.
func (pf *prefetch[T]) wait(i int) (*listPage[T], error) {
	f := pf.pages[i]
	<-f.done
	return f.page, f.err
}

// stop cancels whatever is still being read and returns once nothing is, so
// no request of the listing outlives it.
func (pf *prefetch[T]) stop() {
	pf.cancel()
	pf.wg.Wait()
}
