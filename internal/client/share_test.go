package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// heldServer serves the fake API, holding each request until release is
// closed; held counts the requests that have arrived.
type heldServer struct {
	fake    *fakeapi.Server
	srv     *httptest.Server
	release chan struct{}
	arrived chan struct{}
}

func newHeldServer(t *testing.T) *heldServer {
	t.Helper()
	h := &heldServer{fake: fakeapi.New(testKey), release: make(chan struct{}), arrived: make(chan struct{}, 100)}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.arrived <- struct{}{}
		select {
		case <-h.release:
		case <-r.Context().Done():
			return
		}
		h.fake.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		h.srv.CloseClientConnections()
		h.srv.Close()
	})
	return h
}

// waitForWaiters blocks until n reads wait in sharedReads.do for a read in
// flight: goroutines parked in its select, as a dump of every goroutine
// shows them. No other test runs meanwhile, as these tests are not
// parallel.
func waitForWaiters(t *testing.T, n int) {
	t.Helper()
	withTimeout(t, func() {
		buf := make([]byte, 1<<20)
		for {
			for {
				m := runtime.Stack(buf, true)
				if m < len(buf) {
					buf = buf[:m]
					break
				}
				buf = make([]byte, 2*len(buf))
			}
			got := 0
			for _, g := range strings.Split(string(buf), "\n\n") {
				header, frames, _ := strings.Cut(g, "\n")
				if strings.Contains(header, "[select") && strings.HasPrefix(frames, "github.com/sarvamai/terraform-provider-sarvam/internal/client.(*sharedReads).do(") {
					got++
				}
			}
			if got >= n {
				return
			}
			buf = buf[:cap(buf)]
			time.Sleep(time.Millisecond)
		}
	})
}

func TestSharedConcurrentReadsSendOneRequest(t *testing.T) {
	h := newHeldServer(t)
	c, err := New(fastConfig(h.srv.URL + fakeapi.BasePath))
	if err != nil {
		t.Fatal(err)
	}
	const n = 20
	results := make([]*Campaign, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
		}()
	}
	waitForWaiters(t, n-1)
	close(h.release)
	withTimeout(t, wg.Wait)
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("read %d: %v", i, errs[i])
		}
		if d := diffCampaign(results[i], loanRemindersWant); d != "" {
			t.Fatalf("read %d: %s", i, d)
		}
	}
	if got := len(h.fake.Requests()); got != 1 {
		t.Fatalf("%d concurrent identical reads sent %d requests, want 1", n, got)
	}

	// Later reads reuse the result: the same snapshot, no request.
	again, err := c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	if err != nil {
		t.Fatal(err)
	}
	if again != results[0] {
		t.Fatal("a later read did not get the shared result")
	}
	if got := len(h.fake.Requests()); got != 1 {
		t.Fatalf("a later identical read sent a request: %d in all, want 1", got)
	}
}

func TestSharedErrorNotReused(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetries = 0 })
	h.fake.Inject(fakeapi.Fault{Status: 503, Body: `{"detail":"overloaded"}`})
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 503 Service Unavailable: overloaded")
	// The next read asks again and gets the campaign.
	got, err := h.get(fakeapi.LoanRemindersID)
	if err != nil {
		t.Fatalf("the read after a failure: %v", err)
	}
	if d := diffCampaign(got, loanRemindersWant); d != "" {
		t.Fatal(d)
	}
	h.requireRequests(t, 2)

	// A not-found is an error too: each read asks.
	for range 2 {
		if _, err := h.get("missing"); !IsNotFound(err) {
			t.Fatalf("read of a missing campaign: %v", err)
		}
	}
	h.requireRequests(t, 4)
}

// Reads waiting for a request that fails get its error; none is kept.
func TestSharedFailureReachesWaiters(t *testing.T) {
	h := newHeldServer(t)
	cfg := fastConfig(h.srv.URL + fakeapi.BasePath)
	cfg.MaxRetries = 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.fake.Inject(fakeapi.Fault{Status: 500, Body: `{"detail":"boom"}`})
	const n = 5
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.PolicyRenewalID)
		}()
	}
	waitForWaiters(t, n-1)
	close(h.release)
	withTimeout(t, wg.Wait)
	for _, err := range errs {
		requireErrorText(t, err, "the API answered HTTP 500 Internal Server Error: boom")
	}
	if got := len(h.fake.Requests()); got != 1 {
		t.Fatalf("%d requests, want 1", got)
	}
	if _, err := c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.PolicyRenewalID); err != nil {
		t.Fatalf("the read after the failure: %v", err)
	}
	if got := len(h.fake.Requests()); got != 2 {
		t.Fatalf("%d requests, want 2: the error was reused", got)
	}
}

