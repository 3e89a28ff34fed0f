package fakeapi

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Fault is an injected response, served instead of the real one to the next
// request. Zero fields mean a plain response with that status and body.
type Fault struct {
	Status int
	Body   string
	Header map[string]string
	// Delay waits before answering (or until the client gives up).
	Delay time.Duration
	// Hang never answers: the handler waits until the client goes away.
	Hang bool
	// StallAfter writes the first StallAfter bytes of Body, then waits until
	// the client goes away.
	StallAfter int
	// Reset writes the first ResetAfter bytes of Body (with a Content-Length
	// for all of it), then closes the connection.
	Reset      bool
	ResetAfter int
}

// PathFault serves Fault instead of the API to requests for one path, every
// time or the first Times times, whatever the key: a campaign that answers
// 404, 429 with Retry-After, 500 or a hang.
type PathFault struct {
	// Path is below the workspace, as sent (an id holding "/" has it as
	// %2F), and matches that path in every workspace: "campaigns/MKN-1",
	// "campaigns/MKN-1/cohorts", "webhooks". A Path starting with
	// /api/scheduling/v1/orgs/ is the whole request path instead:
	// "/api/scheduling/v1/orgs/o/workspaces/w/campaigns". ParseFault and
	// faults.json also take "/campaigns/MKN-1" for "campaigns/MKN-1".
	Path string
	Fault
	// Times is how many requests it answers; 0 is every one.
	Times int
	// spec is how the request log names it: as it was added.
	spec string
}

// Request is what the server saw of one request. The key itself is not kept.
type Request struct {
	Method string
	// EscapedPath is the path exactly as sent, before any unescaping.
	EscapedPath string
	// RawQuery is the query string as sent.
	RawQuery   string
	UserAgent  string
	KeyPresent bool
	// KeyMatched is true for a key the server accepts, in any workspace.
	KeyMatched bool
}

// Stats counts what the server has seen.
type Stats struct {
	Requests int64 `json:"requests"`
	// Connections counts distinct client connections, told apart by their
	// remote address.
	Connections int64 `json:"connections"`
}

// Server is the fake API. The zero value is not usable; call New.
type Server struct {
	// RequestDelay holds every request this long before it is handled, and
	// ConnDelay holds the first request of each new connection this much
	// longer, as a TLS handshake would; both give up when the client does.
	// Set them before serving.
	RequestDelay time.Duration
	ConnDelay    time.Duration

	// keys maps each accepted key to its workspace.
	keys map[string]scope
	// home is where the constructor put the data.
	home    scope
	modes   Modes
	handler http.Handler
	// sleep waits for d or until ctx is done, reporting whether it waited
	// the whole time; tests replace it.
	sleep func(ctx context.Context, d time.Duration) bool

	mu     sync.Mutex
	items  store
	faults []Fault
	// pathFaults answer their paths; one used up has Times -1.
	pathFaults []*PathFault
	requests   []Request
	stats      Stats
	// conns are the remote addresses seen: one per client connection.
	conns map[string]bool
	// generated counts generated items, for their ids and timestamps.
	generated int
	listMode  ListMode
	// listServed counts list pages served since the last SetListMode.
	listServed int
	// heads are the items ListShift lists first, oldest first.
	heads map[*kind]map[scope][]string
	// reqLog, when set, takes a line per request to write.
	reqLog *requestLog
}

func (s *Server) put(k *kind, sc scope, id string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items.put(k, sc, id, body)
}

func (s *Server) body(k *kind, sc scope, id string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.items.get(k, sc, id)
	if !ok {
		return nil, false
	}
	return e.body, true
}
