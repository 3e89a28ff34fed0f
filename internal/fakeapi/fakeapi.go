package fakeapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"time"
)

// Seeded identifiers. Every seeded resource lives in this org and workspace.
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

	// Campaigns for list and by-name tests: two share the name "Renewals Q3"
	// and the same created_at (so the order between them is the id's), and
	// one is named "Renewals", a near miss for both.
	RenewalsQ3ActiveID = "RNW-Q3-Act-2b7d4e61-0c3a"
	RenewalsQ3PausedID = "RNW-Q3-Pau-9e1f5a27-4d8b"
	RenewalsID         = "RNW-All-Re-5c3a8b90-e2f4"
)

// Seeded cohorts. LoanRemindersID has LoanRemindersCohorts cohorts,
// coh-emi-nov-01 to coh-emi-nov-12, every one completed with no rejected
// records; PolicyRenewalID has the three below; LeadFollowupID has none.
const (
	LoanRemindersCohorts      = 12
	LoanRemindersFirstCohort  = "coh-emi-nov-01"
	RenewalCohortCompletedID  = "coh-rnw-dec-a"
	RenewalCohortProcessingID = "coh-rnw-dec-b" // result null
	RenewalCohortFailedID     = "coh-rnw-dec-c" // rejected records, updated_by null
)

// Seeded webhook configurations.
const (
	// WebhookWithHeadersID has custom headers, one of them an
	// Authorization header whose value is WebhookAuthHeaderValue.
	WebhookWithHeadersID   = "wh-crm-attempts-01"
	WebhookAuthHeaderValue = "Bearer whsec_LEAKCHECK_hdr_7f3a91c2"
	// WebhookNoHeadersID has custom_headers and updated_by null.
	WebhookNoHeadersID = "wh-analytics-02"
	// WebhookWithSecretID also carries signing_secret, which the API
	// returns only when a configuration is created: nothing may expose it.
	WebhookWithSecretID  = "wh-signed-03"
	WebhookSigningSecret = "whsec_LEAKCHECK_signing_5d8e02ab"
	// WebhookCaseTwinID is named "CRM Attempt Updates", a name that differs
	// from WebhookWithHeadersID's only in case.
	WebhookCaseTwinID = "wh-crm-legacy-04"
)

// New returns a Server seeded with the bundled fixtures in OrgID and
// WorkspaceID, whose one key, apiKey, belongs there. AddKey adds more.
func New(apiKey string) *Server {
	s, _, err := NewFrom(Options{APIKey: apiKey})
	if err != nil {
		panic(err)
	}
	return s
}

// Options are what NewFrom serves, and where.
type Options struct {
	// Org and Workspace hold the data; empty means OrgID or WorkspaceID.
	Org, Workspace string
	// APIKey is the key accepted, there only.
	APIKey string
	// Fixtures is a directory in the layout of fixtures/, with an optional
	// faults.json (see the package documentation). Nil serves the demo
	// data.
	Fixtures fs.FS
	// Strict refuses a fixture field the API is not known to send, which
	// is otherwise served and named in the notes.
	Strict bool
}

// NewFrom returns a Server holding o's data. A fixture the API could not
// have returned is an error, a *FixtureError naming every file, field and
// problem; a value outside a documented enum is served, and named in notes.
func NewFrom(o Options) (s *Server, notes []string, err error) {
	home := scope{org: cmp.Or(o.Org, OrgID), ws: cmp.Or(o.Workspace, WorkspaceID)}
	s = newServer()
	s.home = home
	s.keys[o.APIKey] = home
	if o.Fixtures == nil {
		s.items.loadFixtures(demoFixtures(), home)
		s.seedListing()
		return s, nil, nil
	}
	found, notes, err := readFixtures(o.Fixtures, o.Strict)
	if err != nil {
		return nil, notes, err
	}
	faults, err := readFaults(o.Fixtures)
	if err != nil {
		return nil, notes, err
	}
	s.items.loadFixtures(found, home)
	for _, f := range faults {
		s.AddPathFault(f)
	}
	return s, notes, nil
}

// Home is the org and workspace the server's data was loaded into.
func (s *Server) Home() (org, workspace string) {
	return s.home.org, s.home.ws
}

// newServer is a Server with no items and no keys, at home in OrgID and
// WorkspaceID.
func newServer() *Server {
	s := &Server{items: store{}, keys: map[string]scope{}, sleep: sleep, conns: map[string]bool{}, home: scope{org: OrgID, ws: WorkspaceID}}
	s.handler = s.logRequests(s.record(s.delay(s.inject(s.guard(s.routes())))))
	return s
}

