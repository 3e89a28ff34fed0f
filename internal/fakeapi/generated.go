package fakeapi

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Generated says what NewGenerated made: only what a test cannot find by
// listing, and the counts, for tests of the generator itself.
type Generated struct {
	Org, Workspace string
	// Campaigns, Cohorts and Webhooks count what the key's workspace holds.
	Campaigns, Cohorts, Webhooks int
	// SharedName is the name of two campaigns; CaseTwin differs from it
	// only in case and names a third.
	SharedName, CaseTwin string
	// WebhookID is one of the webhook configurations.
	WebhookID string
	// OtherWorkspace, in the same org, holds ForeignCampaignID, which the
	// key may not read.
	OtherWorkspace, ForeignCampaignID string
}

// NewGenerated returns a Server whose data is made from seed, unlike the
// demo fixtures in every name and count: a few hundred campaigns in an org
// and workspace of their own, two of them sharing a name and a third whose
// name differs from theirs only in case, many with their optional fields
// null or absent, some with unknown statuses; cohorts for about a quarter of
// the campaigns, with names shared and differing in case within one
// campaign; five webhook configurations, two of whose names differ only in
// case; and a campaign in another workspace of the org. apiKey belongs to
// the generated workspace, which is the server's home. The same seed gives
// the same data.
func NewGenerated(apiKey string, seed uint64) (*Server, Generated) {
	g := generator{rng: rand.New(rand.NewPCG(seed, 0x5a4a_11ce)), seed: seed}
	s := newServer()
	out := g.fill(s)
	// The key's workspace is the server's home: what Home names and
	// AddCampaigns adds to.
	s.home = scope{org: out.Org, ws: out.Workspace}
	s.keys[apiKey] = s.home
	return s, out
}

type generator struct {
	rng  *rand.Rand
	seed uint64
	// epoch is when the first generated item was created.
	epoch time.Time
}

var (
	genThemes = []string{"Collections", "Renewal", "Onboarding", "Feedback", "Survey", "Recovery", "Welcome", "Reactivation", "KYC", "Upsell"}
	genWords  = []string{"west zone", "tier 2", "priority", "weekend", "hindi", "tamil", "pilot", "batch", "retry wave", "north"}
	// genStatuses weighs the documented statuses and lets an unknown one
	// through now and then, as the API may add one.
	genStatuses = []string{"scheduled", "active", "active", "paused", "ended", "ended", "ended", "cancelled", "scheduled", "draft_review"}
	genOffsets  = []string{"Z", "+05:30", "+00:00", "-04:00"}
	genDays     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

func (g *generator) fill(s *Server) Generated {
	out := Generated{
		Org:            fmt.Sprintf("org-gen-%x", g.seed),
		Workspace:      fmt.Sprintf("ws-gen-%x-main", g.seed),
		OtherWorkspace: fmt.Sprintf("ws-gen-%x-other", g.seed),
	}
	g.epoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.rng.IntN(365*24)) * time.Hour)
	sc := scope{org: out.Org, ws: out.Workspace}
	out.Campaigns = 200 + g.rng.IntN(201)
	out.SharedName = fmt.Sprintf("%s %s shared", g.pick(genThemes), g.pick(genWords))
	out.CaseTwin = strings.ToUpper(out.SharedName)
	for i := range out.Campaigns {
		id := fmt.Sprintf("GC-%x-%04d", g.seed, i)
		name := fmt.Sprintf("%s %s %d", g.pick(genThemes), g.pick(genWords), i)
		switch i {
		case 17, 143:
			name = out.SharedName
		case 88:
			name = out.CaseTwin
		}
		s.items.put(campaigns, sc, id, g.campaign(id, name, i))
		if g.rng.IntN(4) == 0 || i == 17 {
			out.Cohorts += g.cohorts(s, scope{org: sc.org, ws: sc.ws, parent: id}, i == 17)
		}
	}
	for i, name := range []string{"Ops alerts", "OPS Alerts", "Data lake sink", "Partner CRM", "Audit trail"} {
		id := fmt.Sprintf("wh-gen-%x-%d", g.seed, i)
		s.items.put(webhooks, sc, id, g.webhook(id, name, i))
		out.WebhookID = id
		out.Webhooks++
	}
	out.ForeignCampaignID = fmt.Sprintf("GC-%x-other-0001", g.seed)
	s.items.put(campaigns, scope{org: out.Org, ws: out.OtherWorkspace}, out.ForeignCampaignID, g.campaign(out.ForeignCampaignID, "Elsewhere only", 0))
	return out
}