func TestSharedOnlyIdenticalReads(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	body, _ := h.fake.Campaign(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	// This test is about which reads are shared: the key reads every
	// workspace.
	h.fake.SetModes(fakeapi.Modes{Foreign: fakeapi.ForeignOpen})
	h.fake.Put("org-other", fakeapi.WorkspaceID, fakeapi.LoanRemindersID, body)
	h.fake.Put(fakeapi.OrgID, "ws-other", fakeapi.LoanRemindersID, body)
	reads := []func() error{
		func() error { _, err := h.get(fakeapi.LoanRemindersID); return err },
		func() error { _, err := h.get(fakeapi.PolicyRenewalID); return err },
		func() error {
			_, err := h.c.GetCampaign(ctx, "org-other", fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
			return err
		},
		func() error {
			_, err := h.c.GetCampaign(ctx, fakeapi.OrgID, "ws-other", fakeapi.LoanRemindersID)
			return err
		},
		func() error {
			_, err := h.c.ListCohorts(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID, ListQuery{})
			return err
		},
		func() error {
			_, err := h.c.ListCampaigns(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, ListQuery{Search: "Renewals"})
			return err
		},
		func() error {
			_, err := h.c.ListCampaigns(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, ListQuery{Search: "Renewals Q3"})
			return err
		},
		func() error {
			_, err := h.c.ListCampaigns(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, ListQuery{Search: "Renewals", SortOrder: "asc"})
			return err
		},
	}
	for i, read := range reads {
		if err := read(); err != nil {
			t.Fatalf("read %d: %v", i, err)
		}
		h.requireRequests(t, i+1)
	}
	// Each again: all shared.
	for i, read := range reads {
		if err := read(); err != nil {
			t.Fatalf("read %d again: %v", i, err)
		}
	}
	h.requireRequests(t, len(reads))
}

// A read whose context ends stops waiting; the request goes on for the
// reads that still want it.
func TestSharedWaiterCancelled(t *testing.T) {
	h := newHeldServer(t)
	c, err := New(fastConfig(h.srv.URL + fakeapi.BasePath))
	if err != nil {
		t.Fatal(err)
	}
	var leaderErr error
	leaderDone := make(chan struct{})
	go func() {
		defer close(leaderDone)
		_, leaderErr = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LeadFollowupID)
	}()
	<-h.arrived
	ctx, cancel := context.WithCancel(context.Background())
	waiterDone := make(chan error)
	go func() {
		_, err := c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LeadFollowupID)
		waiterDone <- err
	}()
	waitForWaiters(t, 1)
	cancel()
	var err2 error
	withTimeout(t, func() { err2 = <-waiterDone })
	requireErrorText(t, err2, "request to "+c.host+" cancelled: context canceled")
	close(h.release)
	withTimeout(t, func() { <-leaderDone })
	if leaderErr != nil {
		t.Fatalf("the read that sent the request: %v", leaderErr)
	}
	if got := len(h.fake.Requests()); got != 1 {
		t.Fatalf("%d requests, want 1", got)
	}
}

// When the read that sent the request gives up, a read waiting for it sends
// its own instead of taking the cancellation.
func TestSharedLeaderCancelled(t *testing.T) {
	h := newHeldServer(t)
	c, err := New(fastConfig(h.srv.URL + fakeapi.BasePath))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	leaderDone := make(chan error)
	go func() {
		_, err := c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LeadFollowupID)
		leaderDone <- err
	}()
	<-h.arrived
	var got *Campaign
	waiterDone := make(chan error)
	go func() {
		var err error
		got, err = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LeadFollowupID)
		waiterDone <- err
	}()
	waitForWaiters(t, 1)
	cancel()
	var leaderErr error
	withTimeout(t, func() { leaderErr = <-leaderDone })
	if !errors.Is(leaderErr, context.Canceled) {
		t.Fatalf("the cancelled read: %v", leaderErr)
	}
	// The waiter's own request arrives; let it through.
	withTimeout(t, func() { <-h.arrived })
	close(h.release)
	var waiterErr error
	withTimeout(t, func() { waiterErr = <-waiterDone })
	if waiterErr != nil {
		t.Fatalf("the waiting read: %v", waiterErr)
	}
	if d := diffCampaign(got, leadFollowupWant); d != "" {
		t.Fatal(d)
	}
	if n := len(h.fake.Requests()); n != 1 {
		// The cancelled request never reached the fake behind the hold.
		t.Fatalf("the fake served %d requests, want 1", n)
	}
}

// A fetch that panics does not leave its waiters waiting for ever, and is
// not kept.
func TestSharedPanicReleasesWaiters(t *testing.T) {
	var s sharedReads
	started := make(chan struct{})
	release := make(chan struct{})
	panicked := make(chan any)
	go func() {
		defer func() { panicked <- recover() }()
		_, _ = s.do(context.Background(), "h", "k", func(context.Context) (any, error) {
			close(started)
			<-release
			panic("boom")
		})
	}()
	<-started
	waiterDone := make(chan error)
	calls := 0
	go func() {
		v, err := s.do(context.Background(), "h", "k", func(context.Context) (any, error) {
			calls++
			return "fresh", nil
		})
		if err == nil && v != "fresh" {
			err = errors.New("wrong value")
		}
		waiterDone <- err
	}()
	waitForWaiters(t, 1)
	close(release)
	withTimeout(t, func() {
		if r := <-panicked; r != "boom" {
			t.Errorf("recovered %v, want the panic to reach its own caller", r)
		}
		if err := <-waiterDone; err != nil {
			t.Errorf("the waiting read: %v", err)
		}
	})
	if calls != 1 {
		t.Fatalf("the waiting read fetched %d times, want 1", calls)
	}
}
