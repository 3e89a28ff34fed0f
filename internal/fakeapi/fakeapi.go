// Package fakeapi is an in-memory Sarvam scheduling API for tests and the demo.
package fakeapi

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Seeded identifiers. Every seeded campaign lives in this org and workspace.
const (
	OrgID       = "org-acme-finance"
	WorkspaceID = "ws-collections"

	// SeedExampleID is the campaign whose body is the API reference's
	// response example, unchanged (its campaign_id is the literal "<string>").
	SeedExampleID = "<string>"
	// LoanRemindersID is fully populated: every field, every retry
	// condition, webhook metadata and phone rotation.
	LoanRemindersID = "MKN-Loan-Le-181e5d84-a3cc"
	// PolicyRenewalID leaves things out: null description and app_version,
	// no updated_by, retry_on, webhook_config or phone_rotation, a bare
	// integer retry_interval_minutes and timestamps without an offset.
	PolicyRenewalID = "RNW-Motor-Po-7c1f0a92-55de"
	// LeadFollowupID has Unicode text, fields the reference does not know,
	// an unknown status and day name, two of six retry conditions, empty
	// metadata and +05:30 timestamps.
	LeadFollowupID = "LEAD-Home-Lo-3b9e0c11-77af"
)

//go:embed campaigns/*.json
var seedFiles embed.FS

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

// Request is what the server saw of one request. The key itself is not kept.
type Request struct {
	Method string
	// EscapedPath is the path exactly as sent, before any unescaping.
	EscapedPath string
	UserAgent   string
	KeyPresent  bool
	KeyMatched  bool
}

// Server is the fake API. The zero value is not usable; call New.
type Server struct {
	apiKey string

	mu        sync.Mutex
	campaigns map[string]json.RawMessage
	faults    []Fault
	requests  []Request
}

// New returns a Server seeded with the bundled campaigns that accepts apiKey.
func New(apiKey string) *Server {
	s := &Server{apiKey: apiKey, campaigns: map[string]json.RawMessage{}}
	entries, err := seedFiles.ReadDir("campaigns")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		body, err := seedFiles.ReadFile("campaigns/" + e.Name())
		if err != nil {
			panic(err)
		}
		var head struct {
			CampaignID string `json:"campaign_id"`
		}
		if err := json.Unmarshal(body, &head); err != nil {
			panic(fmt.Sprintf("seed %s: %v", e.Name(), err))
		}
		s.campaigns[key(OrgID, WorkspaceID, head.CampaignID)] = body
	}
	return s
}

func key(org, ws, id string) string { return org + "\x00" + ws + "\x00" + id }

// Put stores (or replaces) a campaign body, served as is.
func (s *Server) Put(org, workspace, campaignID string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.campaigns[key(org, workspace, campaignID)] = append(json.RawMessage(nil), body...)
}

// Campaign returns a seeded or stored campaign body.
func (s *Server) Campaign(org, workspace, campaignID string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.campaigns[key(org, workspace, campaignID)]
	return b, ok
}

// Inject queues faults; each request takes the next one until none are left.
func (s *Server) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// Requests returns what the server has seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ServeHTTP implements the read endpoints of the scheduling API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-API-Key")
	s.mu.Lock()
	s.requests = append(s.requests, Request{
		Method:      r.Method,
		EscapedPath: r.URL.EscapedPath(),
		UserAgent:   r.UserAgent(),
		KeyPresent:  key != "",
		KeyMatched:  key == s.apiKey,
	})
	var fault *Fault
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		fault = &f
	}
	s.mu.Unlock()

	if fault != nil {
		serveFault(w, r, *fault)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed", "method_not_allowed", "")
		return
	}
	if key == "" {
		writeError(w, http.StatusUnauthorized, "Missing API key. Pass it in the X-API-Key header.", "authentication_error", "missing_api_key")
		return
	}
	if key != s.apiKey {
		writeError(w, http.StatusUnauthorized, "Invalid API key.", "authentication_error", "invalid_api_key")
		return
	}
	org, ws, id, ok := parseCampaignPath(r.URL.EscapedPath())
	if !ok {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"detail":"Not Found"}`))
		return
	}
	body, found := s.Campaign(org, ws, id)
	if !found {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Campaign %s not found", id), "not_found_error", "campaign_not_found")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// parseCampaignPath splits …/v1/orgs/{org}/workspaces/{ws}/campaigns/{id},
// unescaping each segment on its own so that an escaped "/" stays inside it.
func parseCampaignPath(escaped string) (org, ws, id string, ok bool) {
	i := strings.Index(escaped, "/v1/orgs/")
	if i < 0 {
		return "", "", "", false
	}
	parts := strings.Split(escaped[i+len("/v1/orgs/"):], "/")
	if len(parts) != 5 || parts[1] != "workspaces" || parts[3] != "campaigns" {
		return "", "", "", false
	}
	var segs [3]string
	for n, p := range []string{parts[0], parts[2], parts[4]} {
		v, err := url.PathUnescape(p)
		if err != nil || v == "" {
			return "", "", "", false
		}
		segs[n] = v
	}
	return segs[0], segs[1], segs[2], true
}

func writeError(w http.ResponseWriter, status int, message, typ, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]any{"error": map[string]any{"message": message, "type": typ, "code": code}}
	_ = json.NewEncoder(w).Encode(body)
}

func serveFault(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if f.Hang {
		<-r.Context().Done()
		return
	}
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	switch {
	case f.Reset:
		w.Header().Set("Content-Length", fmt.Sprint(len(f.Body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body[:min(f.ResetAfter, len(f.Body))]))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				if tcp, ok := conn.(*net.TCPConn); ok {
					_ = tcp.SetLinger(0)
				}
				_ = conn.Close()
			}
		}
	case f.StallAfter > 0:
		w.Header().Set("Content-Length", fmt.Sprint(len(f.Body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body[:min(f.StallAfter, len(f.Body))]))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		<-r.Context().Done()
	default:
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body))
	}
}

// Body is a helper for faults that serve a seeded campaign.
func (s *Server) Body(campaignID string) string {
	b, _ := s.Campaign(OrgID, WorkspaceID, campaignID)
	return string(bytes.TrimSpace(b))
}