// Put stores (or replaces) a campaign body, served as is.
func (s *Server) Put(org, workspace, campaignID string, body []byte) {
	s.put(campaigns, scope{org: org, ws: workspace}, campaignID, body)
}

// Campaign returns a seeded or stored campaign body.
func (s *Server) Campaign(org, workspace, campaignID string) ([]byte, bool) {
	return s.body(campaigns, scope{org: org, ws: workspace}, campaignID)
}

// PutCohort stores (or replaces) a cohort body of a campaign, served as is.
// The campaign must exist for the cohort to be served.
func (s *Server) PutCohort(org, workspace, campaignID, cohortID string, body []byte) {
	s.put(cohorts, scope{org: org, ws: workspace, parent: campaignID}, cohortID, body)
}

// Cohort returns a seeded or stored cohort body.
func (s *Server) Cohort(org, workspace, campaignID, cohortID string) ([]byte, bool) {
	return s.body(cohorts, scope{org: org, ws: workspace, parent: campaignID}, cohortID)
}

// PutWebhook stores (or replaces) a webhook configuration body, served as is.
func (s *Server) PutWebhook(org, workspace, webhookID string, body []byte) {
	s.put(webhooks, scope{org: org, ws: workspace}, webhookID, body)
}

// Webhook returns a seeded or stored webhook configuration body.
func (s *Server) Webhook(org, workspace, webhookID string) ([]byte, bool) {
	return s.body(webhooks, scope{org: org, ws: workspace}, webhookID)
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

// Body is a helper for faults that serve a seeded campaign.
func (s *Server) Body(campaignID string) string {
	b, _ := s.Campaign(s.home.org, s.home.ws, campaignID)
	return string(bytes.TrimSpace(b))
}

// ServeHTTP implements the read endpoints of the scheduling API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Stats returns the counts so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// StatsPath is where WithStats serves Stats as JSON.
const StatsPath = "/_stats"

// WithStats is the API plus GET StatsPath, outside the API's mount and
// without a key, answering Stats as {"requests":N,"connections":M}. Reading
// the stats is not itself counted.
func (s *Server) WithStats() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != StatsPath || r.Method != http.MethodGet {
			s.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.Stats())
	})
}

// record keeps what every request looked like, before anything can refuse
// it, and counts requests and connections.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-API-Key")
		s.mu.Lock()
		_, known := s.keys[key]
		s.requests = append(s.requests, Request{
			Method:      r.Method,
			EscapedPath: r.URL.EscapedPath(),
			RawQuery:    r.URL.RawQuery,
			UserAgent:   r.UserAgent(),
			KeyPresent:  key != "",
			KeyMatched:  known,
		})
		s.stats.Requests++
		if !s.conns[r.RemoteAddr] {
			s.conns[r.RemoteAddr] = true
			s.stats.Connections++
			r = r.WithContext(context.WithValue(r.Context(), newConnKey{}, true))
		}
		s.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

// newConnKey marks the first request of a connection.
type newConnKey struct{}

// delay holds a request for RequestDelay, plus ConnDelay on a new connection.
func (s *Server) delay(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := s.RequestDelay
		if r.Context().Value(newConnKey{}) != nil {
			d += s.ConnDelay
		}
		if d > 0 && !s.sleep(r.Context(), d) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// inject serves the next queued fault, or else the path fault for the
// request, instead of the API. Faults apply whatever the key: they stand
// for what a gateway in front of the API might answer.
func (s *Server) inject(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		var fault *Fault
		var which string
		if len(s.faults) > 0 {
			f := s.faults[0]
			s.faults = s.faults[1:]
			fault, which = &f, "queued"
		} else {
			fault, which = s.pathFault(r)
		}
		s.mu.Unlock()
		if fault != nil {
			noteFault(r, which)
			s.serveFault(w, r, *fault)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// guard refuses what the API refuses before routing: any method but GET (the
// fake serves reads only) and a missing or unknown key. Whether the key
// belongs to the path's workspace is for the route to say (admit).
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed", "method_not_allowed", "", nil)
			return
		}
		key := r.Header.Get("X-API-Key")
		if key == "" {
			writeError(w, http.StatusUnauthorized, "Missing API key. Pass it in the X-API-Key header.", "authentication_error", "missing_api_key", nil)
			return
		}
		own, ok := s.lookupKey(key)
		if !ok {
			writeError(w, http.StatusUnauthorized, "Invalid API key.", "authentication_error", "invalid_api_key", nil)
			return
		}
		next.ServeHTTP(w, withKeyScope(r, own))
	})
}