func (g *generator) pick(from []string) string { return from[g.rng.IntN(len(from))] }

// maybe is v one time in n, else nil (a JSON null).
func (g *generator) maybe(n int, v any) any {
	if g.rng.IntN(n) == 0 {
		return v
	}
	return nil
}

// stamp is the i-th item's time, in one of several offsets and sometimes
// with fractional seconds. Items a few apart may share a time.
func (g *generator) stamp(i int, later time.Duration) string {
	t := g.epoch.Add(time.Duration(i/3)*97*time.Minute + later)
	layout := "2006-01-02T15:04:05"
	if g.rng.IntN(3) == 0 {
		layout += ".000000"
	}
	off := g.pick(genOffsets)
	switch off {
	case "+05:30":
		t = t.In(time.FixedZone("", 5*3600+1800))
	case "-04:00":
		t = t.In(time.FixedZone("", -4*3600))
	}
	if off == "Z" {
		return t.UTC().Format(layout) + "Z"
	}
	return t.Format(layout) + off
}

// campaign is a campaign the API could return, with optional parts left
// out or null at random.
func (g *generator) campaign(id, name string, i int) []byte {
	appType := []string{"agent", "workflow"}[g.rng.IntN(2)]
	appID := any(fmt.Sprintf("app-%s-%02d", appType, g.rng.IntN(40)))
	appVersion := any(1 + g.rng.IntN(9))
	if g.rng.IntN(10) == 0 {
		// A campaign that runs an experiment has neither.
		appID, appVersion = nil, nil
	}
	created := g.stamp(i, 0)
	retry := object{"max_retries": g.rng.IntN(6)}
	switch g.rng.IntN(3) {
	case 0:
		retry["retry_interval_minutes"] = []int{}
	case 1:
		retry["retry_interval_minutes"] = []int{10, 30}
	default:
		retry["retry_interval_minutes"] = 15 + g.rng.IntN(45)
	}
	if g.rng.IntN(2) == 0 {
		retry["retry_on"] = object{"busy": object{"enabled": true}, "no_answer": object{"enabled": g.rng.IntN(2) == 0}}
	}
	appConfig := object{
		"app_id": appID, "app_version": appVersion,
		"attempts_per_second": float64(1+g.rng.IntN(5000)) / 10,
		"connection_configs": []object{{
			"connection_id": fmt.Sprintf("conn-%02d", g.rng.IntN(8)),
			"phone_numbers": []string{fmt.Sprintf("+9100000%05d", g.rng.IntN(100000))}, "weight": 1 + g.rng.IntN(3),
		}},
		"retry_config": retry, "app_type": appType,
	}
	if g.rng.IntN(3) == 0 {
		appConfig["webhook_config"] = object{"url": fmt.Sprintf("https://hooks.example.org/gen/%d", i), "metadata": object{"batch": i}}
	}
	if g.rng.IntN(4) == 0 {
		appConfig["phone_rotation"] = object{"agent": g.rng.IntN(2) == 0}
	}
	days := make([]string, 0, 7)
	for _, d := range genDays {
		if g.rng.IntN(3) != 0 {
			days = append(days, d)
		}
	}
	c := object{
		"name": name, "campaign_id": id, "status": g.pick(genStatuses), "app_id": appID,
		"created_by": fmt.Sprintf("user%02d@example.org", g.rng.IntN(20)),
		"created_at": created, "updated_at": g.stamp(i, time.Duration(g.rng.IntN(72))*time.Hour),
		"app_config":      appConfig,
		"start_timestamp": g.stamp(i, 24*time.Hour), "end_timestamp": g.stamp(i, 24*time.Hour*time.Duration(2+g.rng.IntN(60))),
		"allowed_schedule": object{
			"allowed_start_time": fmt.Sprintf("%02d:00", 8+g.rng.IntN(3)), "allowed_end_time": fmt.Sprintf("%02d:30", 17+g.rng.IntN(4)),
			"allowed_days": days, "timezone": []string{"Asia/Kolkata", "Asia/Dubai", "UTC"}[g.rng.IntN(3)],
		},
		"description": g.maybe(3, fmt.Sprintf("Generated campaign %d.", i)),
		"app_version": appVersion,
		"updated_by":  g.maybe(2, "editor@example.org"),
	}
	if g.rng.IntN(4) != 0 {
		c["app_type"] = appType
	}
	if g.rng.IntN(5) == 0 {
		c["webhook_config"] = g.maybe(2, object{"webhook_id": fmt.Sprintf("wh-gen-%x-%d", g.seed, g.rng.IntN(5))})
	}
	return mustJSON(c)
}

// cohorts stores between 1 and 15 cohorts in sc, and when named is true a
// pair sharing a name and a third whose name differs only in case.
func (g *generator) cohorts(s *Server, sc scope, named bool) int {
	n := 1 + g.rng.IntN(15)
	if named {
		n = max(n, 4)
	}
	for j := range n {
		id := fmt.Sprintf("coh-%s-%02d", sc.parent, j)
		name := fmt.Sprintf("Upload %d of %s", j+1, g.pick(genWords))
		if named && j < 3 {
			name = []string{"Defaulters batch A", "Defaulters batch A", "defaulters batch a"}[j]
		}
		status := []string{"completed", "completed", "processing", "failed"}[g.rng.IntN(4)]
		var result any
		if status != "processing" {
			total := 10 + g.rng.IntN(5000)
			rejected := 0
			if status == "failed" {
				rejected = 1 + g.rng.IntN(total)
			}
			result = object{"total_records": total, "valid_records": total - rejected, "rejected_records": rejected}
		}
		s.items.put(cohorts, sc, id, mustJSON(object{
			"name": name, "cohort_id": id, "status": status,
			"source_type": []string{"csv_upload", "api"}[g.rng.IntN(2)],
			"created_by":  "uploader@example.org", "created_at": g.stamp(j, 0), "updated_at": g.stamp(j, time.Hour),
			"result": result, "updated_by": g.maybe(2, "uploader@example.org"),
		}))
	}
	return n
}

func (g *generator) webhook(id, name string, i int) []byte {
	var headers any
	if g.rng.IntN(2) == 0 {
		headers = object{"X-Source": "sarvam", "X-Index": fmt.Sprint(i)}
	}
	return mustJSON(object{
		"webhook_id": id, "name": name, "url": fmt.Sprintf("https://receiver.example.org/%d", i),
		"created_by": "admin@example.org", "created_at": g.stamp(i, 0), "updated_at": g.stamp(i, time.Minute),
		"custom_headers": headers, "updated_by": g.maybe(2, "admin@example.org"),
	})
}

// seedListing stores the campaigns that lists and by-name lookups are tested
// on. They are generated rather than fixtures: every campaign fixture is also
// a decoding seed with its expected value written out in the client's tests.
func (s *Server) seedListing() {
	sc := s.home
	for _, c := range []struct{ id, name, status, created string }{
		{RenewalsQ3ActiveID, "Renewals Q3", "active", "2026-10-01T09:00:00Z"},
		{RenewalsQ3PausedID, "Renewals Q3", "paused", "2026-10-01T09:00:00Z"},
		{RenewalsID, "Renewals", "ended", "2026-06-01T09:00:00Z"},
	} {
		s.items.put(campaigns, sc, c.id, synthCampaign(c.id, c.name, c.status, c.created))
	}
}

var synthStatuses = []string{"scheduled", "active", "paused", "ended", "cancelled"}

// AddCampaigns stores n generated campaigns in the server's home workspace,
// named namePrefix and a four-digit number from 0001, with statuses taken in
// turn from scheduled, active, paused, ended and cancelled. Each is newer
// than the last and than every fixture. It returns their ids in order.
func (s *Server) AddCampaigns(n int, namePrefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, n)
	for i := range n {
		s.generated++
		ids[i] = fmt.Sprintf("GEN-%06d", s.generated)
		name := fmt.Sprintf("%s %04d", namePrefix, i+1)
		status := synthStatuses[(s.generated-1)%len(synthStatuses)]
		s.items.put(campaigns, s.home, ids[i], synthCampaign(ids[i], name, status, generatedTime(s.generated)))
	}
	return ids
}
